// The Deliveries view's logic (issue 16): src/outbox/manage.ts, src/outbox/history.ts, the Outbox's
// management methods and the deliveries.* handlers.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliveriesHandlers } from '../../../src/background/handlers/deliveries';
import { route } from '../../../src/background/handlers/router';
import type { EventEntry } from '../../../src/journal/types';
import { appendHistory, HISTORY_LIMIT, itemStatus } from '../../../src/outbox/history';
import { checkEditedBody, deliveryView } from '../../../src/outbox/manage';
import { discardItems, resendItem, retryItems } from '../../../src/outbox/manual';
import { Outbox, type OutboxDeps } from '../../../src/outbox/outbox';
import type { OutboxItem } from '../../../src/outbox/types';
import { PageRequestSchema } from '../../../src/protocol';
import type { Segments } from '../../../src/templates/segments';
import { reqDone, STORES, withStore } from '../../../src/util/idb';
import { MemFeed, MemJournal } from '../background/pipeline/fakes';

const SECRET = 's3cret-value';
let seq = 0;
const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: `key-${++seq}`,
  journalSeq: 1,
  ruleId: 'r',
  ruleName: 'Note',
  actionIndex: 0,
  eventId: 'e',
  orderKey: `r|c${seq}`,
  createdAt: 1_000_000 + seq,
  attempts: 0,
  nextAttemptAt: 0,
  status: 'pending',
  request: {
    method: 'POST',
    url: 'https://crm.example/api/notes',
    headers: { Authorization: ['Bearer ', { secret: 'crm' }], 'Content-Type': ['application/json'] },
    body: ['{"text":"hello","sig":"', { secret: 'sig', json: true }, '"}'],
    timeoutMs: 1000,
  },
  ...over,
});

function harness(responses: number[]) {
  const calls: Array<{ headers: Record<string, string>; body?: string }> = [];
  const now = 1_000_000;
  const deps: OutboxDeps = {
    fetch: (async (_url: string, init: RequestInit) => {
      calls.push({ headers: init.headers as Record<string, string>, body: init.body as string });
      const status = responses.shift() ?? 201;
      return new Response(JSON.stringify({ error: `status ${status}` }), { status });
    }) as typeof fetch,
    now: () => now,
    random: () => 0,
    secrets: async () =>
      new Map([
        ['crm', SECRET],
        ['sig', 'sig-value'],
        ['other', 'other-value'],
      ]),
    isManaged: () => false,
    permitted: async () => true,
    report: () => undefined,
    scheduleWake: () => undefined,
  };
  return { outbox: new Outbox(deps), calls, now: () => now };
}

beforeEach(async () => {
  await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.clear()));
});

describe('checkEditedBody: an edit keeps or drops the body’s secret references, never adds one', () => {
  const original: Segments = ['{"a":"', { secret: 'sig', json: true }, '"}'];
  it.each([
    ['text only', ['{"a":"b"}'], { body: ['{"a":"b"}'] }],
    ['keeps the reference', ['{"x":"', { secret: 'sig', json: true }, '"}'], {}],
    ['adjacent text merged', ['{"a":', '"b"}'], { body: ['{"a":"b"}'] }],
    ['a secret the body did not use', ['x', { secret: 'other' }], { error: /“other”/ }],
    ['the same name without JSON escaping', [{ secret: 'sig' }], { error: /“sig”/ }],
    ['a header’s secret', [{ secret: 'crm' }], { error: /“crm”/ }],
  ] as const)('%s', (_name, edited, want) => {
    const r = checkEditedBody(original, edited as unknown as Segments);
    if ('error' in want) expect('error' in r && r.error).toMatch(want.error);
    else {
      expect('body' in r).toBe(true);
      if ('body' in want && 'body' in r) expect(r.body).toEqual(want.body);
    }
  });
  it('a body without references accepts no reference at all', () => {
    expect(checkEditedBody(['{}'], [{ secret: 'crm' }])).toHaveProperty('error');
    expect(checkEditedBody(undefined, ['new'])).toEqual({ body: ['new'] });
  });
});

describe('status and history', () => {
  it.each([
    [{ status: 'dead', attempts: 3 }, false, 'failed'],
    [{ status: 'pending', attempts: 0 }, false, 'queued'],
    [{ status: 'pending', attempts: 2 }, false, 'retrying'],
    [{ status: 'pending', attempts: 0 }, true, 'sending'],
  ] as const)('%o (on the wire: %s) is %s', (over, sending, word) => {
    expect(itemStatus(item(over), sending)).toBe(word);
  });

  it('keeps the last attempts only, and marks the one after a manual retry', () => {
    const it1 = item();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++)
      appendHistory(it1, { at: i, status: 503, excerpt: 'x'.repeat(900) });
    expect(it1.history).toHaveLength(HISTORY_LIMIT);
    expect(it1.history?.[0]?.at).toBe(5);
    expect(it1.history?.[0]?.excerpt?.length).toBe(300);
    it1.manualPending = 'retry';
    appendHistory(it1, { at: 99, status: 400 });
    expect(it1.history?.at(-1)).toEqual({ at: 99, status: 400, manual: 'retry' });
    expect(it1.manualPending).toBeUndefined();
  });
});

describe('deliveryView: what a page sees', () => {
  it('headers holding a secret by name only, body references as references, secret values redacted', () => {
    const it1 = item({ status: 'dead', attempts: 1, lastError: `echo ${SECRET}` });
    it1.request.body = [`{"text":"visitor typed ${SECRET}","sig":"`, { secret: 'sig', json: true }, '"}'];
    const v = deliveryView(it1, false, new Map([['crm', SECRET]]));
    expect(v.headers).toEqual([
      { name: 'Authorization', secret: true },
      { name: 'Content-Type', value: 'application/json' },
    ]);
    expect(v.body).toEqual([
      '{"text":"visitor typed [secret:crm]","sig":"',
      { secret: 'sig', json: true },
      '"}',
    ]);
    expect(JSON.stringify(v)).not.toContain(SECRET);
    expect(v).toMatchObject({ status: 'failed', origin: 'https://crm.example', ruleName: 'Note' });
  });
});

describe('Outbox management', () => {
  it('retry all failed: back to pending with the history kept, then delivered with the same key', async () => {
    const h = harness([400, 422]);
    const a = item();
    const b = item();
    await h.outbox.enqueue(a);
    await h.outbox.enqueue(b);
    await h.outbox.kick();
    expect((await h.outbox.all()).map((i) => i.status)).toEqual(['dead', 'dead']);
    const moved = await retryItems(h.outbox, 'failed', h.now());
    expect(moved.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    const pending = await h.outbox.get(a.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 0, manualPending: 'retry' });
    expect(pending?.history).toEqual([
      {
        at: 1_000_000,
        status: 400,
        error: 'HTTP 400: the CRM refused the request (not retried)',
        excerpt: '{"error":"status 400"}',
      },
    ]);
    await h.outbox.kick();
    expect(await h.outbox.all()).toHaveLength(0);
    expect(h.calls.map((c) => c.headers['Idempotency-Key'])).toEqual([a.id, b.id, a.id, b.id]);
  });

  it('retry selected moves only those; discard selected drops only those', async () => {
    const h = harness([400, 400, 400]);
    const [a, b, c] = [item(), item(), item()];
    for (const i of [a, b, c]) await h.outbox.enqueue(i);
    await h.outbox.kick();
    expect((await retryItems(h.outbox, [b.id, 'no-such-id'], h.now())).map((i) => i.id)).toEqual([b.id]);
    expect((await discardItems(h.outbox, [a.id])).map((i) => i.id)).toEqual([a.id]);
    expect((await h.outbox.all()).map((i) => [i.id, i.status])).toEqual([
      [b.id, 'pending'],
      [c.id, 'dead'],
    ]);
    expect(await h.outbox.get(a.id)).toBeUndefined();
  });

  it('edit and resend: the new body is sent with the secret re-rendered and the same key; a new secret is refused', async () => {
    const h = harness([400]);
    const a = item();
    await h.outbox.enqueue(a);
    await h.outbox.kick();
    const refused = await resendItem(
      h.outbox,
      a.id,
      ['{"text":"', { secret: 'other', json: true }, '"}'],
      h.now(),
    );
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('“other”') });
    expect(
      await resendItem(
        h.outbox,
        a.id,
        ['{"text":"fixed","sig":"', { secret: 'sig', json: true }, '"}'],
        h.now(),
      ),
    ).toMatchObject({
      ok: true,
      item: { status: 'pending', manualPending: 'resend' },
    });
    expect(await resendItem(h.outbox, a.id, ['{}'], h.now())).toMatchObject({ ok: false }); // pending now, not failed
    await h.outbox.kick();
    expect(h.calls).toHaveLength(2);
    expect(h.calls[1]?.body).toBe('{"text":"fixed","sig":"sig-value"}');
    expect(h.calls[1]?.headers).toMatchObject({ 'Idempotency-Key': a.id, Authorization: `Bearer ${SECRET}` });
  });
});

describe('deliveries.* handlers', () => {
  const entry = (outboxId: string): EventEntry =>
    ({
      kind: 'event',
      at: 1,
      eventId: 'e',
      tabId: 1,
      platform: 'roxchat',
      type: 'message.created',
      event: {},
      matches: [{ ruleId: 'r', ruleName: 'Note' }],
      actions: [{ ruleId: 'r', ruleName: 'Note', index: 0, kind: 'http', status: 'dead', outboxId, at: 1 }],
    }) as unknown as EventEntry;

  it('discard records "discarded" on the journal outcome; retry records "queued"; list has no secret', async () => {
    const h = harness([400, 400]);
    const journal = new MemJournal();
    const feed = new MemFeed();
    const a = item({ journalSeq: 1 });
    const b = item({ journalSeq: 2 });
    await journal.append(entry(a.id));
    await journal.append(entry(b.id));
    await h.outbox.enqueue(a);
    await h.outbox.enqueue(b);
    await h.outbox.kick();
    const d = deliveriesHandlers({ outbox: h.outbox, journal, feed });
    const list = await d['deliveries.list']({ type: 'deliveries.list' });
    expect(list.items.map((i) => i.status)).toEqual(['failed', 'failed']);
    expect(await d['deliveries.discard']({ type: 'deliveries.discard', ids: [a.id] })).toEqual({
      ok: true,
      count: 1,
    });
    expect(await d['deliveries.retry']({ type: 'deliveries.retry', ids: [b.id] })).toEqual({
      ok: true,
      count: 1,
    });
    const status = (n: number) => (journal.entries[n] as EventEntry).actions[0]?.status;
    expect([status(0), status(1)]).toEqual(['discarded', 'queued']);
    expect(feed.published).toHaveLength(2);
    expect(await d['deliveries.retry']({ type: 'deliveries.retry' })).toMatchObject({ ok: false });
  });

  it('only our extension pages reach them: a content script or another extension is refused', async () => {
    const r = {
      ready: Promise.resolve(),
      runtimeId: 'me',
      extensionOrigin: 'chrome-extension://me',
      content: {},
      pages: {},
    };
    const req = { type: 'deliveries.discard', ids: ['x'] };
    const tab = { id: 'me', url: 'https://crm.example/', tab: { id: 3 }, frameId: 0 };
    expect(await route(r as never, req, tab as never)).toEqual({ error: 'invalid message' });
    expect(
      await route(r as never, req, { id: 'other', url: 'chrome-extension://other/x.html' } as never),
    ).toBeUndefined();
  });

  it.each([
    [{ type: 'deliveries.retry', all: false }],
    [{ type: 'deliveries.discard', ids: [] }],
    [{ type: 'deliveries.resend', id: 'x', body: [{ secret: 'crm', value: 'x' }] }],
    [{ type: 'deliveries.resend', id: 'x', body: '{"a":1}' }],
  ])('the boundary refuses %o', (req) => {
    expect(PageRequestSchema.safeParse(req).success).toBe(false);
  });
});
