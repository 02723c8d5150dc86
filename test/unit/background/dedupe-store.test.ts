// Issue 16: the cross-tab dedupe is durable. Its first sightings are written with the journal entry
// that records them (no transaction of their own), loaded by the next worker, bounded and expiring.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sighting } from '../../../src/background/dedupe';
import { DurableDedupe } from '../../../src/background/dedupe-store';
import { Ingest } from '../../../src/background/pipeline/ingest';
import { SerialQueue } from '../../../src/background/pipeline/queue';
import { Rejections } from '../../../src/background/pipeline/rejections';
import type { BridgeEvent } from '../../../src/events/model';
import { Journal } from '../../../src/journal/journal';
import type { EventEntry } from '../../../src/journal/types';
import { DEDUPE_MARK_PREFIX, type GateMark, RuleGate } from '../../../src/rules/gate';
import { RuleIndex } from '../../../src/rules/matcher';
import { reqDone, STORES, withStore } from '../../../src/util/idb';
import { MemFeed, roxPayload, settingsWith, WS, who } from './pipeline/fakes';

const CRM = 'https://crm.example.com';
const STRONG = 'roxchat:newMessageAdded:k:msg-1';
const WEAK = 'roxchat:visitorSelected:h:abc';

function ev(over: Partial<BridgeEvent> = {}): BridgeEvent {
  return {
    id: STRONG,
    platform: 'roxchat',
    type: 'message.created',
    sourceEvent: 'newMessageAdded',
    receivedAt: 1000,
    origin: WS,
    page: { url: `${CRM}/contacts/1`, title: 'CRM' },
    tabId: 1,
    frameId: 0,
    data: {},
    ...over,
  };
}

const sighting = (e: BridgeEvent): Sighting => ({ ref: { eventId: e.id, tabId: e.tabId, at: e.receivedAt } });
const allRows = () => withStore(STORES.gate, 'readonly', (s) => reqDone(s.getAll())) as Promise<GateMark[]>;

/** A first sighting journaled the way ingest does it: its rows ride on the entry's append. */
async function journaled(d: DurableDedupe, journal: Journal, e: BridgeEvent): Promise<number> {
  expect(d.check(e, sighting(e))).toBeUndefined();
  const entry: EventEntry = {
    kind: 'event',
    at: e.receivedAt,
    eventId: e.id,
    tabId: e.tabId,
    platform: e.platform,
    type: e.type,
    event: e,
    matches: [],
    actions: [],
    state: 'done',
  };
  return journal.append(entry, d.take());
}

/** A new worker: a fresh dedupe loaded from the store at `now`. */
async function restarted(now: number, windowMs = 60_000, max = 20_000): Promise<DurableDedupe> {
  const d = new DurableDedupe(windowMs, max);
  await d.load(now);
  return d;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await withStore(STORES.gate, 'readwrite', (s) => reqDone(s.clear()));
  await withStore(STORES.journal, 'readwrite', (s) => reqDone(s.clear()));
});

describe('durable cross-tab dedupe (IndexedDB)', () => {
  it.each([
    ['strong id, another tab', STRONG, { tabId: 2 }, true],
    ['strong id, the same tab', STRONG, {}, true],
    ['weak id, another tab', WEAK, { tabId: 2 }, true],
    ['weak id, another frame', WEAK, { frameId: 3 }, true],
    ['weak id, the same frame (a legitimate repeat)', WEAK, {}, false],
    [
      'strong id, another site (never suppressed by another source)',
      STRONG,
      { page: { url: 'https://evil.example/', title: '' } },
      false,
    ],
  ])('after a restart: %s → duplicate %s', async (_, id, over, duplicate) => {
    const journal = new Journal(100);
    const seq = await journaled(new DurableDedupe(), journal, ev({ id }));
    const d = await restarted(2000);
    const first = d.check(ev({ id, receivedAt: 2000, ...over }), sighting(ev({ id })));
    if (duplicate) expect(first?.ref).toEqual({ eventId: id, tabId: 1, at: 1000, seq });
    else expect(first).toBeUndefined();
  });

  it('a sighting older than the window is forgotten, and deleted at load', async () => {
    await journaled(new DurableDedupe(), new Journal(100), ev());
    const d = await restarted(1000 + 60_001);
    expect(d.check(ev({ tabId: 2, receivedAt: 1000 + 60_001 }), sighting(ev()))).toBeUndefined();
    const keys = (await allRows()).map((r) => r.key);
    // Only the new sighting's row is pending (in memory), the expired one is gone from the store.
    expect(keys).toEqual([]);
  });

  it('costs no transaction of its own: rows only for new first sightings, none for a duplicate', () => {
    const d = new DurableDedupe();
    d.check(ev(), sighting(ev()));
    d.check(ev({ tabId: 2, receivedAt: 1001 }), sighting(ev()));
    const rows = d.take();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.store).toBe(STORES.gate);
    expect(d.take()).toEqual([]);
  });

  it('bounded: at load only the newest `max` sightings are kept, the others deleted', async () => {
    const d = new DurableDedupe(60_000, 100_000);
    const journal = new Journal(1000);
    for (let k = 0; k < 5; k++)
      await journaled(d, journal, ev({ id: `${STRONG}-${k}`, receivedAt: 1000 + k }));
    const small = await restarted(2000, 60_000, 2);
    const again = (k: number) =>
      small.check(ev({ id: `${STRONG}-${k}`, tabId: 2, receivedAt: 2000 }), sighting(ev()));
    expect([again(3), again(4)].map((s) => s?.ref.eventId)).toEqual([`${STRONG}-3`, `${STRONG}-4`]);
    expect((await allRows()).map((r) => r.key.slice(DEDUPE_MARK_PREFIX.length).split('|').pop())).toEqual([
      `${STRONG}-3`,
      `${STRONG}-4`,
    ]);
  });

  it('prune deletes expired sightings only, and the rule gate neither loads nor loses them', async () => {
    const d = new DurableDedupe();
    await journaled(d, new Journal(100), ev());
    await withStore(STORES.gate, 'readwrite', (s) =>
      reqDone(s.put({ key: 'throttle|r1', at: 0, expiresAt: 10 })),
    );
    const gate = new RuleGate();
    await gate.load(5);
    expect((gate as unknown as { marks: Map<string, unknown> }).marks.size).toBe(1);
    expect(await d.prune(1000 + 59_999)).toBe(0);
    expect(await d.prune(1000 + 60_000)).toBe(1);
    expect((await allRows()).map((r) => r.key)).toEqual(['throttle|r1']);
  });
});

describe('ingest with the durable dedupe', () => {
  function worker(journal: Journal, dedupe: DurableDedupe) {
    const settings = settingsWith();
    const queue = new SerialQueue('capture');
    const feed = new MemFeed();
    const ran: EventEntry[] = [];
    const ingest = new Ingest({
      queue,
      journal,
      dedupe,
      gate: new RuleGate(),
      feed,
      rejections: new Rejections(journal, feed, queue),
      actions: { enqueue: (entry: EventEntry) => ran.push(entry) },
      settings: () => settings,
      rules: () => new RuleIndex(settings.rules),
    });
    const capture = (tabId: number) =>
      new Promise<void>((resolve, reject) =>
        ingest.capture(
          { type: 'capture', platform: 'roxchat', via: 'postMessage', origin: WS, payload: roxPayload() },
          { ...who, tabId },
          resolve,
          () => reject(new Error('capture failed')),
        ),
      );
    return { capture, ran };
  }

  it('the same event from a second tab after a worker stop is journaled as a duplicate and not run', async () => {
    const journal = new Journal(100);
    const before = worker(journal, new DurableDedupe());
    await before.capture(1);
    expect(before.ran).toHaveLength(1);
    // The worker stops: memory is gone; the next one loads the store.
    const after = worker(new Journal(100), await restarted(Date.now()));
    await after.capture(2);
    const entries = (await journal.recent(10)).reverse() as EventEntry[];
    expect(entries.map((e) => e.state)).toEqual(['processing', 'duplicate']);
    expect(entries[1]?.duplicateOf).toMatchObject({ seq: entries[0]?.seq, tabId: 1 });
    expect(after.ran).toEqual([]);
  });
});
