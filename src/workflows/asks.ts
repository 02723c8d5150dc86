import type { Action } from '../rules/schema';
import { renderTemplate } from '../templates/engine';
import { t } from '../util/i18n';
import { STORES } from '../util/idb';
import { chooseMatch, matchList } from './result';
import { allRows, deleteRow, getRow, putRow } from './store';
import type { ChainRecord, StepResult } from './types';

type HttpStep = Extract<Action, { kind: 'http' }>;
type AskStep = Extract<Action, { kind: 'ask-agent' }>;

export const ASK_LIMITS = { candidates: 20, labelChars: 200, valueChars: 5000, pickTimeoutMs: 3_600_000 };

export interface AskField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'select';
  options?: string[];
  required: boolean;
  /** The rendered prefill, also the value on timeout. */
  default: string;
}

/**
 * A question parked for the agent (store `asks`, keyPath `id`): pick one of several matches, or fill a
 * wrap-up form. `expiresAt` is the deadline: then the chain goes on with the rule's default.
 */
export interface AskRecord {
  id: string;
  chainId: string;
  step: number;
  kind: 'pick' | 'wrapup';
  title: string;
  ruleName: string;
  /** Who it is about (the source's contact name, email or phone) and the conversation. */
  about?: string;
  conversationId?: string;
  candidates?: Array<{ label: string }>;
  onManyDefault?: 'first' | 'create' | 'skip';
  fields?: AskField[];
  present?: 'window' | 'notification';
  createdAt: number;
  expiresAt: number;
}

export type AskAnswer =
  | { kind: 'pick'; choice: number | 'create' }
  | { kind: 'wrapup'; values: Record<string, string> };

export const askId = (chain: ChainRecord): string => `${chain.id}:${chain.step}`;
export const ASK_ALARM_PREFIX = 'ask:';

const render = (tpl: string, scope: object): string => {
  try {
    return renderTemplate(tpl, scope as Record<string, unknown>, 'text').value;
  } catch {
    return '';
  }
};

function about(chain: ChainRecord): string | undefined {
  const c = chain.event.contact;
  return c?.name || c?.email || c?.phone || c?.platformId || undefined;
}

/** A find step with several matches and `onMany: ask`: the candidates, labelled by `candidateLabel`. */
export function pickAsk(chain: ChainRecord, action: HttpStep, result: StepResult, now: number): AskRecord {
  const list = matchList(result.body, action.matches ?? '').slice(0, ASK_LIMITS.candidates);
  const candidates = list.map((m, i) => {
    const label = action.candidateLabel ? render(action.candidateLabel, (m ?? {}) as object).trim() : '';
    const fallback =
      m && typeof m === 'object' && 'id' in m ? String((m as { id: unknown }).id) : `#${i + 1}`;
    return { label: (label || fallback).slice(0, ASK_LIMITS.labelChars) };
  });
  return {
    id: askId(chain),
    chainId: chain.id,
    step: chain.step,
    kind: 'pick',
    title: t('notifications.severalMatch'),
    ruleName: chain.rule.name || chain.rule.id,
    about: about(chain),
    conversationId: chain.event.conversation?.id,
    candidates,
    onManyDefault: action.onManyDefault ?? 'first',
    createdAt: now,
    expiresAt: now + (action.askTimeoutMs ?? ASK_LIMITS.pickTimeoutMs),
  };
}

/** An ask-agent step: its form with each field's default rendered over the chain context. */
export function wrapupAsk(chain: ChainRecord, action: AskStep, scope: object, now: number): AskRecord {
  return {
    id: askId(chain),
    chainId: chain.id,
    step: chain.step,
    kind: 'wrapup',
    title: render(action.title, scope).slice(0, 500),
    ruleName: chain.rule.name || chain.rule.id,
    about: about(chain),
    conversationId: chain.event.conversation?.id,
    fields: action.form.map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      options: f.options,
      required: f.required,
      default: f.default ? render(f.default, scope).slice(0, ASK_LIMITS.valueChars) : '',
    })),
    present: action.present,
    createdAt: now,
    expiresAt: now + action.answerTimeoutMs,
  };
}

/**
 * Applies an answer (or, `undefined`, the timeout's default) to the parked chain. Returns what the
 * journal says, and whether the rest of the chain is skipped (`onManyDefault: skip`).
 */
export function applyAnswer(
  chain: ChainRecord,
  ask: AskRecord,
  answer: AskAnswer | undefined,
): { detail: string; stop?: boolean } {
  const action = chain.rule.then[ask.step];
  if (ask.kind === 'pick' && action?.kind === 'http') {
    const id = action.id;
    const prior = id ? chain.results[id] : undefined;
    const list = matchList(prior?.body, action.matches ?? '');
    const choice =
      answer?.kind === 'pick'
        ? answer.choice
        : ask.onManyDefault === 'create'
          ? 'create'
          : ask.onManyDefault === 'skip'
            ? undefined
            : 0;
    if (choice === undefined)
      return { detail: 'nobody picked a record in time: the rest was skipped', stop: true };
    const chosen = choice === 'create' ? [] : list.slice(choice, choice + 1);
    if (id && prior) chain.results[id] = chooseMatch(prior, action.matches ?? '', chosen);
    const who = answer ? 'the agent' : 'the timeout default';
    return {
      detail:
        choice === 'create'
          ? `${who} chose to create a new record`
          : `${who} picked ${ask.candidates?.[choice]?.label ?? choice}`,
    };
  }
  const values: Record<string, string> = {};
  for (const f of ask.fields ?? []) {
    const given = answer?.kind === 'wrapup' ? answer.values[f.name] : undefined;
    values[f.name] = (typeof given === 'string' ? given : f.default).slice(0, ASK_LIMITS.valueChars);
  }
  chain.wrapup = { ...chain.wrapup, ...values };
  if (action?.id) chain.results[action.id] = { ok: true };
  return { detail: answer ? 'answered by the agent' : 'not answered in time: the defaults were used' };
}

export const putAsk = (a: AskRecord) => putRow(STORES.asks, a);
export const getAsk = (id: string) => getRow<AskRecord>(STORES.asks, id);
export const deleteAsk = (id: string) => deleteRow(STORES.asks, id);
export const listAsks = async (): Promise<AskRecord[]> =>
  (await allRows<AskRecord>(STORES.asks)).sort((a, b) => a.createdAt - b.createdAt);
