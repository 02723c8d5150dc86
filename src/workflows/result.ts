import { RESPONSE_LIMIT } from '../outbox/send';
import { getPath } from '../util/paths';
import type { StepResult } from './types';

/** The list a find step's `matches` path points at ('' = the body itself); [] when it is not a list. */
export function matchList(body: unknown, matches: string): unknown[] {
  const list = matches === '' ? body : getPath(body, matches);
  return Array.isArray(list) ? list : [];
}

/**
 * A step's result from its response: status, the JSON body (or the text when not JSON), and for a find
 * step the number of matches. A body over RESPONSE_LIMIT is not kept (`truncated`).
 */
export function stepResult(
  status: number | undefined,
  text: string | undefined,
  matches?: string,
): StepResult {
  const ok = status !== undefined && status >= 200 && status < 300;
  const base: StepResult = { status, ok };
  if (text === undefined || text === '') return matches === undefined ? base : { ...base, count: 0 };
  if (text.length > RESPONSE_LIMIT)
    return { ...base, truncated: true, ...(matches === undefined ? {} : { count: 0 }) };
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: kept as text */
  }
  return matches === undefined
    ? { ...base, body }
    : { ...base, body, count: matchList(body, matches).length };
}

/** Replaces the list at `matches` with the agent's choice (one match, or none for "create new"). */
export function chooseMatch(result: StepResult, matches: string, chosen: unknown[]): StepResult {
  const replace = (node: unknown, path: string[]): unknown => {
    if (path.length === 0) return chosen;
    if (node === null || typeof node !== 'object') return node;
    const [head = '', ...rest] = path;
    const copy: Record<string, unknown> = Array.isArray(node) ? ([...node] as never) : { ...node };
    copy[head] = replace((node as Record<string, unknown>)[head], rest);
    return copy;
  };
  const body = replace(result.body, matches === '' ? [] : matches.split('.'));
  return { ...result, body, count: chosen.length };
}
