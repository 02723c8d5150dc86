// Issue 14 item 3: dedupe and the Idempotency-Key are bound to the event's source (platform, trusted
// origin, site). Two tabs of one CRM site embedding one workspace still dedupe; an event forged on another
// site or from another origin, carrying a real chat id, neither suppresses the genuine one nor takes its key.
import { describe, expect, it } from 'vitest';
import { idempotencyKey } from '../../../src/actions/http';
import { Dedupe, journalDuplicate, type Sighting } from '../../../src/background/dedupe';
import type { BridgeEvent } from '../../../src/events/model';
import type { EventEntry, JournalEntry } from '../../../src/journal/types';
import { dedupeKey, sourceOf } from '../../../src/platforms/kit';

const WORKSPACE = 'https://acme.rox.chat';
const CRM = 'https://crm.example.com';

function ev(over: Partial<BridgeEvent> = {}): BridgeEvent {
  return {
    id: 'roxchat:newMessageAdded:k:msg-1',
    platform: 'roxchat',
    type: 'message.created',
    sourceEvent: 'newMessageAdded',
    receivedAt: 1000,
    origin: WORKSPACE,
    page: { url: `${CRM}/contacts/1`, title: 'CRM' },
    tabId: 1,
    frameId: 0,
    data: {},
    ...over,
  };
}

const genuine = ev();
/** The same real message id, arriving from somewhere else first. */
const forgeries: Array<[string, BridgeEvent]> = [
  ['another site (page-API forgery)', ev({ page: { url: 'https://evil.example/x', title: '' }, tabId: 9 })],
  ['another trusted origin of another site', ev({ origin: 'https://other.example', tabId: 9 })],
  ['another origin on the same site', ev({ origin: 'https://other.example' })],
  ['another platform with the same id', ev({ platform: 'ucontact' })],
];

describe('dedupe is bound to the source', () => {
  it.each(forgeries)('a forged event from %s does not suppress the genuine one', (_, forged) => {
    const d = new Dedupe<string>();
    expect(d.check(forged, 'forged')).toBeUndefined();
    expect(d.check(genuine, 'genuine')).toBeUndefined();
    // And the genuine one is still what its own repeats are deduplicated against.
    expect(d.check(ev({ tabId: 2, receivedAt: 1001 }), 'again')).toBe('genuine');
  });

  it('two tabs of the same CRM site embedding the same workspace still dedupe (strong id), and say which came first', () => {
    const d = new Dedupe<string>();
    expect(d.check(genuine, 'first')).toBeUndefined();
    const other = ev({ tabId: 2, page: { url: `${CRM}/other-page`, title: 'CRM 2' }, receivedAt: 1500 });
    expect(d.check(other, 'second')).toBe('first');
  });

  it('weak ids: a repeat in the same frame is a new occurrence, the same payload from another tab a duplicate', () => {
    const weak = (o: Partial<BridgeEvent> = {}) => ev({ id: 'roxchat:visitorSelected:h:abc', ...o });
    const d = new Dedupe<number>();
    expect(d.check(weak(), 1)).toBeUndefined();
    expect(d.check(weak({ receivedAt: 1100 }), 2)).toBeUndefined();
    expect(d.check(weak({ tabId: 2, receivedAt: 1200 }), 3)).toBe(2);
  });

  it('outside the window it is a new sighting', () => {
    const d = new Dedupe<number>(60_000);
    expect(d.check(genuine, 1)).toBeUndefined();
    expect(d.check(ev({ receivedAt: 1000 + 60_001 }), 2)).toBeUndefined();
  });

  it('the source is platform, trusted origin and the page origin (not its path)', () => {
    expect(sourceOf(genuine)).toBe(`roxchat|${WORKSPACE}|${CRM}`);
    expect(dedupeKey(ev({ page: { url: `${CRM}/elsewhere?q=1`, title: '' } }))).toBe(dedupeKey(genuine));
  });
});

describe('Idempotency-Key is bound to the source', () => {
  it.each(forgeries)('an event forged from %s gets a different key', (_, forged) => {
    expect(idempotencyKey('note', forged, 0)).not.toBe(idempotencyKey('note', genuine, 0));
  });

  it('is the same for the same event seen in another tab of the same site (retries and cross-tab stay idempotent)', () => {
    const other = ev({ tabId: 2, frameId: 3, receivedAt: 5000, page: { url: `${CRM}/b`, title: 'B' } });
    expect(idempotencyKey('note', other, 0)).toBe(idempotencyKey('note', genuine, 0));
    expect(idempotencyKey('note', genuine, 1)).not.toBe(idempotencyKey('note', genuine, 0));
    expect(idempotencyKey('note', genuine, 0)).toMatch(/^crmb-[0-9a-z]+-[0-9a-z]+$/);
  });
});

describe('a suppressed duplicate is journaled, never dropped', () => {
  it('says which entry it repeats; more repeats from the same tab and frame are counted on it', async () => {
    const entries = new Map<number, JournalEntry>();
    const journal = {
      append: async (e: JournalEntry) => {
        const seq = entries.size + 100;
        entries.set(seq, { ...e, seq });
        return seq;
      },
      update: async (seq: number, mutate: (e: JournalEntry) => void) => {
        const e = entries.get(seq);
        if (e) mutate(e);
        return e;
      },
    };
    const shown: JournalEntry[] = [];
    const inspector = { push: (e: JournalEntry) => void shown.push(e) };
    // The first sighting's write has not finished yet: its seq is awaited, not left out.
    const first: Sighting = { ref: { eventId: genuine.id, tabId: 1, at: 5 }, written: Promise.resolve(41) };
    const dup = ev({ tabId: 2, receivedAt: 6 });
    const again = (event: BridgeEvent) =>
      journalDuplicate(journal, inspector, first, { at: 6, eventId: event.id, tabId: event.tabId, event });
    for (let i = 0; i < 3; i++) await (await again(dup)).done;
    await (await again(ev({ tabId: 3 }))).done;
    const written = [...entries.values()] as EventEntry[];
    expect(written.map((e) => [e.tabId, e.state, e.matches, e.actions, e.duplicateOf])).toEqual([
      [2, 'duplicate', [], [], { eventId: genuine.id, tabId: 1, at: 5, seq: 41, count: 3 }],
      [3, 'duplicate', [], [], { eventId: genuine.id, tabId: 1, at: 5, seq: 41 }],
    ]);
    expect(shown.length).toBe(4);
  });
});
