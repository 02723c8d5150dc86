import { SAVED_TESTS_MAX, type SavedTest, SavedTestSchema } from '../replay/saved-test';
import { plainError } from '../util/plain-issues';

/**
 * The policy's `tests` key (issue 20, "Tests in policy"): saved tests an admin ships beside the rules.
 * A test that does not validate is left out on its own, with a sentence saying why, and the rest of the
 * policy (the other tests included) applies: a broken test must never take the admin's rules with it.
 */

/** A test of the policy that was not used, and why (a plain sentence, never zod's text). */
export interface PolicyTestProblem {
  /** Its position in the policy's `tests` list (0-based). */
  index: number;
  id?: string;
  name?: string;
  problem: string;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v.slice(0, 200) : undefined;

/**
 * Splits the raw (wire-decoded) `tests` value into the tests that validate and the problems of those
 * that do not. `undefined`: the policy has no tests key.
 */
export function splitPolicyTests(raw: unknown): { tests?: SavedTest[]; problems: PolicyTestProblem[] } {
  if (raw === undefined) return { problems: [] };
  if (!Array.isArray(raw))
    return { problems: [{ index: -1, problem: 'The tests key should be a list of tests: none is used.' }] };
  const problems: PolicyTestProblem[] = [];
  if (raw.length > SAVED_TESTS_MAX)
    problems.push({
      index: SAVED_TESTS_MAX,
      problem: `Only the first ${SAVED_TESTS_MAX} tests are used: the policy has ${raw.length}.`,
    });
  const tests: SavedTest[] = [];
  const ids = new Set<string>();
  raw.slice(0, SAVED_TESTS_MAX).forEach((item, index) => {
    const who = isObj(item) ? { id: text(item.id), name: text(item.name) } : {};
    const parsed = SavedTestSchema.safeParse(item, { error: plainError });
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? `${first.path.join('.')}: ` : '';
      problems.push({ index, ...who, problem: `${where}${first?.message ?? 'This value is not accepted.'}` });
    } else if (ids.has(parsed.data.id)) {
      problems.push({ index, ...who, problem: 'Another test of the policy has the same id.' });
    } else {
      ids.add(parsed.data.id);
      tests.push(parsed.data);
    }
  });
  return { tests, problems };
}
