import { renderedOf } from '../actions/rendered';
import type { PolicyTestProblem } from '../config/policy-tests';
import type { Rule } from '../rules/schema';
import { hash53, stableStringify } from '../util/hash';
import { runSavedTests, type SavedTest, type TestResult } from './saved-test';

/**
 * Tests in policy (issue 20): the admin's saved tests run against the effective rules (managed and
 * the user's, workflow chains left out by the caller, as replay does). Pure: the worker glue is
 * src/background/policy-tests.ts. A run keeps what the policy view needs: when, which extension version,
 * each test's result with its diff (requests with secrets by name, `[secret:name]`).
 */

/** A test of the policy that was not used, and why (src/config/policy-tests.ts). */
export type RejectedTest = PolicyTestProblem;

/** Why the tests ran: the extension was installed or updated, or the policy (or the rules) changed. */
export type PolicyTestsReason = 'install' | 'update' | 'change';

export interface PolicyTestsRun {
  /** When they ran (ms since the epoch) and the extension version that ran them. */
  at: number;
  version: string;
  reason: PolicyTestsReason;
  /** What they ran against: a hash of the tests, the rules, the secret names and the version. */
  fingerprint: string;
  total: number;
  passed: number;
  results: TestResult[];
  rejected: RejectedTest[];
}

/**
 * The expectation as the admin wrote it: where an expected request's preview is given, its hash is
 * computed from it, so a test whose preview was edited by hand compares against that preview.
 */
export function normalizeTest(test: SavedTest): SavedTest {
  return {
    ...test,
    expect: test.expect.map((a) =>
      a.rendered && a.rendered.preview !== undefined
        ? { ...a, rendered: { hash: renderedOf(a.rendered.preview).hash, preview: a.rendered.preview } }
        : a,
    ),
  };
}

export interface PolicyTestsInput {
  tests: readonly SavedTest[];
  rejected: readonly RejectedTest[];
  /** The effective rules without workflow chains. */
  rules: readonly Rule[];
  secretNames: readonly string[];
  managedSecrets: readonly string[];
  version: string;
}

/** What a run depends on: when it is unchanged, the last run still holds. */
export function policyTestsFingerprint(i: PolicyTestsInput): string {
  const text = stableStringify({
    tests: i.tests,
    rejected: i.rejected,
    rules: i.rules,
    names: [...i.secretNames].sort(),
    managed: [...i.managedSecrets].sort(),
    version: i.version,
  });
  return `${hash53(text)}${hash53(text, 7)}`;
}

export function runPolicyTests(i: PolicyTestsInput, now: number, reason: PolicyTestsReason): PolicyTestsRun {
  const results = runSavedTests(i.tests.map(normalizeTest), i.rules, i.secretNames, i.managedSecrets);
  return {
    at: now,
    version: i.version,
    reason,
    fingerprint: policyTestsFingerprint(i),
    total: results.length,
    passed: results.filter((r) => r.pass).length,
    results,
    rejected: [...i.rejected],
  };
}

/** The health report's summary (src/background/health-report.ts): counts and failing tests by id and name. */
export interface PolicyTestsSummary {
  total: number;
  passed: number;
  failed: number;
  rejected: number;
  /** When they last ran (ISO 8601 UTC), null when the policy has no tests. */
  ranAt: string | null;
  failing: Array<{ id: string; name: string }>;
}

export function summarizePolicyTests(run: PolicyTestsRun | undefined): PolicyTestsSummary {
  if (!run) return { total: 0, passed: 0, failed: 0, rejected: 0, ranAt: null, failing: [] };
  const failing = run.results.filter((r) => !r.pass).map((r) => ({ id: r.id, name: r.name }));
  return {
    total: run.total,
    passed: run.passed,
    failed: failing.length,
    rejected: run.rejected.length,
    ranAt: new Date(run.at).toISOString(),
    failing,
  };
}
