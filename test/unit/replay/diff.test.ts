// Replay with a diff (issue 20): what ran (outcomes with their rendered requests) against a dry run of
// the current rules over the same event.
import { describe, expect, it } from 'vitest';
import { dryRun } from '../../../src/actions/dry-run';
import { idempotencyKey } from '../../../src/actions/http';
import { renderedOf } from '../../../src/actions/rendered';
import type { ActionOutcome, EventEntry } from '../../../src/journal/types';
import { diffEntry, replayKey, totalsOf } from '../../../src/replay/diff';
import { selectEntries } from '../../../src/replay/select';
import type { Rule } from '../../../src/rules/schema';
import { messageEvent } from '../builders';
import { crmNoteRule, journaledRun } from './journaled';

const rule = (text: string, extra: object[] = []): Rule =>
  crmNoteRule(
    { text },
    {
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://crm.example.com/api/audit',
          body: { type: 'json', value: { a: 1 } },
        },
        ...extra,
      ],
    },
  );

const event = messageEvent('hello');

/** The entry as the action stage journals it when `ran` ran with status `status`. */
const ranWith = (ran: Rule, status: ActionOutcome['status'] = 'ok') =>
  journaledRun(ran, event, { seq: 7, status });

const diff = (ran: EventEntry, now: Rule) => diffEntry(ran, event, dryRun([now], event, ['crm']));
const changes = (d: ReturnType<typeof diff>) => d.actions.map((a) => a.change);

describe('diffEntry', () => {
  it.each([
    ['the same rules', rule('{{ message.text }}'), ['unchanged', 'unchanged'], 0],
    ['one body edited', rule('v2 {{ message.text }}'), ['changed', 'unchanged'], 1],
    [
      'an action added',
      rule('{{ message.text }}', [{ kind: 'log', message: 'x' }]),
      ['unchanged', 'unchanged', 'added'],
      0,
    ],
  ])('%s', (_, now, want, toSend) => {
    const d = diff(ranWith(rule('{{ message.text }}')), now);
    expect(changes(d)).toEqual(want);
    expect(totalsOf([d]).toSend).toBe(toSend);
  });

  it('an action removed is shown, never sent', () => {
    const d = diffEntry(ranWith(rule('{{ message.text }}')), event, []);
    expect(changes(d)).toEqual(['removed', 'removed']);
    expect(d.actions.every((a) => a.sendKey === undefined)).toBe(true);
  });

  it('a changed request gets a key derived from the original, stable for the same change; secrets by name', () => {
    const ran = ranWith(rule('{{ message.text }}'));
    const a = diff(ran, rule('v2 {{ message.text }}')).actions[0];
    const original = idempotencyKey('r', event, 0);
    expect(a?.sendKey).toBe(replayKey(original, renderedOf(a?.after).hash));
    expect(a?.sendKey).toBe(diff(ran, rule('v2 {{ message.text }}')).actions[0]?.sendKey);
    expect(a?.sendKey).not.toBe(diff(ran, rule('v3 {{ message.text }}')).actions[0]?.sendKey);
    expect(JSON.stringify(a?.after)).toContain('Bearer [secret:crm]');
  });

  it('an identical request that failed is sent again with its original key; one delivered is not', () => {
    const failed = diff(ranWith(rule('{{ message.text }}'), 'dead'), rule('{{ message.text }}'));
    expect(failed.actions.map((a) => a.sendKey)).toEqual([
      idempotencyKey('r', event, 0),
      idempotencyKey('r', event, 1),
    ]);
    const ok = diff(ranWith(rule('{{ message.text }}'), 'ok'), rule('{{ message.text }}'));
    expect(ok.actions.map((a) => a.sendKey)).toEqual([undefined, undefined]);
  });

  it('an outcome journaled without its request is not compared (nothing sent)', () => {
    const ran = ranWith(rule('{{ message.text }}'));
    for (const a of ran.actions) delete a.rendered;
    const d = diff(ran, rule('v2 {{ message.text }}'));
    expect(changes(d)).toEqual(['unknown', 'unknown']);
    expect(totalsOf([d]).toSend).toBe(0);
  });

  it('a replayed outcome supersedes the one it replaced', () => {
    const ran = ranWith(rule('{{ message.text }}'));
    const now = rule('v2 {{ message.text }}');
    const sent = diff(ran, now).actions[0];
    ran.actions.push({
      ...ran.actions[0],
      rendered: renderedOf(sent?.after),
      outboxId: sent?.sendKey,
      replay: true,
    } as ActionOutcome);
    expect(changes(diff(ran, now))).toEqual(['unchanged', 'unchanged']);
  });
});

describe('selectEntries', () => {
  const e = (seq: number, at: number, status: ActionOutcome['status'] = 'ok'): EventEntry => ({
    ...ranWith(rule('x'), status),
    seq,
    at,
  });
  const recent = [e(5, 50), e(4, 40, 'dead'), e(3, 30), e(2, 20, 'failed'), e(1, 10)];
  it.each([
    ['seqs', { kind: 'seqs' as const, seqs: [2, 5] }, [2, 5]],
    ['range', { kind: 'range' as const, from: 20, to: 40 }, [2, 3, 4]],
    ['last', { kind: 'last' as const, count: 2 }, [4, 5]],
    ['failed', { kind: 'failed' as const }, [2, 4]],
  ])('%s, oldest first', (_, scope, want) => {
    expect(selectEntries(recent, scope).map((x) => x.seq)).toEqual(want);
  });
});
