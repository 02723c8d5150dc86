import { z } from 'zod';
import { dryRun } from '../actions/dry-run';
import { renderedOf } from '../actions/rendered';
import { type BridgeEvent, BridgeEventSchema } from '../events/model';
import type { EventEntry } from '../journal/types';
import type { Rule } from '../rules/schema';
import { type ActionDiff, diffActions, type PriorAction } from './diff';

/**
 * Saved tests (issue 20, "Tests from recorded events"): a journaled event kept with the actions it
 * produced as the expectation. Running one is a replay diff (src/replay/diff.ts) of the expectation
 * against a dry run of some rules (the editor's draft, the saved rules, the policy's): it passes when
 * nothing is added, removed or changed. An http action is compared by its rendered request (secrets by
 * name, `[secret:name]`); any other action by its kind (its page is gone, as in replay). Workflow rules
 * (chains) are left out by the caller, as replay leaves them out: their steps depend on the CRM's answers.
 */

/** How many saved tests a profile (or a policy) keeps. */
export const SAVED_TESTS_MAX = 200;

export const ExpectedActionSchema = z.object({
  ruleId: z.string().min(1).max(200),
  ruleName: z.string().max(500),
  index: z.number().int().min(0).max(1000),
  kind: z.string().min(1).max(40),
  /** The request as rendered when the event ran (http actions): its hash, and the preview when small. */
  rendered: z.object({ hash: z.string().min(1).max(64), preview: z.unknown().optional() }).optional(),
});
export type ExpectedAction = z.infer<typeof ExpectedActionSchema>;

/**
 * The event as the action stage saw it: a closed conversation's carries its transcript (text and messages,
 * src/workflows/scope.ts `withTranscript`), which the canonical event schema would strip.
 */
export const TestEventSchema = BridgeEventSchema.extend({
  conversation: z
    .object({
      id: z.string(),
      channel: z.string().optional(),
      status: z.string().optional(),
      transcript: z.string().optional(),
      messages: z
        .array(
          z.object({
            at: z.number(),
            direction: z.enum(['inbound', 'outbound', 'internal']),
            author: z.string(),
            text: z.string(),
          }),
        )
        .max(10_000)
        .optional(),
    })
    .optional(),
});

export const SavedTestSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  savedAt: z.number().int().nonnegative(),
  /** The event as the journal keeps it (stored secret values redacted), with its transcript if any. */
  event: TestEventSchema,
  expect: z.array(ExpectedActionSchema).max(200),
});
export type SavedTest = z.infer<typeof SavedTestSchema>;

export interface TestResult {
  id: string;
  name: string;
  pass: boolean;
  /** What differs: added, removed or changed actions (unchanged and not comparable ones are left out). */
  changes: ActionDiff[];
  /** The rules whose behaviour changes, by name, each once. */
  rules: string[];
}

/**
 * A test from a journaled event: the latest outcome per rule and action (a replay's supersedes the one it
 * replaced), rule errors and workflow outcomes (index -1) left out. `event` is the event as the action
 * stage saw it (a closed conversation's with its transcript).
 */
export function testFromEntry(entry: EventEntry, event: BridgeEvent, id: string, now: number): SavedTest {
  const latest = new Map<string, ExpectedAction>();
  for (const a of entry.actions) {
    if (a.index < 0) continue;
    const x: ExpectedAction = { ruleId: a.ruleId, ruleName: a.ruleName, index: a.index, kind: a.kind };
    if (a.rendered) x.rendered = a.rendered;
    latest.set(`${a.ruleId}\u0000${a.index}`, x);
  }
  return {
    id,
    name: `${event.platform} ${event.sourceEvent} #${entry.seq ?? '?'}`.slice(0, 200),
    savedAt: now,
    event,
    expect: [...latest.values()],
  };
}

/** One test against a dry run of `rules` (workflow chains already left out by the caller). */
export function runSavedTest(
  test: SavedTest,
  rules: readonly Rule[],
  secretNames: readonly string[] = [],
  managedSecrets: readonly string[] = [],
): TestResult {
  const current = dryRun(rules, test.event, secretNames, managedSecrets);
  const prior: PriorAction[] = test.expect;
  const changes = diffActions(prior, test.event, current).filter(
    (a) => a.change !== 'unchanged' && a.change !== 'unknown',
  );
  return {
    id: test.id,
    name: test.name,
    pass: changes.length === 0,
    changes,
    rules: [...new Set(changes.map((c) => c.ruleName))],
  };
}

export function runSavedTests(
  tests: readonly SavedTest[],
  rules: readonly Rule[],
  secretNames: readonly string[] = [],
  managedSecrets: readonly string[] = [],
): TestResult[] {
  return tests.map((t) => runSavedTest(t, rules, secretNames, managedSecrets));
}

/** A saved test larger than this (JSON characters: a long transcript) is refused with a sentence. */
export const SAVED_TEST_MAX_CHARS = 256_000;

/** Why a test cannot be added to a list (the page says it in words). */
export type AddTestRefusal = 'full' | 'duplicate' | 'too-large';

/**
 * `test` added at the end of `tests`, or why not: the list is full (SAVED_TESTS_MAX), the same event is
 * already saved (`name`: that test's), or the test is too large to keep in the settings. Pure.
 */
export function addTest(
  tests: readonly SavedTest[],
  test: SavedTest,
): { ok: true; tests: SavedTest[] } | { ok: false; reason: AddTestRefusal; name?: string } {
  const same = tests.find((t) => t.event.id === test.event.id);
  if (same) return { ok: false, reason: 'duplicate', name: same.name };
  if (tests.length >= SAVED_TESTS_MAX) return { ok: false, reason: 'full' };
  if (JSON.stringify(test).length > SAVED_TEST_MAX_CHARS) return { ok: false, reason: 'too-large' };
  return { ok: true, tests: [...tests, test] };
}

/**
 * "Accept new behaviour": the test's expectation re-saved from a dry run of `rules` (what they do now),
 * keeping its event, id and name. Actions the rules cannot render are left out (they did nothing).
 */
export function acceptBehaviour(
  test: SavedTest,
  rules: readonly Rule[],
  secretNames: readonly string[] = [],
  managedSecrets: readonly string[] = [],
): SavedTest {
  const expect: ExpectedAction[] = [];
  for (const rule of dryRun(rules, test.event, secretNames, managedSecrets)) {
    if (!rule.matched) continue;
    for (const a of rule.actions) {
      if (a.error) continue;
      const x: ExpectedAction = {
        ruleId: rule.ruleId,
        ruleName: rule.ruleName,
        index: a.index,
        kind: a.kind,
      };
      if (a.kind === 'http') x.rendered = renderedOf(a.preview);
      expect.push(x);
    }
  }
  return { ...test, expect };
}

/** The rules as they would be if `draft` were saved: replacing the rule `originalId`, or added. Pure. */
export function rulesWithDraft(rules: readonly Rule[], draft: Rule, originalId?: string): Rule[] {
  const at = originalId === undefined ? -1 : rules.findIndex((r) => r.id === originalId && !r.managed);
  if (at < 0) return [...rules, draft];
  return rules.map((r, i) => (i === at ? draft : r));
}
