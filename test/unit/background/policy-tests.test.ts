// Tests in policy (issue 20): the admin's saved tests run against the effective rules (managed and the
// user's, workflow chains left out), secrets by name; the worker's runner keeps the last run, reruns
// only when what the tests depend on changed (or on install/update), and never stores a secret value.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dryRun } from '../../../src/actions/dry-run';
import { renderedOf } from '../../../src/actions/rendered';
import { PolicyTests, type PolicyTestsStore, startPolicyTests } from '../../../src/background/policy-tests';
import {
  normalizeTest,
  type PolicyTestsRun,
  runPolicyTests,
  summarizePolicyTests,
} from '../../../src/replay/policy-run';
import type { SavedTest } from '../../../src/replay/saved-test';
import { type Rule, RuleSchema } from '../../../src/rules/schema';
import { isChain } from '../../../src/workflows/engine';
import { messageEvent } from '../builders';
import { crmNoteRule } from '../replay/journaled';

const note = (body: object, over: Partial<Rule> = {}): Rule =>
  crmNoteRule(body, { id: 'note', name: 'CRM note', ...over });
const other = (id: string): Rule =>
  RuleSchema.parse({
    id,
    name: `Rule ${id}`,
    when: { events: ['message.created'] },
    then: [{ kind: 'log' }],
  });
const chain = RuleSchema.parse({
  id: 'flow',
  name: 'Workflow',
  when: { events: ['message.created'] },
  then: [{ kind: 'http', id: 'find', url: 'https://crm.example.com/api/find' }],
});

const event = messageEvent('Rox new chat');
const RULES = [note({ text: '{{ message.text }}' })];

/** A test recorded against `rules` (what a "Save as test" of this event would hold). */
function recorded(id: string, rules: Rule[], name = `Test ${id}`): SavedTest {
  const ran = dryRun(rules, event, ['crm'], []);
  return {
    id,
    name,
    savedAt: 1,
    event,
    expect: ran.flatMap((r) =>
      r.actions.map((a) => ({
        ruleId: r.ruleId,
        ruleName: r.ruleName,
        index: a.index,
        kind: a.kind,
        ...(a.kind === 'http' ? { rendered: renderedOf(a.preview) } : {}),
      })),
    ),
  };
}

const input = (tests: SavedTest[], rules: Rule[]) => ({
  tests,
  rejected: [],
  rules: rules.filter((r) => !isChain(r)),
  secretNames: ['crm'],
  managedSecrets: [],
  version: '2.0.0',
});

describe('runPolicyTests', () => {
  it.each<[string, Rule[], Array<[string, string[]]>]>([
    ['the same rules: passes', RULES, []],
    [
      'a changed body: the rule changed its request',
      [note({ text: 'NEW {{ message.text }}' })],
      [['changed', ['CRM note']]],
    ],
    ['the rule gone: its action is removed', [], [['removed', ['CRM note']]]],
    ['a user rule added: its action is added', [...RULES, other('mine')], [['added', ['Rule mine']]]],
    ['a workflow chain is left out, as replay does', [...RULES, chain], []],
    [
      'a disabled rule no longer runs',
      [note({ text: '{{ message.text }}' }, { enabled: false })],
      [['removed', ['CRM note']]],
    ],
  ])('%s', (_, rules, want) => {
    const run = runPolicyTests(input([recorded('t', RULES)], rules), 5, 'change');
    const [r] = run.results;
    expect(r?.pass).toBe(want.length === 0);
    expect(r?.changes.map((c) => [c.change, [c.ruleName]])).toEqual(want);
    expect(run).toMatchObject({
      at: 5,
      version: '2.0.0',
      reason: 'change',
      total: 1,
      passed: want.length ? 0 : 1,
    });
  });

  it('shows secrets by name on both sides, never a value', () => {
    const run = runPolicyTests(input([recorded('t', RULES)], [note({ text: 'x' })]), 5, 'change');
    const change = run.results[0]?.changes[0];
    expect(JSON.stringify(change?.before)).toContain('[secret:crm]');
    expect(JSON.stringify(change?.after)).toContain('[secret:crm]');
  });

  it('a hand-edited expected preview is what the test compares with (its hash follows the preview)', () => {
    const t = recorded('t', RULES);
    const first = t.expect[0] as NonNullable<SavedTest['expect'][0]>;
    const stale = {
      ...t,
      expect: [{ ...first, rendered: { hash: 'typed-by-hand', preview: first.rendered?.preview } }],
    };
    expect(normalizeTest(stale).expect[0]?.rendered?.hash).toBe(first.rendered?.hash);
    expect(runPolicyTests(input([stale], RULES), 5, 'change').results[0]?.pass).toBe(true);
  });

  it('summarises for the health report: counts and the failing tests by id and name only', () => {
    const run = runPolicyTests(
      {
        ...input([recorded('ok', RULES), recorded('bad', [note({ text: 'old' })], 'Old note')], RULES),
        rejected: [{ index: 2, problem: 'p' }],
      },
      Date.UTC(2026, 0, 1),
      'update',
    );
    expect(summarizePolicyTests(run)).toEqual({
      total: 2,
      passed: 1,
      failed: 1,
      rejected: 1,
      ranAt: '2026-01-01T00:00:00.000Z',
      failing: [{ id: 'bad', name: 'Old note' }],
    });
    expect(summarizePolicyTests(undefined)).toMatchObject({ total: 0, ranAt: null, failing: [] });
  });
});

/** The runner with an in-memory store standing in for IndexedDB. */
function runner(o: { tests?: SavedTest[]; rules?: Rule[]; version?: string; stored?: PolicyTestsRun } = {}) {
  const saved: { run?: PolicyTestsRun; writes: number } = { run: o.stored, writes: 0 };
  const store: PolicyTestsStore = {
    get: async () => saved.run,
    set: async (run) => {
      saved.run = run;
      saved.writes++;
    },
  };
  const state = {
    settings: { rules: o.rules ?? RULES } as never,
    policy: { policy: { tests: o.tests ?? [recorded('t', RULES)] }, testProblems: [] },
  };
  let now = 100;
  const deps = {
    state,
    store,
    version: () => o.version ?? '2.0.0',
    secrets: async () => new Map([['crm', 'SECRET-VALUE-123']]),
    isManaged: () => false,
    now: () => now++,
  };
  return { tests: new PolicyTests(deps), saved, state };
}

describe('PolicyTests (the worker’s runner)', () => {
  it('runs, stores the run, and reruns only when the rules change or on install/update', async () => {
    const { tests, saved, state } = runner();
    const first = await tests.run('change');
    expect(first).toMatchObject({ total: 1, passed: 1, version: '2.0.0', at: 100 });
    expect(saved.writes).toBe(1);
    await tests.run('change');
    expect(saved.writes).toBe(1); // nothing changed: the last run holds
    state.settings = { rules: [note({ text: 'edited' })] } as never;
    expect(await tests.run('change')).toMatchObject({ passed: 0, reason: 'change' });
    expect(await tests.run('update', true)).toMatchObject({ reason: 'update' });
    expect(saved.writes).toBe(3);
    expect(await tests.latest()).toBe(saved.run);
  });

  it('a new extension version reruns them (the stored run was by another version)', async () => {
    const old = await runner({ version: '1.0.0' }).tests.run('change');
    const { tests, saved } = runner({ stored: old });
    expect(await tests.latest()).toBe(old);
    expect(await tests.run('change')).toMatchObject({ version: '2.0.0' });
    expect(saved.writes).toBe(1);
  });

  it('no tests in the policy: the stored run is removed', async () => {
    const old = await runner().tests.run('change');
    const { tests, saved } = runner({ tests: [], stored: old });
    expect(await tests.run('change')).toBeUndefined();
    expect(saved.run).toBeUndefined();
  });

  it('never stores a secret value, even one an admin pasted into an expectation', async () => {
    const t = recorded('t', RULES);
    const leaky = {
      ...t,
      expect: [{ ...t.expect[0], rendered: { hash: 'h', preview: 'Bearer SECRET-VALUE-123' } }],
    };
    const { tests, saved } = runner({ tests: [leaky as SavedTest] });
    await tests.run('change');
    expect(JSON.stringify(saved.run)).not.toContain('SECRET-VALUE-123');
    expect(JSON.stringify(saved.run)).toContain('[secret:crm]');
  });
});

describe('startPolicyTests (the worker’s wiring)', () => {
  it.each([
    ['install', 'install'],
    ['update', 'update'],
    ['chrome_update', undefined],
  ] as const)('runtime.onInstalled %s → %s', async (reason, ran) => {
    fakeBrowser.reset();
    const saved: PolicyTestsRun[] = [];
    const applied: Array<(s: never) => unknown> = [];
    const app = {
      state: {
        settings: { rules: RULES } as never,
        policy: { policy: { tests: [recorded('t', RULES)] }, testProblems: [] } as never,
        onApplied: (fn: (s: never) => unknown) => void applied.push(fn),
      },
      ready: Promise.resolve(),
    };
    const tests = startPolicyTests(app, {
      store: { get: async () => undefined, set: async (r) => void (r && saved.push(r)) },
      version: () => '3.0.0',
      secrets: async () => new Map(),
      isManaged: () => false,
    });
    // A settings reload (worker start, policy change) runs them once.
    expect(applied).toHaveLength(1);
    applied[0]?.({} as never);
    await tests.latest();
    expect(saved.map((r) => r.reason)).toEqual(['change']);
    await fakeBrowser.runtime.onInstalled.trigger({ reason, temporary: false } as never);
    await app.ready;
    await new Promise((r) => setTimeout(r, 0));
    await tests.latest();
    expect(saved.map((r) => r.reason)).toEqual(ran ? ['change', ran] : ['change']);
  });
});
