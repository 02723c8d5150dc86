// A drain pass sends at most one item per conversation, the oldest: items queued in the same
// millisecond are ordered by journal sequence, whatever order the store lists them in (by key).
import { describe, expect, it } from 'vitest';
import { RETRY_POLICY } from '../../../src/outbox/backoff';
import { pendingDue } from '../../../src/outbox/due';
import type { OutboxItem } from '../../../src/outbox/types';

const item = (id: string, journalSeq: number, over: Partial<OutboxItem> = {}): OutboxItem => ({
  id,
  journalSeq,
  ruleId: 'r',
  ruleName: 'r',
  actionIndex: 0,
  eventId: id,
  orderKey: 'r|roxchat|77',
  createdAt: 1000,
  attempts: 0,
  nextAttemptAt: 1000,
  status: 'pending',
  request: { method: 'POST', url: 'https://crm.example/api', headers: {}, timeoutMs: 1000 },
  ...over,
});

describe('pendingDue', () => {
  it.each([
    ['store lists the later one first', [item('zz', 2), item('aa', 1)]],
    ['store lists them in order', [item('aa', 1), item('zz', 2)]],
  ])('same millisecond, same conversation (%s): the earlier journal entry goes first', (_label, items) => {
    const { due } = pendingDue(items, 1000, RETRY_POLICY);
    expect(due.map((i) => i.journalSeq)).toEqual([1]);
  });

  it.each([
    ['the later event rendered first', [item('b', 2, { createdAt: 990 }), item('a', 1)]],
    ['store order reversed too', [item('a', 1), item('b', 2, { createdAt: 990 })]],
  ])('journal order wins over creation time (%s)', (_label, items) => {
    const { due } = pendingDue(items, 1000, RETRY_POLICY);
    expect(due.map((i) => i.journalSeq)).toEqual([1]);
  });

  it('a workflow step created later than its event’s first step follows it', () => {
    const { due } = pendingDue(
      [item('step2', 5, { createdAt: 1000 }), item('step1', 5, { createdAt: 900 })],
      1000,
      RETRY_POLICY,
    );
    expect(due.map((i) => i.id)).toEqual(['step1']);
  });

  it('different conversations are due together', () => {
    const { due } = pendingDue(
      [item('a', 1), item('b', 2, { orderKey: 'r|roxchat|78' })],
      1000,
      RETRY_POLICY,
    );
    expect(due).toHaveLength(2);
  });
});
