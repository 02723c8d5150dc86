// The outbox side of issue 16's latency work: items whose rows come with their journal entry (adopt),
// and a drain that starts a new item as soon as it arrives instead of waiting for a batch to finish.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox, type OutboxDeps } from '../../../src/outbox/outbox';
import type { AttemptReport, OutboxItem } from '../../../src/outbox/types';
import { reqDone, STORES, withStore } from '../../../src/util/idb';

let n = 0;
const item = (orderKey: string): OutboxItem => ({
  id: `adopt-${++n}`,
  journalSeq: 1,
  ruleId: 'r',
  ruleName: 'R',
  actionIndex: 0,
  eventId: `e${n}`,
  orderKey,
  createdAt: 1_000 + n,
  attempts: 0,
  nextAttemptAt: 0,
  status: 'pending',
  request: { method: 'POST', url: 'https://crm.example/api', headers: {}, body: ['{}'], timeoutMs: 1000 },
});

/** An outbox whose requests wait until released; `sent` lists their Idempotency-Keys in order. */
function harness() {
  const sent: string[] = [];
  const answer = { status: 201 };
  const waiting = new Map<string, () => void>();
  const reports: AttemptReport[] = [];
  const deps: OutboxDeps = {
    fetch: ((_url: string, init: RequestInit) => {
      const key = (init.headers as Record<string, string>)['Idempotency-Key'] as string;
      sent.push(key);
      return new Promise<Response>((resolve) =>
        waiting.set(key, () => resolve(new Response('{}', { status: answer.status }))),
      );
    }) as typeof fetch,
    now: () => 10_000,
    random: () => 0,
    secrets: async () => new Map(),
    isManaged: () => false,
    permitted: async () => true,
    report: (r) => {
      reports.push(r);
    },
    scheduleWake: () => undefined,
  };
  const release = (key: string) => waiting.get(key)?.();
  return { outbox: new Outbox(deps), sent, release, reports, deps: answer };
}

const rows = () => withStore(STORES.outbox, 'readonly', (s) => reqDone(s.getAll())) as Promise<OutboxItem[]>;
const tick = () => new Promise((r) => setTimeout(r, 5));
/** Waits (polling) until `sent` holds exactly `want`: no fixed delay, so a loaded machine cannot fail it. */
async function sentBecomes(sent: string[], want: string[]): Promise<void> {
  for (let i = 0; i < 400 && sent.length < want.length; i++) await tick();
  await tick();
  expect(sent).toEqual(want);
}

beforeEach(async () => {
  await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.clear()));
});

describe('outbox: adopted items and continuous sending (issue 16)', () => {
  it('a new item is sent at once while another is still on the wire', async () => {
    const h = harness();
    await h.outbox.kick();
    const a = item('chat-a');
    const b = item('chat-b');
    await h.outbox.enqueue(a);
    const drain = h.outbox.kick();
    await sentBecomes(h.sent, [a.id]);
    await h.outbox.enqueue(b);
    void h.outbox.kick();
    await sentBecomes(h.sent, [a.id, b.id]); // b did not wait for a's answer
    h.release(b.id);
    h.release(a.id);
    await drain;
    expect(h.reports.map((r) => [r.item.id, r.status])).toEqual([
      [b.id, 'ok'],
      [a.id, 'ok'],
    ]);
  });

  it('per conversation, the next item waits for the one before it to be answered', async () => {
    const h = harness();
    await h.outbox.kick();
    const [a, b] = [item('chat-a'), item('chat-a')];
    await h.outbox.enqueue(a as OutboxItem);
    await h.outbox.enqueue(b as OutboxItem);
    const drain = h.outbox.kick();
    await sentBecomes(h.sent, [a?.id as string]);
    await tick();
    expect(h.sent).toEqual([a?.id]); // b waits for a's answer
    h.release(a?.id as string);
    await sentBecomes(h.sent, [a?.id as string, b?.id as string]);
    h.release(b?.id as string);
    await drain;
  });

  it('an adopted item is sent before its row is durable; its outcome waits for the row', async () => {
    const h = harness();
    await h.outbox.kick();
    const a = item('chat-a');
    let commit!: () => void;
    const written = new Promise<void>((r) => (commit = r));
    h.outbox.adopt([a], written);
    expect(h.outbox.queued(a.id)).toBe(true);
    await sentBecomes(h.sent, [a.id]);
    h.release(a.id);
    await tick();
    expect(h.reports).toEqual([]); // answered, but the entry and row are not written yet
    await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.put(a))); // the journal's transaction
    commit();
    await h.outbox.kick();
    expect(h.reports.map((r) => r.status)).toEqual(['ok']);
    expect(await rows()).toEqual([]);
  });

  it("an adopted item whose entry's transaction failed is forgotten: no report, no row", async () => {
    const h = harness();
    await h.outbox.kick();
    const a = item('chat-a');
    h.outbox.adopt([a], Promise.reject(new Error('transaction aborted')));
    await tick();
    h.release(a.id);
    await h.outbox.kick();
    expect(h.sent).toEqual([a.id]);
    expect(h.reports).toEqual([]);
    expect(await rows()).toEqual([]);
    expect(h.outbox.queued(a.id)).toBe(false);
  });

  it.each([
    ['a delivery answered while the entry is held is absorbed: no report, no row, not queued', 201, true],
    ['any other answer is not absorbed: recorded once the row exists', 400, false],
  ])('%s', async (_, status, absorbed) => {
    const h = harness();
    await h.outbox.kick();
    const a = item('chat-a');
    const asked: Array<[string, string | undefined]> = [];
    let commit!: () => void;
    const written = new Promise<void>((r) => (commit = r));
    h.outbox.adopt([a], written, (id, r) => {
      asked.push([id, r?.status]);
      return r !== undefined;
    });
    await sentBecomes(h.sent, [a.id]);
    h.deps.status = status;
    h.release(a.id);
    for (let i = 0; i < 200 && asked.length === 0; i++) await tick();
    expect(asked).toEqual([[a.id, absorbed ? 'ok' : undefined]]);
    if (!absorbed) await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.put(a)));
    commit();
    await h.outbox.kick();
    expect(h.reports.map((r) => r.status)).toEqual(absorbed ? [] : ['dead']);
    expect((await rows()).length).toBe(absorbed ? 0 : 1);
    expect(h.outbox.queued(a.id)).toBe(!absorbed);
  });
});
