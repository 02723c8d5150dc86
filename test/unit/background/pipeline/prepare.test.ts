// Latency at the physical floor (issue 16): http actions are rendered in the capture's own turn and the
// request leaves at once; the journal entry is held until it is answered (bounded): a delivery is written
// with the entry (no outbox row at all), anything else with its row in the entry's transaction.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ActionStage } from '../../../../src/background/pipeline/actions';
import { appendHeld } from '../../../../src/background/pipeline/early';
import { Journal } from '../../../../src/journal/journal';
import type { EventEntry } from '../../../../src/journal/types';
import { Outbox } from '../../../../src/outbox/outbox';
import type { OutboxItem } from '../../../../src/outbox/types';
import { allSecrets } from '../../../../src/secrets/store';
import { reqDone, STORES, withStore } from '../../../../src/util/idb';
import { httpRule, MemFeed, matchedEntry, settingsWith } from './fakes';

const mixedRule = { ...httpRule, id: 'h2', then: [...httpRule.then, { kind: 'log' as const }] };

const outboxRows = () =>
  withStore(STORES.outbox, 'readonly', (s) => reqDone(s.getAll())) as Promise<OutboxItem[]>;

/** A journal, an outbox whose fetch waits until released, and the action stage between them. */
function pipeline(rules = [httpRule, mixedRule]) {
  const journal = new Journal(1000);
  // As the worker's: the stored entry is a redacted copy (src/secrets/redact.ts redactDeep copies).
  journal.setRedactor((e) => structuredClone(e));
  const feed = new MemFeed();
  const sent: Array<{ durable: boolean; release: () => void }> = [];
  let durable = false;
  let stage!: ActionStage;
  const outbox = new Outbox({
    fetch: (() =>
      new Promise<Response>((resolve) => {
        sent.push({ durable, release: () => resolve(new Response('{}', { status: 201 })) });
      })) as typeof fetch,
    now: () => Date.now(),
    random: () => 0,
    secrets: () => allSecrets(),
    isManaged: () => false,
    permitted: async () => true,
    report: (r) => stage.report(r),
    scheduleWake: () => undefined,
  });
  stage = new ActionStage({ journal, feed, outbox: () => outbox, settings: () => settingsWith({ rules }) });
  /** What Ingest.journal does: prepare, start the requests, append held until they are answered. */
  const capture = (entry: EventEntry, holdMs = 5000) => {
    const early = stage.prepare(entry);
    const { written, held } = appendHeld(journal, entry, [], early, holdMs);
    void written.then(() => {
      durable = true;
    });
    return { early, written, held };
  };
  return { journal, outbox, stage, sent, capture, resetDurable: () => (durable = false) };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.clear()));
  await withStore(STORES.journal, 'readwrite', (s) => reqDone(s.clear()));
  await allSecrets();
});

describe('http actions rendered in the capture turn (issue 16, latency)', () => {
  it('the request leaves before the entry is written; answered in time, the delivery is written with the entry and no row ever', async () => {
    const p = pipeline();
    await p.outbox.kick(); // loads the outbox mirror, as the worker's start-up does
    const entry = matchedEntry('h1', 1);
    const { early, written } = p.capture(entry);
    // Written `done`: the stage has nothing left to run for it.
    expect(entry).toMatchObject({
      state: 'done',
      actions: [{ ruleId: 'h1', kind: 'http', status: 'queued' }],
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(p.sent).toHaveLength(1);
    expect(p.sent[0]?.durable).toBe(false);
    // Held while the request is on the wire: nothing written yet, not even the row.
    expect(await outboxRows()).toEqual([]);
    expect(await p.journal.recent(10)).toEqual([]);
    p.sent[0]?.release();
    const seq = await written;
    await p.outbox.kick();
    expect(await p.journal.get(seq)).toMatchObject({
      state: 'done',
      actions: [{ ruleId: 'h1', status: 'ok', detail: 'HTTP 201: {}', attempts: 1 }],
    });
    // Its row was never written (rows() left it out) and nothing is queued.
    expect(early?.rows()).toEqual([]);
    expect(await outboxRows()).toEqual([]);
    expect(await p.outbox.all()).toEqual([]);
  });

  it('not answered within the hold: entry and outbox row are written together, the answer after them', async () => {
    const p = pipeline();
    await p.outbox.kick();
    const entry = matchedEntry('h1', 7);
    const { written } = p.capture(entry, 10);
    const seq = await written;
    expect(p.sent).toHaveLength(1);
    expect(p.sent[0]?.durable).toBe(false);
    expect(await outboxRows()).toMatchObject([{ journalSeq: seq, attempts: 0, status: 'pending' }]);
    expect(await p.journal.get(seq)).toMatchObject({ actions: [{ status: 'queued' }] });
    p.sent[0]?.release();
    await p.outbox.kick();
    expect(await outboxRows()).toEqual([]);
    expect(await p.journal.get(seq)).toMatchObject({
      state: 'done',
      actions: [{ ruleId: 'h1', status: 'ok', detail: 'HTTP 201: {}', attempts: 1 }],
    });
  });

  it('other kinds of action stay with the stage; the entry stays processing until they ran', async () => {
    const p = pipeline();
    await p.outbox.kick();
    const entry = matchedEntry('h2', 2);
    const { written } = p.capture(entry, 10);
    expect(entry.state).toBe('processing');
    const seq = await written;
    p.stage.enqueue(entry, entry.event, true);
    await p.stage.idle();
    await new Promise((r) => setTimeout(r, 0));
    p.sent[0]?.release();
    await p.outbox.kick();
    const stored = await p.journal.get(seq);
    expect(stored).toMatchObject({ state: 'done' });
    const actions = stored?.kind === 'event' ? stored.actions : [];
    expect(actions.map((a) => [a.index, a.kind, a.status])).toEqual([
      [0, 'http', 'ok'],
      [1, 'log', 'ok'],
    ]);
    expect(p.sent).toHaveLength(1); // the stage did not render the http action a second time
  });

  it('before the outbox is loaded nothing is rendered early (the stage does it after the write)', async () => {
    const p = pipeline();
    const entry = matchedEntry('h1', 3);
    expect(p.stage.prepare(entry)).toBeUndefined();
    expect(entry).toMatchObject({ state: 'processing', actions: [] });
  });

  it('while an earlier entry is owed to the stage, later ones wait their turn there (order per conversation)', async () => {
    const p = pipeline();
    // The worker just started: the outbox is not loaded, so this entry is left to the stage.
    const first = matchedEntry('h1', 4);
    const one = p.capture(first);
    expect(one.early).toBeUndefined();
    await p.outbox.kick();
    // Rendered early, its request could leave before the stage has even queued the first one's.
    const second = matchedEntry('h1', 5);
    const two = p.capture(second);
    expect(two.early).toBeUndefined();
    expect(second.state).toBe('processing');
    await one.written;
    p.stage.enqueue(first, first.event, true);
    await two.written;
    p.stage.enqueue(second, second.event, true);
    await p.stage.idle();
    // Nothing owed any more: the next one takes the fast path again.
    const third = matchedEntry('h1', 6);
    expect(p.capture(third).early?.rows()).toHaveLength(1);
  });
});
