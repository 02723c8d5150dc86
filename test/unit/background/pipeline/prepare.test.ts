// Latency at the physical floor (issue 16): http actions are rendered in the capture's own turn, their
// outbox rows are written in the journal entry's transaction, and the request leaves while it is written.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ActionStage } from '../../../../src/background/pipeline/actions';
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
  /** What Ingest.journal does: prepare, append with the rows, start. */
  const capture = (entry: EventEntry) => {
    const early = stage.prepare(entry);
    const written = journal.append(entry, early?.rows ?? []);
    void written.then(() => {
      durable = true;
    });
    early?.start(written);
    return { early, written };
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
  it('the request leaves before the entry is durable; entry and outbox row are written together', async () => {
    const p = pipeline();
    await p.outbox.kick(); // loads the outbox mirror, as the worker's start-up does
    const entry = matchedEntry('h1', 1);
    const { early, written } = p.capture(entry);
    expect(early?.rows).toHaveLength(1);
    // Written `done` with its outcome: the stage has nothing left to run for it.
    expect(entry).toMatchObject({
      state: 'done',
      actions: [{ ruleId: 'h1', kind: 'http', status: 'queued' }],
    });
    const seq = await written;
    await new Promise((r) => setTimeout(r, 0));
    expect(p.sent).toHaveLength(1);
    expect(p.sent[0]?.durable).toBe(false);
    // The row came with the entry (the request is still on the wire: the outbox wrote nothing itself).
    const rows = await outboxRows();
    expect(rows).toMatchObject([{ journalSeq: seq, attempts: 0, status: 'pending' }]);
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
    const { written } = p.capture(entry);
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
    expect(p.capture(third).early?.rows).toHaveLength(1);
  });
});
