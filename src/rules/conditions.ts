import type { BridgeEvent } from '../events/model';
import { getPath } from './paths';
import type { Condition } from './schema';

/** Input longer than this is not regex-matched (bounded work per condition on untrusted data). */
const MAX_MATCH_INPUT = 10_000;
const regexCache = new Map<string, RegExp | null>();

function compile(pattern: string, flags = ''): RegExp | null {
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, flags);
    } catch {
      re = null;
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** Loose scalar equality: "483" equals 483, because payloads disagree on ids' types. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = asText(a);
  const tb = asText(b);
  return ta !== undefined && ta === tb;
}

export function testCondition(event: BridgeEvent, c: Condition): boolean {
  const v = getPath(event, c.path);
  switch (c.op) {
    case 'exists':
      return v !== undefined && v !== null && v !== '';
    case 'equals':
      return same(v, c.value);
    case 'not_equals':
      return !same(v, c.value);
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
      const re = compile(c.value, c.flags);
      return re?.test(t) === true;
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
  return c.op === 'exists' ? `${c.path} exists` : `${c.path} ${c.op} ${JSON.stringify(c.value)}`;
}
