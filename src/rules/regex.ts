// Rule patterns (`matches` conditions) run on visitor text, so they run on RE2 (re2js): matching time is
// linear in the input whatever the pattern (issue 14 item 6: with JS RegExp, `^(\w+\s?)+$` against a
// 34-character message froze the worker for over a minute). RE2 has no look-arounds or back-references
// (they are what needs backtracking): such patterns are refused when a rule is saved, in plain words.
import { RE2JS, RE2JSSyntaxException } from 're2js';

/** The flags a rule may set (ConditionSchema), as RE2 flags; `u` is RE2's default (code points). */
const FLAGS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0,
};

/** RE2's syntax error, in words a rule author understands (the failing piece is RE2's `input`). */
function explain(e: RE2JSSyntaxException): string {
  const at = e.input ?? '';
  if (at.startsWith('(?=') || at.startsWith('(?!'))
    return 'This pattern uses a look-ahead, which rules do not support.';
  if (at.startsWith('(?<=') || at.startsWith('(?<!'))
    return 'This pattern uses a look-behind, which rules do not support.';
  if (/^\\([1-9]|k)/.test(at)) return 'This pattern uses a back-reference, which rules do not support.';
  if (at.startsWith('\\u'))
    return 'This pattern uses a \\u escape, which rules do not support: write \\x{00E9} instead of \\u00E9.';
  return `This pattern is not a valid regular expression (${e.error ?? e.message}${at ? `: ${at}` : ''}).`;
}

export type CompiledPattern = { ok: true; re: RE2JS } | { ok: false; error: string };

const cache = new Map<string, CompiledPattern>();
const CACHE_MAX = 1000;

/** Compiled once per (flags, pattern) and cached; never throws (an error is returned, in words). */
export function compilePattern(pattern: string, flags = ''): CompiledPattern {
  const key = `${flags}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let out: CompiledPattern;
  try {
    let bits = 0;
    for (const f of flags) {
      const bit = FLAGS[f];
      if (bit === undefined) throw new Error(`This pattern has a flag "${f}" rules do not support.`);
      bits |= bit;
    }
    out = { ok: true, re: RE2JS.compile(pattern, bits) };
  } catch (e) {
    out = { ok: false, error: e instanceof RE2JSSyntaxException ? explain(e) : (e as Error).message };
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, out);
  return out;
}

/** Why a pattern cannot be saved in a rule (undefined: it can). */
export function patternProblem(pattern: string, flags = ''): string | undefined {
  const c = compilePattern(pattern, flags);
  return c.ok ? undefined : c.error;
}
