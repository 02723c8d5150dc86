import { getPath } from '../util/paths';
import { compilePattern } from './regex';
import type { Condition } from './schema';

/**
 * Input longer than this is not regex-matched. RE2 (src/rules/regex.ts) is linear in the input, so this
 * only bounds the work per condition; it is not what keeps a pattern from freezing the worker.
 */
const MAX_MATCH_INPUT = 100_000;

/** A condition that cannot be evaluated (a pattern that slipped past validation): a rule error, not a throw. */
export class ConditionError extends Error {}

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** Loose scalar equality: "483" equals 483, because payloads disagree on ids' types. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = asText(a);
  const tb = asText(b);
  return ta !== undefined && ta === tb;
}

/**
 * Tests one condition on any object read by dotted path: an event (rule `where`), or a workflow chain's
 * context (a step's `if`: the event plus `steps`, `links`, `wrapup`, `conversation.transcript`).
 */
export function testCondition(subject: object, c: Condition): boolean {
  const v = getPath(subject, c.path);
  switch (c.op) {
    case 'exists':
      return v !== undefined && v !== null && v !== '';
    case 'not_exists':
      return v === undefined || v === null || v === '';
    // `equals null` also holds for a missing path, so a workflow step can run only when something is
    // not there yet (`links.contact equals null`: no record remembered for this contact).
    case 'equals':
      return c.value === null ? v === undefined || v === null : same(v, c.value);
    case 'not_equals':
      return c.value === null ? v !== undefined && v !== null : !same(v, c.value);
    case 'contains': {
      if (Array.isArray(v)) return v.some((x) => same(x, c.value));
      const t = asText(v);
      return t?.toLowerCase().includes(c.value.toLowerCase()) === true;
    }
    case 'starts_with': {
      const t = asText(v);
      return t?.toLowerCase().startsWith(c.value.toLowerCase()) === true;
    }
    case 'matches': {
      const t = asText(v);
      if (t === undefined || t.length > MAX_MATCH_INPUT) return false;
      // Linear time (RE2), compiled once per pattern; a pattern the schema should have refused is
      // reported as a rule error by the caller (matcher), never run on a backtracking engine.
      const re = compilePattern(c.value, c.flags);
      if (!re.ok) throw new ConditionError(`${c.path} matches ${JSON.stringify(c.value)}: ${re.error}`);
      return re.re.test(t);
    }
    case 'in':
      return c.value.some((x) => same(v, x));
    case 'gt':
    case 'lt': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      if (Number.isNaN(n)) return false;
      return c.op === 'gt' ? n > c.value : n < c.value;
    }
  }
}

/** Describes a condition for dry-run output ("contact.phone exists"). */
export function describeCondition(c: Condition): string {
  if (c.op === 'exists') return `${c.path} exists`;
  if (c.op === 'not_exists') return `${c.path} does not exist`;
  return `${c.path} ${c.op} ${JSON.stringify(c.value)}`;
}
