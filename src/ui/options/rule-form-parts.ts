// Conditions and actions as form values (see rule-form.ts). Pure.
import type { Action, Condition, JsonTemplate } from '../../rules/schema';
import { t } from '../../util/i18n';

export interface Issue {
  /** Rule path, e.g. `then.0.headers` or `when.where.1.value` (also the form field's key). */
  path: string;
  message: string;
}

export type ConditionOp = Condition['op'];
export const CONDITION_OPS: readonly ConditionOp[] = [
  'exists',
  'not_exists',
  'equals',
  'not_equals',
  'contains',
  'starts_with',
  'matches',
  'in',
  'gt',
  'lt',
];

export type ActionKind = Action['kind'];
export const ACTION_KINDS: readonly ActionKind[] = [
  'http',
  'open-url',
  'agent-command',
  'fill',
  'click',
  'notify',
  'copy',
  'log',
  'ask-agent',
];

/** How a condition's value text is read: `in` takes a comma-separated list (or a JSON array). */
export type ValueType = 'text' | 'number' | 'boolean' | 'null' | 'json';

export interface ConditionForm {
  op: ConditionOp;
  path: string;
  value: string;
  valueType: ValueType;
  /** Regex flags (matches). */
  flags: string;
}

export interface KV {
  key: string;
  value: string;
}

/** A JSON template object edited as name → template rows when flat, else as JSON text. */
export interface JsonMapForm {
  mode: 'fields' | 'json';
  fields: KV[];
  json: string;
}

export interface PageForm {
  tab: 'source' | 'pattern';
  tabPattern: string;
  frameScope: string;
  /** Kept as imported (no field yet): which frames fill/click act in. */
  frames?: 'source' | 'all';
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A workflow step's fields (issue 17), on any action: its id, its `if` conditions, what it remembers,
 * and for an http find step the list path and what to do with several matches. Empty = not set.
 */
export interface StepForm {
  id: string;
  if: ConditionForm[];
  rememberContact: string;
  rememberConversation: string;
  /** `matches` is set (its path may be '': the response is the list itself). */
  find: boolean;
  matches: string;
  onMany: '' | 'first' | 'ask';
  candidateLabel: string;
  /** Milliseconds as typed ('' = the default). */
  askTimeoutMs: string;
  onManyDefault: '' | 'first' | 'create' | 'skip';
}

/** An action as form values: its kind's fields, and its step fields. */
export type ActionForm = ActionKindForm & { step: StepForm };

export type ActionKindForm =
  | {
      kind: 'http';
      method: HttpMethod;
      url: string;
      headers: KV[];
      bodyType: 'none' | 'json' | 'text';
      bodyJson: JsonMapForm;
      bodyText: string;
      contentType: string;
      timeoutMs: string;
    }
  | {
      kind: 'open-url';
      url: string;
      target: 'new' | 'reuse' | 'current';
      reusePattern: string;
      navigate: boolean;
    }
  | { kind: 'agent-command'; command: string; params: JsonMapForm }
  | { kind: 'fill'; page: PageForm; fields: KV[] }
  | { kind: 'click'; page: PageForm; selector: string }
  | { kind: 'notify'; title: string; message: string; url: string }
  | { kind: 'copy'; text: string }
  | { kind: 'log'; message: string }
  /** The wrap-up form (title, fields, timeout, where it shows) is edited as JSON. */
  | { kind: 'ask-agent'; json: string };

// ---------------------------------------------------------------- helpers

export const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const str = (v: unknown, d = '') => (typeof v === 'string' ? v : d);

export function numberFrom(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export const rowsOf = (rec: unknown): KV[] =>
  Object.entries(asRecord(rec)).map(([key, value]) => ({ key, value: str(value) }));

/** Rows → object (own properties even for "__proto__"); blank rows are skipped, problems reported. */
export function recordFrom(
  rows: readonly KV[],
  path: string,
  issues: Issue[],
  key?: { test: RegExp; what: string },
): Record<string, string> {
  const entries: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.key === '' && r.value === '') continue;
    if (r.key === '') issues.push({ path, message: `a row has a value but no name` });
    else if (seen.has(r.key)) issues.push({ path, message: `"${r.key}" appears twice` });
    else if (key && !key.test.test(r.key))
      issues.push({ path, message: `"${r.key}" is not a valid ${key.what}` });
    seen.add(r.key);
    entries.push([r.key, r.value]);
  }
  return Object.fromEntries(entries);
}

const isFlatStrings = (v: unknown): v is Record<string, string> =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.values(v as object).every((x) => typeof x === 'string');

export function jsonMapToForm(value: unknown): JsonMapForm {
  if (isFlatStrings(value)) return { mode: 'fields', fields: rowsOf(value), json: '' };
  return { mode: 'json', fields: [], json: JSON.stringify(value ?? {}, null, 2) };
}

export function jsonMapFromForm(
  f: JsonMapForm,
  path: string,
  issues: Issue[],
  objectOnly: boolean,
): JsonTemplate | undefined {
  if (f.mode === 'fields') return recordFrom(f.fields, path, issues);
  try {
    const v = JSON.parse(f.json) as JsonTemplate;
    if (objectOnly && (v === null || typeof v !== 'object' || Array.isArray(v)))
      issues.push({ path, message: 'must be a JSON object like {"name": "{{ contact.name }}"}' });
    return v;
  } catch (e) {
    issues.push({ path, message: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

/** Switches a JSON map between row and JSON editing, keeping its content when it can. */
export function switchJsonMapMode(f: JsonMapForm, mode: JsonMapForm['mode']): JsonMapForm | string {
  if (f.mode === mode) return f;
  if (mode === 'json')
    return { mode, fields: [], json: JSON.stringify(recordFrom(f.fields, '', []), null, 2) };
  try {
    const v: unknown = JSON.parse(f.json || '{}');
    if (!isFlatStrings(v)) return t('options.ruleEditor.notFlat');
    return { mode, fields: rowsOf(v), json: '' };
  } catch (e) {
    return t('options.ruleEditor.notJson', { error: (e as Error).message });
  }
}

// ---------------------------------------------------------------- conditions

const simpleList = (v: unknown[]) =>
  v.length > 0 && v.every((x) => typeof x === 'string' && x !== '' && x.trim() === x && !x.includes(','));

export function conditionToForm(input: unknown): ConditionForm {
  const c = asRecord(input);
  const op = str(c.op, 'exists') as ConditionOp;
  const base = { op, path: str(c.path), flags: str(c.flags) };
  const v = c.value;
  if (op === 'exists' || op === 'not_exists') return { ...base, value: '', valueType: 'text' };
  if (op === 'in') {
    const list = Array.isArray(v) ? v : [];
    if (list.length === 0 || simpleList(list)) return { ...base, value: list.join(', '), valueType: 'text' };
    if (list.every((x) => typeof x === 'number'))
      return { ...base, value: list.join(', '), valueType: 'number' };
    return { ...base, value: JSON.stringify(list), valueType: 'json' };
  }
  if (typeof v === 'number') return { ...base, value: String(v), valueType: 'number' };
  if (typeof v === 'boolean') return { ...base, value: String(v), valueType: 'boolean' };
  if (v === null) return { ...base, value: '', valueType: 'null' };
  return { ...base, value: str(v), valueType: 'text' };
}

export function conditionFromForm(c: ConditionForm, path: string, issues: Issue[]): unknown {
  const at = `${path}.value`;
  const num = (t: string) => {
    const n = numberFrom(t);
    if (n === undefined) issues.push({ path: at, message: 'enter a number' });
    return n ?? t;
  };
  switch (c.op) {
    case 'exists':
    case 'not_exists':
      return { op: c.op, path: c.path };
    case 'gt':
    case 'lt':
      return { op: c.op, path: c.path, value: num(c.value) };
    case 'matches':
      return { op: c.op, path: c.path, value: c.value, ...(c.flags ? { flags: c.flags } : {}) };
    case 'contains':
    case 'starts_with':
      return { op: c.op, path: c.path, value: c.value };
    case 'in': {
      if (c.valueType === 'json') {
        try {
          return { op: c.op, path: c.path, value: JSON.parse(c.value) };
        } catch (e) {
          issues.push({ path: at, message: `not a JSON array: ${(e as Error).message}` });
          return { op: c.op, path: c.path, value: [] };
        }
      }
      const items = c.value.trim() === '' ? [] : c.value.split(',').map((s) => s.trim());
      return { op: c.op, path: c.path, value: c.valueType === 'number' ? items.map(num) : items };
    }
    case 'equals':
    case 'not_equals': {
      const value =
        c.valueType === 'number'
          ? num(c.value)
          : c.valueType === 'boolean'
            ? c.value.trim() === 'true'
            : c.valueType === 'null'
              ? null
              : c.value;
      return { op: c.op, path: c.path, value };
    }
  }
}
