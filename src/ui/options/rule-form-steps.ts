// Workflow step fields and the ask-agent action as form values (see rule-form.ts). Pure.
import { t } from '../../util/i18n';
import {
  asRecord,
  conditionFromForm,
  conditionToForm,
  type Issue,
  numberFrom,
  type StepForm,
  str,
} from './rule-form-parts';

const ON_MANY = ['first', 'ask'] as const;
const ON_MANY_DEFAULT = ['first', 'create', 'skip'] as const;
const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | '' =>
  allowed.includes(v as T) ? (v as T) : '';

export function emptyStep(): StepForm {
  return {
    id: '',
    if: [],
    rememberContact: '',
    rememberConversation: '',
    find: false,
    matches: '',
    onMany: '',
    candidateLabel: '',
    askTimeoutMs: '',
    onManyDefault: '',
  };
}

/** The step fields of an action (parsed, or as typed in JSON). */
export function stepToForm(a: Record<string, unknown>): StepForm {
  const remember = asRecord(a.remember);
  return {
    id: str(a.id),
    if: Array.isArray(a.if) ? a.if.map(conditionToForm) : [],
    rememberContact: str(remember.contact),
    rememberConversation: str(remember.conversation),
    find: typeof a.matches === 'string',
    matches: str(a.matches),
    onMany: pick(a.onMany, ON_MANY),
    candidateLabel: str(a.candidateLabel),
    askTimeoutMs: typeof a.askTimeoutMs === 'number' ? String(a.askTimeoutMs) : '',
    onManyDefault: pick(a.onManyDefault, ON_MANY_DEFAULT),
  };
}

/** Step form → the action's step fields (only those set); find fields only on an http action. */
export function stepFromForm(f: StepForm, kind: string, path: string, issues: Issue[]) {
  const out: Record<string, unknown> = {};
  if (f.id.trim()) out.id = f.id.trim();
  if (f.if.length) out.if = f.if.map((c, i) => conditionFromForm(c, `${path}.if.${i}`, issues));
  if (f.rememberContact || f.rememberConversation)
    out.remember = {
      ...(f.rememberContact ? { contact: f.rememberContact } : {}),
      ...(f.rememberConversation ? { conversation: f.rememberConversation } : {}),
    };
  if (kind !== 'http') return out;
  if (f.find) out.matches = f.matches;
  if (f.onMany) out.onMany = f.onMany;
  if (f.candidateLabel) out.candidateLabel = f.candidateLabel;
  if (f.askTimeoutMs.trim()) {
    const ms = numberFrom(f.askTimeoutMs);
    if (ms === undefined)
      issues.push({ path: `${path}.askTimeoutMs`, message: 'enter a number of milliseconds' });
    out.askTimeoutMs = ms ?? f.askTimeoutMs;
  }
  if (f.onManyDefault) out.onManyDefault = f.onManyDefault;
  return out;
}

/** The ask-agent action without its kind and step fields, as the JSON the form edits. */
export function askAgentToForm(a: Record<string, unknown>): string {
  const { kind: _k, id: _i, if: _if, remember: _r, ...rest } = a;
  const value =
    Object.keys(rest).length > 0
      ? rest
      : { form: [{ name: 'note', label: t('options.steps.defaultNoteLabel'), type: 'textarea' }] };
  return JSON.stringify(value, null, 2);
}

export function askAgentFromForm(json: string, path: string, issues: Issue[]): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch (e) {
    issues.push({ path: `${path}.form`, message: `not valid JSON: ${(e as Error).message}` });
    return {};
  }
  issues.push({ path: `${path}.form`, message: 'must be a JSON object like {"form": [...]}' });
  return {};
}
