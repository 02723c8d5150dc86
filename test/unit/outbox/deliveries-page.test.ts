// Issue 16: the Deliveries view asks for pages (src/outbox/page.ts, handler deliveries.list): the
// filters run in the worker and the message polled every 2 s stays bounded with 1,000 items waiting.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deliveriesHandlers } from '../../../src/background/handlers/deliveries';
import { DELIVERY_PAGE, type DeliveryPageRequest, deliveryPage } from '../../../src/outbox/page';
import type { OutboxItem } from '../../../src/outbox/types';
import { PageRequestSchema } from '../../../src/protocol';

const BODY = `{"text":"${'x'.repeat(2000)}"}`;
const item = (n: number, over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: `id-${n}`,
  journalSeq: n,
  ruleId: 'note',
  ruleName: 'Note',
  actionIndex: 0,
  eventId: `e-${n}`,
  orderKey: `note|c${n}`,
  createdAt: 1_000_000 + n,
  attempts: 0,
  nextAttemptAt: 0,
  status: 'pending',
  request: { method: 'POST', url: 'https://a.example/api/notes', headers: {}, body: [BODY], timeoutMs: 1000 },
  ...over,
});

/** 1: failed (a.example, note); 2: retrying; 3: another CRM and rule; 4: on the wire. */
const few = [
  item(1, { status: 'dead', attempts: 3 }),
  item(2, { attempts: 2 }),
  item(3, {
    ruleId: 'contact',
    ruleName: 'Contact',
    request: { method: 'POST', url: 'https://b.example/x', headers: {}, timeoutMs: 1000 },
  }),
  item(4),
];
const SENDING = new Set(['id-4']);
const NO_SECRETS = new Map<string, string>();

describe('deliveries.list filters in the worker', () => {
  it.each<[DeliveryPageRequest, string[]]>([
    [{}, ['id-4', 'id-3', 'id-2', 'id-1']],
    [{ origin: 'https://b.example' }, ['id-3']],
    [{ ruleId: 'note' }, ['id-4', 'id-2', 'id-1']],
    [{ status: 'retrying' }, ['id-2']],
    [{ status: 'sending' }, ['id-4']],
    [{ status: 'failed', ruleId: 'note' }, ['id-1']],
    [{ status: 'queued' }, ['id-3']],
    [{ status: 'failed', origin: 'https://b.example' }, []],
  ])('%o → %o', (req, ids) => {
    const page = deliveryPage(few, SENDING, NO_SECRETS, req);
    expect(page.items.map((i) => i.id)).toEqual(ids);
    expect(page.total).toBe(ids.length);
  });

  it('counts every status and lists the facets whatever the filter', () => {
    const page = deliveryPage(few, SENDING, NO_SECRETS, { status: 'failed' });
    expect(page.counts).toEqual({ queued: 1, sending: 1, retrying: 1, failed: 1 });
    expect(page.facets).toEqual({
      origins: ['https://a.example', 'https://b.example'],
      rules: [
        { id: 'contact', name: 'Contact' },
        { id: 'note', name: 'Note' },
      ],
    });
  });
});

describe('deliveries.list with 1,000 items is paged and bounded', () => {
  const many = Array.from({ length: 1000 }, (_, k) => item(k + 1, k % 4 === 0 ? { status: 'dead' } : {}));
  const handlers = deliveriesHandlers({
    outbox: {
      all: async () => many,
      sending: () => new Set<string>(),
      synced: async () => undefined,
      kick: async () => undefined,
    } as never,
    journal: { update: async () => undefined },
    feed: { publish: () => undefined },
    now: () => 42,
  });
  const list = (req: Omit<DeliveryPageRequest, 'status'> & { status?: 'failed' } = {}) =>
    handlers['deliveries.list'](PageRequestSchema.parse({ type: 'deliveries.list', ...req }) as never);

  it.each<[string, { offset?: number; limit?: number; status?: 'failed' }, number, string, number]>([
    ['the first page', {}, 0, 'id-1000', 50],
    ['a middle page', { offset: 500 }, 500, 'id-500', 50],
    ['the last page', { offset: 950 }, 950, 'id-50', 50],
    ['past the end: clamped to the last page', { offset: 5000 }, 950, 'id-50', 50],
    ['a smaller page', { offset: 10, limit: 10 }, 10, 'id-990', 10],
    ['failed only, second page', { status: 'failed' as const, offset: 50 }, 50, 'id-797', 50],
  ])('%s', async (_, req, offset, firstId, n) => {
    const page = await list(req);
    expect(page.offset).toBe(offset);
    expect(page.items).toHaveLength(n);
    expect(page.items[0]?.id).toBe(firstId);
    expect(page.total).toBe(req.status === 'failed' ? 250 : 1000);
    expect(page.counts).toEqual({ queued: 750, sending: 0, retrying: 0, failed: 250 });
    expect(page.now).toBe(42);
  });

  it('the message carries one page, not the whole outbox (a 20th of its size)', async () => {
    const page = await list();
    const whole = JSON.stringify(many).length;
    expect(JSON.stringify(page).length).toBeLessThan(whole / 15);
    expect(page.items).toHaveLength(DELIVERY_PAGE);
  });

  it.each([
    [{ limit: 101 }],
    [{ limit: 0 }],
    [{ offset: -1 }],
    [{ status: 'delivered' }],
    [{ offset: 1.5 }],
  ])('a page request out of bounds is refused: %o', (req) => {
    expect(PageRequestSchema.safeParse({ type: 'deliveries.list', ...req }).success).toBe(false);
  });
});
