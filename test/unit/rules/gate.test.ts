import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/events/model';
import { Journal } from '../../../src/journal/journal';
import { RuleGate } from '../../../src/rules/gate';
import { type Rule, RuleSchema } from '../../../src/rules/schema';
import { reqDone, STORES, withStore } from '../../../src/util/idb';

const rule = (over: Partial<Rule> = {}): Rule =>
  RuleSchema.parse({
    id: 'r1',
    name: 'R',
    when: { events: ['message.created'] },
    then: [{ kind: 'log', message: 'x' }],
    ...over,
  });

const event = (conversation: string, id = `e-${conversation}-${Math.random()}`) =>
  ({
    id,
    platform: 'roxchat',
    type: 'message.created',
    conversation: { id: conversation },
  }) as unknown as BridgeEvent;

const rows = () => withStore(STORES.gate, 'readonly', (s) => reqDone(s.getAll()));

beforeEach(async () => {
  await withStore(STORES.gate, 'readwrite', (s) => reqDone(s.clear()));
});

describe('durable rule gate (IndexedDB)', () => {
  it.each([
    [
      'conversation',
      { once: { per: 'conversation' as const, windowMs: 86_400_000 } },
      'already ran once for this conversation',
    ],
    ['throttle', { throttleMs: 60_000 }, 'throttled (60000 ms)'],
  ])('%s: holds across a restart (a new gate loading the store)', async (_, over, reason) => {
    const r = rule(over);
    const first = new RuleGate();
    await first.load(1000);
    expect(first.check(r, event('c1'), 1000)).toBeUndefined();
    expect(first.check(r, event('c1'), 2000)).toBe(reason);
    await first.flush();
    const restarted = new RuleGate();
    await restarted.load(3000);
    expect(restarted.check(r, event('c1'), 3000)).toBe(reason);
  });

  it('marks are written in the same transaction as the journal entry', async () => {
    const gate = new RuleGate();
    await gate.load(0);
    gate.check(rule({ once: { per: 'conversation', windowMs: 1000 } }), event('c9'), 10);
    const marks = gate.take().map((value) => ({ store: STORES.gate, value }));
    const journal = new Journal(100);
    await journal.append(
      {
        kind: 'rejected',
        at: 0,
        eventId: '',
        tabId: 1,
        platform: 'roxchat',
        origin: '',
        reason: 'x',
        count: 1,
      },
      marks,
    );
    expect(await rows()).toEqual([{ key: 'r1|conversation|roxchat|c9', at: 10, expiresAt: 1010 }]);
  });

  it('expired marks no longer hold the rule back and are pruned from the store at load', async () => {
    const r = rule({ once: { per: 'conversation', windowMs: 1000 } });
    const first = new RuleGate();
    await first.load(0);
    first.check(r, event('c1'), 0);
    await first.flush();
    expect(await rows()).toHaveLength(1);
    const later = new RuleGate();
    await later.load(5000);
    expect(await rows()).toHaveLength(0);
    expect(later.check(r, event('c1'), 5000)).toBeUndefined();
  });

  it('bounded: beyond the maximum the marks expiring first are dropped (memory and store)', async () => {
    const r = rule({ once: { per: 'conversation', windowMs: 1000 } });
    const gate = new RuleGate(3);
    await gate.load(0);
    for (let i = 0; i < 5; i++) gate.check(r, event(`c${i}`), i);
    await gate.flush();
    // The two oldest are forgotten in memory…
    expect(gate.check(r, event('c0'), 10)).toBeUndefined();
    expect(gate.check(r, event('c4'), 10)).toBe('already ran once for this conversation');
    await gate.flush();
    // …and the store holds at most 3 after the next load.
    await new RuleGate(3).load(20);
    expect((await rows()).length).toBeLessThanOrEqual(3);
  });
});
