import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BreakerChange } from '../../../src/outbox/breaker';
import { Outbox, type OutboxDeps } from '../../../src/outbox/outbox';
import type { AttemptReport, OutboxItem } from '../../../src/outbox/types';
import { reqDone, STORES, withStore } from '../../../src/util/idb';

/** An outbox on a fake clock against a CRM whose answer the test sets (`status`). */
function harness(opts: Partial<OutboxDeps> = {}) {
  const state = { now: 1_000_000, status: 503, online: true, body: '{"error":"down"}' };
  const calls: Array<{ url: string; key: string; at: number }> = [];
  const reports: AttemptReport[] = [];
  const changes: BreakerChange[] = [];
  const deps: OutboxDeps = {
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({
        url,
        key: (init.headers as Record<string, string>)['Idempotency-Key'] ?? '',
        at: state.now,
      });
      if (state.status === 0) throw new TypeError('Failed to fetch');
      return new Response(state.body, { status: state.status });
    }) as typeof fetch,
    now: () => state.now,
    random: () => 0.5,
    secrets: async () => new Map([['crm', 's3cret-value']]),
    isManaged: () => false,
    permitted: async () => true,
    report: (r) => {
      reports.push({ ...r, item: { ...r.item } });
    },
    scheduleWake: () => undefined,
    online: () => state.online,
    changed: (c) => changes.push(...c),
    ...opts,
  };
  const fresh = () => new Outbox(deps);
  return { outbox: fresh(), fresh, calls, reports, changes, state };
}

let seq = 0;
const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: `key-${++seq}`,
  journalSeq: 1,
  ruleId: 'r',
  ruleName: 'R',
  actionIndex: 0,
  eventId: 'e',
  orderKey: `r|c${seq % 4}`,
  createdAt: 1_000_000 + seq,
  attempts: 0,
  nextAttemptAt: 0,
  status: 'pending',
  request: { method: 'POST', url: 'https://crm.example/api', headers: {}, body: ['{}'], timeoutMs: 1000 },
  ...over,
});

/** Runs the outbox every `step` of fake time for `ms` (the alarm/timer the worker would use). */
async function run(h: ReturnType<typeof harness>, ms: number, step = 1000, outbox = h.outbox) {
  for (let t = 0; t < ms; t += step) {
    h.state.now += step;
    await outbox.kick();
  }
}

beforeEach(async () => {
  await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.clear()));
  await withStore(STORES.kv, 'readwrite', (s) => reqDone(s.clear()));
});

describe('outbox with the circuit breaker', () => {
  it('a 1-hour 503 outage: a few probes, no item dead-lettered, all drained in order within 60 s of recovery', async () => {
    const h = harness();
    for (let i = 0; i < 20; i++) await h.outbox.enqueue(item());
    await run(h, 3600_000, 5000);
    expect(h.changes).toEqual([{ kind: 'outage', origin: 'https://crm.example' }]);
    // One probe at a time, ≥ 15 s apart once spaced out; without the breaker each of the 4
    // conversations' heads would retry every ≤ 30 s (~500 calls).
    expect(h.calls.length).toBeLessThan(3600 / 15 + 10);
    expect((await h.outbox.all()).every((i) => i.status === 'pending')).toBe(true);
    h.state.status = 201;
    const back = h.state.now;
    await run(h, 60_000, 1000);
    expect(await h.outbox.all()).toEqual([]);
    const delivered = h.reports.filter((r) => r.status === 'ok');
    expect(delivered).toHaveLength(20);
    expect(
      Math.max(...delivered.map((r) => h.calls.find((c) => c.key === r.item.id && c.at >= back)?.at ?? 0)) -
        back,
    ).toBeLessThanOrEqual(60_000);
    expect(h.changes.at(-1)).toEqual({ kind: 'recovered', origin: 'https://crm.example' });
    // In order per conversation.
    const order = delivered.map((r) => r.item.id);
    for (const k of [0, 1, 2, 3]) {
      const ids = order.filter((id) => Number(id.slice(4)) % 4 === k);
      expect(ids).toEqual([...ids].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))));
    }
  });

  it('the breaker state survives the worker: a new Outbox keeps the origin open', async () => {
    const h = harness();
    for (let i = 0; i < 8; i++) await h.outbox.enqueue(item());
    await run(h, 2000);
    const before = h.calls.length;
    const next = h.fresh();
    await next.kick();
    expect(h.calls.length).toBe(before);
    expect((await next.delivery()).origins['https://crm.example']?.phase).toBe('open');
  });

  it('offline: nothing is sent and no attempt counted until online', async () => {
    const h = harness();
    h.state.online = false;
    for (let i = 0; i < 5; i++) await h.outbox.enqueue(item());
    await run(h, 10 * 60_000, 5000);
    expect(h.calls).toEqual([]);
    expect((await h.outbox.all()).every((i) => i.attempts === 0)).toBe(true);
    h.state.online = true;
    h.state.status = 200;
    await h.outbox.kick();
    expect(await h.outbox.all()).toEqual([]);
  });

  it('a permanent 4xx dead-letters at once with the status and the first 2 KB of the body, redacted', async () => {
    const h = harness();
    h.state.status = 422;
    h.state.body = `${'x'.repeat(2040)}s3cret-value${'y'.repeat(5000)}`;
    const it1 = item();
    await h.outbox.enqueue(it1);
    await h.outbox.kick();
    const [dead] = await h.outbox.all();
    expect(dead?.status).toBe('dead');
    expect(dead?.lastStatus).toBe(422);
    expect(dead?.lastExcerpt).toHaveLength(2048);
    expect(dead?.lastExcerpt).not.toContain('s3cret');
    expect(h.reports.at(-1)?.excerpt).toBe(dead?.lastExcerpt);
    expect(h.calls).toHaveLength(1);
  });

  it('past the maximum age an item is dead-lettered without another attempt', async () => {
    const h = harness({ policy: () => ({ baseMs: 1000, capMs: 30_000, maxAgeMs: 3600_000 }) });
    await h.outbox.enqueue(item());
    await run(h, 2 * 3600_000, 60_000);
    const [dead] = await h.outbox.all();
    expect(dead?.status).toBe('dead');
    expect(dead?.lastError).toContain('maximum age (1 h)');
  });
});
