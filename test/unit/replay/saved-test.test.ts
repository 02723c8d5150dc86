// Saved tests (issue 20): a journaled event with the actions it produced, run against other rules.
import { describe, expect, it } from 'vitest';
import type { ActionOutcome } from '../../../src/journal/types';
import { runSavedTest, runSavedTests, SavedTestSchema, testFromEntry } from '../../../src/replay/saved-test';
import { type Rule, RuleSchema } from '../../../src/rules/schema';
import { messageEvent } from '../builders';
import { crmNoteRule, journaledRun } from './journaled';

const rule = (text: string, opts: { id?: string; events?: string[]; extra?: object[] } = {}): Rule =>
  crmNoteRule(
    { text },
    {
      id: opts.id ?? 'r',
      name: opts.id ? `Rule ${opts.id}` : 'R',
      events: opts.events,
      then: [{ kind: 'log', message: 'logged {{ message.text }}' }, ...(opts.extra ?? [])],
    },
  );

const event = messageEvent('hello');

const ranWith = (ran: Rule, more: ActionOutcome[] = []) => journaledRun(ran, event, { seq: 3, more });

const saved = testFromEntry(ranWith(rule('{{ message.text }}')), event, 't1', 1000);

describe('testFromEntry', () => {
  it('keeps the event and one expectation per action, valid by its schema', () => {
    expect(SavedTestSchema.parse(saved)).toEqual(saved);
    expect(saved.expect.map((a) => [a.index, a.kind, a.rendered !== undefined])).toEqual([
      [0, 'http', true],
      [1, 'log', false],
    ]);
  });

  it('keeps the latest outcome of an action and leaves rule errors and workflows out', () => {
    const r = rule('{{ message.text }}');
    const replayed: ActionOutcome = {
      ruleId: 'r',
      ruleName: 'R',
      index: 0,
      kind: 'http',
      status: 'queued',
      rendered: { hash: 'newer' },
      at: 2,
    };
    const workflow: ActionOutcome = {
      ruleId: 'w',
      ruleName: 'W',
      index: -1,
      kind: 'workflow',
      status: 'ok',
      at: 2,
    };
    const t = testFromEntry(ranWith(r, [replayed, workflow]), event, 't', 1);
    expect(t.expect).toHaveLength(2);
    expect(t.expect[0]?.rendered?.hash).toBe('newer');
  });

  it('never holds a secret value: the header keeps the secret by name', () => {
    expect(JSON.stringify(saved)).toContain('[secret:crm]');
  });
});

describe('runSavedTest', () => {
  it.each([
    ['the same rule', [rule('{{ message.text }}')], true, []],
    ['the body edited', [rule('v2 {{ message.text }}')], false, ['changed']],
    [
      'an action added',
      [rule('{{ message.text }}', { extra: [{ kind: 'copy', text: 'x' }] })],
      false,
      ['added'],
    ],
    ['the rule deleted', [], false, ['removed', 'removed']],
    [
      'the rule no longer matching',
      [rule('{{ message.text }}', { events: ['conversation.closed'] })],
      false,
      ['removed', 'removed'],
    ],
    [
      'another rule matching too',
      [rule('{{ message.text }}'), rule('x', { id: 'o' })],
      false,
      ['added', 'added'],
    ],
    [
      'a log message changed (other kinds are compared by kind)',
      [
        RuleSchema.parse({
          ...rule('{{ message.text }}'),
          then: [rule('{{ message.text }}').then[0], { kind: 'log', message: 'other' }],
        }),
      ],
      true,
      [],
    ],
  ] as const)('%s', (_, rules, pass, changes) => {
    const r = runSavedTest(saved, rules as readonly Rule[], ['crm']);
    expect(r.pass).toBe(pass);
    expect(r.changes.map((c) => c.change)).toEqual(changes);
  });

  it('names each rule whose behaviour changes once', () => {
    const r = runSavedTest(saved, [rule('v2'), rule('x', { id: 'o' })], ['crm']);
    expect(r.rules).toEqual(['R', 'Rule o']);
  });

  it('runs every test', () => {
    const other = { ...saved, id: 't2', name: 'two' };
    expect(runSavedTests([saved, other], [rule('v2')], ['crm']).map((r) => [r.id, r.pass])).toEqual([
      ['t1', false],
      ['t2', false],
    ]);
  });
});
