// The capture pipeline stage by stage (src/background/pipeline/ingest.ts), with an in-memory journal.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Dedupe, type Sighting } from '../../../../src/background/dedupe';
import {
  CAPTURE_TIME_WINDOW_MS,
  type Capture,
  captureTime,
  Ingest,
  normalise,
} from '../../../../src/background/pipeline/ingest';
import { SerialQueue } from '../../../../src/background/pipeline/queue';
import { Rejections } from '../../../../src/background/pipeline/rejections';
import type { Settings } from '../../../../src/config/settings';
import type { BridgeEvent } from '../../../../src/events/model';
import type { EventEntry } from '../../../../src/journal/types';
import { RuleGate } from '../../../../src/rules/gate';
import { RuleIndex } from '../../../../src/rules/matcher';
import { MemFeed, MemJournal, roxPayload, settingsWith, WS, who } from './fakes';

function setup(settings: Settings = settingsWith(), journal = new MemJournal()) {
  const lines: string[] = [];
  const feed = new MemFeed();
  const queue = new SerialQueue('capture');
  const ran: Array<{ entry: EventEntry; fresh: boolean }> = [];
  const ingest = new Ingest({
    queue,
    journal: journal as never,
    dedupe: new Dedupe<Sighting>(),
    gate: new RuleGate(),
    feed,
    rejections: new Rejections(journal as never, feed, queue),
    actions: {
      enqueue: (entry: EventEntry, _live?: BridgeEvent, fresh = false) => ran.push({ entry, fresh }),
    },
    settings: () => settings,
    rules: () => new RuleIndex(settings.rules),
    // As the worker wires it: the message's transcript line joins the entry's write.
    transcriptRow: (event) => {
      lines.push(event.message?.text ?? '');
      return { store: 'transcriptLines', value: (seq: number) => ({ seq }) };
    },
  });
  const capture = (over: Partial<Capture> = {}, from = who) =>
    new Promise<boolean>((resolve) =>
      ingest.capture(
        {
          type: 'capture',
          platform: 'roxchat',
          via: 'postMessage',
          origin: WS,
          payload: roxPayload(),
          ...over,
        },
        from,
        () => resolve(true),
        () => resolve(false),
      ),
    );
  const settle = async () => {
    await queue.idle();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { journal, feed, ingest, capture, ran, settle, lines };
}

beforeEach(() => fakeBrowser.reset());

describe('ingest stages', () => {
  it('normalise: a known payload gives events, a bad one a reason', () => {
    const ctx = { receivedAt: 1, origin: WS, page: { url: who.url, title: '' }, tabId: 1, frameId: 0 };
    const ok = normalise({ platform: 'roxchat', payload: roxPayload(), ctx });
    expect(ok?.ok && ok.events.length).toBeGreaterThan(0);
    const bad = normalise({ platform: 'roxchat', payload: { nonsense: true }, ctx });
    expect(bad?.ok).toBe(false);
  });

  it('admit: paused captures are acknowledged and not journaled', async () => {
    const t = setup(settingsWith({ paused: true }));
    expect(await t.capture()).toBe(true);
    expect(t.journal.entries).toEqual([]);
  });

  it('admit: a platform not configured for the page is journaled as rejected', async () => {
    const t = setup();
    expect(await t.capture({ origin: 'https://evil.example' })).toBe(true);
    expect(t.journal.entries).toMatchObject([{ kind: 'rejected', tabId: who.tabId, count: 1 }]);
    expect(t.journal.entries[0]?.kind === 'rejected' && t.journal.entries[0].reason).toContain(
      'not configured',
    );
  });

  it('an invalid payload is rejected with its sample, once (not again on a resend)', async () => {
    const t = setup();
    await t.capture({ payload: { nonsense: true }, cid: 'c1' });
    expect(t.journal.entries).toMatchObject([{ kind: 'rejected', cid: 'c1', sample: { nonsense: true } }]);
    await t.capture({ payload: { nonsense: true }, cid: 'c1', resend: true });
    expect(t.journal.entries).toHaveLength(1);
  });

  it('journal → match: the event is journaled processing, acknowledged, then its actions queued', async () => {
    const t = setup();
    expect(await t.capture({ cid: 'c1' })).toBe(true);
    await t.settle();
    expect(t.journal.entries).toMatchObject([
      { kind: 'event', state: 'processing', cid: 'c1', matches: [{ ruleId: 'r1' }], seq: 1 },
    ]);
    expect(t.feed.published).toHaveLength(1);
    expect(t.ran).toHaveLength(1);
    expect(t.ran[0]?.fresh).toBe(true);
  });

  it('match: an event no rule matches is journaled done and runs nothing', async () => {
    const t = setup(settingsWith({ rules: [] }));
    await t.capture();
    await t.settle();
    expect(t.journal.entries).toMatchObject([{ kind: 'event', state: 'done', matches: [] }]);
    expect(t.ran).toEqual([]);
  });

  it('dedupe: a sighting from another tab is journaled as a duplicate of the first, not run', async () => {
    const t = setup();
    await t.capture();
    await t.capture({}, { ...who, tabId: 4 });
    await t.settle();
    const [first, second] = t.journal.entries;
    expect(second).toMatchObject({ kind: 'event', state: 'duplicate', duplicateOf: { seq: first?.seq } });
    expect(t.ran).toHaveLength(1);
  });

  it('a resend of a capture whose actions did not finish resumes them (not fresh), journals nothing new', async () => {
    const t = setup();
    await t.capture({ cid: 'c9' });
    await t.settle();
    await t.capture({ cid: 'c9', resend: true });
    await t.settle();
    expect(t.journal.entries).toHaveLength(1);
    expect(t.ran.map((r) => r.fresh)).toEqual([true, false]);
  });

  it('direct frames go through the same stages on pseudo-tab -1', async () => {
    const t = setup();
    t.ingest.direct('roxchat', roxPayload(), `${WS}/install`, 'direct');
    await t.settle();
    expect(t.journal.entries).toMatchObject([{ kind: 'event', tabId: -1 }]);
  });

  it('actions start in capture order even when the first capture’s writes finish last', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    // The first entry's write ends last (held for its early requests' answers, say).
    class SlowFirst extends MemJournal {
      override async append(e: EventEntry): Promise<number> {
        const first = this.entries.length === 0;
        const seq = await super.append(e);
        if (first) await slow;
        return seq;
      }
    }
    const t = setup(settingsWith(), new SlowFirst());
    const first = t.capture({ cid: 'c1', payload: roxText('first') });
    const second = t.capture({ cid: 'c2', payload: roxText('second') });
    await t.settle();
    await new Promise((r) => setTimeout(r, 10));
    expect(t.ran).toEqual([]);
    release();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    await t.settle();
    expect(t.ran.map((r) => r.entry.event.message?.text)).toEqual(['first', 'second']);
  });

  it('a resend of an event journaled before the worker stopped writes no second transcript line', async () => {
    const t = setup();
    await t.capture({ cid: 'c7' });
    await t.settle();
    await t.capture({ cid: 'c7', resend: true });
    await t.settle();
    // Its line was written in the entry's transaction: the resend, recognised by cid, adds none.
    expect(t.lines).toHaveLength(1);
    expect(t.journal.entries).toHaveLength(1);
  });

  it('the bridge’s capture time becomes receivedAt, and is kept on a resend', async () => {
    const t = setup();
    const at = Date.now() - 5000;
    await t.capture({ cid: 'c3', at });
    await t.settle();
    expect(t.journal.entries[0]).toMatchObject({ kind: 'event', event: { receivedAt: at } });
  });
});

const NOW = 1_700_000_000_000;
describe('captureTime', () => {
  it.each([
    ['absent: the worker’s clock', undefined, NOW],
    ['a moment ago: the bridge’s', NOW - 1500, NOW - 1500],
    ['at the edge of the window', NOW - CAPTURE_TIME_WINDOW_MS, NOW - CAPTURE_TIME_WINDOW_MS],
    ['older than the window: the worker’s', NOW - CAPTURE_TIME_WINDOW_MS - 1, NOW],
    ['in the future: the worker’s', NOW + 1, NOW],
  ])('%s', (_label, at, expected) => {
    expect(captureTime(at, NOW)).toBe(expected);
  });
});

/** The fixture's message with another text (another event id: not a duplicate of the first). */
function roxText(text: string): unknown {
  const raw = roxPayload() as { params: { messageText: string } };
  raw.params.messageText = text;
  return raw;
}
