import { useEffect, useMemo, useState } from 'react';
import type { SavedTest, TestResult } from '../../../replay/saved-test';
import { runSavedTests } from '../../../replay/saved-test';
import type { Rule } from '../../../rules/schema';
import type { SecretInfo } from '../../../secrets/store';
import { isChain } from '../../../workflows/engine';

/**
 * What saved tests run against in the page (issue 20): the rules minus workflow chains, as replay leaves
 * them out (their steps depend on the CRM's answers), with the secret names the options page knows
 * (names only: the page never holds a value; the organisation's flagged as managed).
 */
export function testRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => !isChain(r));
}

export function secretLists(secrets: readonly SecretInfo[]): { names: string[]; managed: string[] } {
  return {
    names: secrets.map((s) => s.name),
    managed: secrets.filter((s) => s.managed).map((s) => s.name),
  };
}

/** Every saved test against `rules` (chains left out), recomputed only when an input changes. */
export function useTestResults(
  tests: readonly SavedTest[],
  rules: readonly Rule[] | undefined,
  secrets: readonly SecretInfo[],
): TestResult[] | undefined {
  return useMemo(() => {
    if (!rules) return undefined;
    const { names, managed } = secretLists(secrets);
    return runSavedTests(tests, testRules(rules), names, managed);
  }, [tests, rules, secrets]);
}

/** `value`, once it has stopped changing for `ms` (typing in the editor stays fast). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
