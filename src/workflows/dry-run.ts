import { type DryAction, previewAction } from '../actions/dry-run';
import type { BridgeEvent } from '../events/model';
import { FLOW_PRESETS } from '../presets';
import { describeCondition } from '../rules/conditions';
import { type Action, ActionSchema, type Condition } from '../rules/schema';
import type { SecretAccess } from '../templates/segments';
import { chooseMatch, matchList, stepResult } from './result';
import { holds, renderText } from './step';
import type { LinkValues, StepResult } from './types';

/** A step's documented answer (a preset's `samples`), used to simulate it for the steps after it. */
export type StepSamples = Record<string, { status: number; body: unknown }>;

/**
 * One step of a workflow rule as the editor's live preview and dry run show it (issue 17): what it
 * would send over the sample event, with earlier steps' answers simulated from the samples; or why it
 * is skipped; or which earlier steps' answers it depends on when those cannot be simulated.
 */
export interface StepPreview {
  index: number;
  id?: string;
  kind: Action['kind'];
  /** runs: rendered over known values; depends: on an answer not known here; skipped; invalid: fix the fields. */
  state: 'runs' | 'depends' | 'skipped' | 'invalid';
  /** skipped: the condition that did not hold. */
  why?: string;
  /** The earlier steps whose answers this step reads and that could not be simulated. */
  dependsOn: string[];
  preview?: DryAction;
  /** The simulated answer (a sample) the steps after it read as `steps.<id>`. */
  answer?: { status: number; count?: number; picked?: boolean };
}

export interface StepPreviewOptions {
  samples?: StepSamples;
  secrets: SecretAccess | readonly string[];
  /** Records already linked to this contact / conversation (default none: a new visitor). */
  links?: LinkValues;
  /** What `conversation.transcript` shows in place of a real transcript. */
  transcript?: string;
}

const STEP_REF = /\bsteps\.([a-z][a-z0-9_]*)/g;
const LINK_REF = /\blinks\.(contact|conversation)\b/g;

/** Step ids and link kinds a piece of an action (templates, conditions) reads. */
function refs(value: unknown): { steps: string[]; links: Array<keyof LinkValues> } {
  const text = JSON.stringify(value) ?? '';
  return {
    steps: [...text.matchAll(STEP_REF)].map((m) => m[1] as string),
    links: [...text.matchAll(LINK_REF)].map((m) => m[1] as keyof LinkValues),
  };
}

/** The preset a rule was made from, found by its http steps (id and URL), for its sample answers. */
export function presetSamples(actions: readonly unknown[]): StepSamples | undefined {
  const key = (list: readonly unknown[]) =>
    list
      .map((a) => a as { kind?: string; id?: string; url?: string })
      .filter((a) => a.kind === 'http' && a.id)
      .map((a) => `${a.id} ${a.url}`)
      .join('\n');
  const mine = key(actions);
  if (!mine) return undefined;
  return FLOW_PRESETS.find((p) => key(p.rule.then) === mine)?.samples;
}

/**
 * The records a returning visitor would have linked: each step's `remember` over its sample answer
 * (the first that renders), so the preview can show the steps that need a link (the note at close).
 */
export function sampleLinks(actions: readonly unknown[], samples: StepSamples = {}): LinkValues {
  const out: LinkValues = {};
  for (const candidate of actions) {
    const parsed = ActionSchema.safeParse(candidate);
    if (!parsed.success || !parsed.data.id || !parsed.data.remember) continue;
    const { id, remember } = parsed.data;
    const sample = samples[id];
    if (!sample) continue;
    const matches = parsed.data.kind === 'http' ? parsed.data.matches : undefined;
    const steps = { [id]: stepResult(sample.status, JSON.stringify(sample.body), matches) };
    for (const kind of ['contact', 'conversation'] as const) {
      const tpl = remember[kind];
      if (tpl && !out[kind]) out[kind] = renderText(tpl, { steps, links: out }) || undefined;
    }
  }
  return out;
}

/** The steps of a workflow rule over a sample event, in order, as the engine would run them. */
export function previewSteps(
  actions: readonly unknown[],
  event: BridgeEvent,
  opts: StepPreviewOptions,
): StepPreview[] {
  const results: Record<string, StepResult> = {};
  const links: LinkValues = { ...opts.links };
  const wrapup: Record<string, string> = {};
  /** Step ids whose answers are not known here, and link kinds set from them. */
  const unknown = new Set<string>();
  const unknownLinks = new Map<keyof LinkValues, string>();
  const conversation = event.conversation && {
    ...event.conversation,
    transcript: opts.transcript ?? '',
    messages: [],
  };
  const scope = (): BridgeEvent =>
    ({ ...event, ...(conversation ? { conversation } : {}), steps: results, links, wrapup }) as BridgeEvent;
  const unknownOf = (value: unknown): string[] => {
    const r = refs(value);
    const ids = [
      ...r.steps.filter((s) => unknown.has(s)),
      ...r.links.flatMap((k) => unknownLinks.get(k) ?? []),
    ];
    return [...new Set(ids)];
  };

  return actions.map((candidate, index): StepPreview => {
    const raw = candidate as { kind?: Action['kind']; id?: string };
    const parsed = ActionSchema.safeParse(candidate);
    if (!parsed.success)
      return { index, id: raw?.id, kind: raw?.kind ?? 'http', state: 'invalid', dependsOn: [] };
    const action = parsed.data;
    const base = { index, id: action.id, kind: action.kind };
    // `if`: a condition on a known value decides; one on an unknown answer leaves the step pending.
    const pending: string[] = [];
    let failed: Condition | undefined;
    for (const c of action.if ?? []) {
      const deps = unknownOf(c.path);
      if (deps.length) pending.push(...deps);
      else if (!holds(scope(), c)) {
        failed = c;
        break;
      }
    }
    if (failed) {
      const why = describeCondition(failed);
      if (action.id) results[action.id] = { skipped: true, why: `skipped: ${why} did not hold` };
      return { ...base, state: 'skipped', why, dependsOn: [] };
    }
    const { if: _if, remember: _remember, ...body } = action;
    const preview = previewAction(action, scope(), opts.secrets, index);
    const dependsOn = [...new Set([...pending, ...unknownOf(body)])];
    let answer: StepPreview['answer'];
    if (action.id && action.kind === 'http') {
      const sample = opts.samples?.[action.id];
      if (sample) {
        let r = stepResult(sample.status, JSON.stringify(sample.body), action.matches);
        // Several matches and `onMany: ask`: the agent would pick; the preview goes on with the first.
        const picked = action.onMany === 'ask' && (r.count ?? 0) > 1;
        const path = action.matches ?? '';
        if (picked) r = chooseMatch(r, path, matchList(r.body, path).slice(0, 1));
        results[action.id] = r;
        answer = { status: sample.status, count: r.count, picked };
      } else unknown.add(action.id);
    } else if (action.id) results[action.id] = { ok: true };
    if (action.kind === 'ask-agent')
      for (const f of action.form) wrapup[f.name] = f.default ? renderText(f.default, scope()) : '';
    for (const kind of ['contact', 'conversation'] as const) {
      const tpl = action.remember?.[kind];
      if (!tpl) continue;
      const from = unknownOf(tpl);
      if (from.length || pending.length) {
        unknownLinks.set(kind, from[0] ?? pending[0] ?? action.id ?? '');
        continue;
      }
      const value = renderText(tpl, scope());
      if (value) {
        links[kind] = value;
        unknownLinks.delete(kind);
      }
    }
    return { ...base, state: dependsOn.length ? 'depends' : 'runs', dependsOn, preview, answer };
  });
}
