// The action stage (src/background/pipeline/actions.ts): runs matched actions once, resumes after a
// restart, and an outbox report that arrives before the outcomes are written waits for them.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ActionStage } from '../../../../src/background/pipeline/actions';
import type { EventEntry } from '../../../../src/journal/types';
import type { OutboxItem } from '../../../../src/outbox/types';
import { httpRule, MemFeed, MemJournal, matchedEntry, settingsWith } from './fakes';

async function journaled(journal: MemJournal, ruleId: string): Promise<EventEntry> {
  const entry = matchedEntry(ruleId);
  entry.seq = await journal.append(entry);
  return entry;
}

beforeEach(() => fakeBrowser.reset());

describe('action stage', () => {
  it('runs the matched actions, writes their outcomes at once and marks the entry done', async () => {
    const journal = new MemJournal();
    const feed = new MemFeed();
    const stage = new ActionStage({
      journal,
      feed,
      outbox: () => ({ enqueue: async () => true, kick: async () => undefined }) as never,
      settings: () => settingsWith(),
    });
    stage.enqueue(await journaled(journal, 'r1'), undefined, true);
    await stage.idle();
    expect(journal.entries[0]).toMatchObject({
      state: 'done',
      actions: [{ ruleId: 'r1', index: 0, kind: 'log' }],
    });
    expect(feed.published).toHaveLength(1);
  });

  it('resume: unfinished entries run after a restart, finished ones are not run again', async () => {
    const journal = new MemJournal();
    const stage = new ActionStage({
      journal,
      feed: new MemFeed(),
      outbox: () => ({}) as never,
      settings: () => settingsWith(),
    });
    await journaled(journal, 'r1');
    await stage.resume();
    await stage.resume();
    await stage.idle();
    expect(journal.entries[0]).toMatchObject({ state: 'done' });
    expect(journal.entries[0]?.kind === 'event' && journal.entries[0].actions).toHaveLength(1);
  });

  it('an outbox report delivered before the outcomes are journaled is applied after them (no lost report)', async () => {
    const journal = new MemJournal();
    const feed = new MemFeed();
    let stage!: ActionStage;
    const reports: Array<Promise<void> | undefined> = [];
    const outbox = {
      // The outbox delivers at once, before runActions has written the outcome.
      enqueue: async (item: OutboxItem) => {
        reports.push(stage.report({ item: { ...item, attempts: 1 }, status: 'ok', httpStatus: 201 }));
        return true;
      },
      kick: async () => undefined,
    };
    stage = new ActionStage({
      journal,
      feed,
      outbox: () => outbox as never,
      settings: () => settingsWith({ rules: [httpRule] }),
    });
    stage.enqueue(await journaled(journal, 'h1'), undefined, true);
    await stage.idle();
    await new Promise((r) => setTimeout(r, 0));
    expect(reports).toEqual([undefined]); // deferred: the outbox did not wait for it
    expect(journal.entries[0]).toMatchObject({
      state: 'done',
      actions: [{ ruleId: 'h1', status: 'ok', detail: 'HTTP 201', attempts: 1 }],
    });
  });

  it('a report for an entry whose actions are not running is applied at once', async () => {
    const journal = new MemJournal();
    const feed = new MemFeed();
    const stage = new ActionStage({
      journal,
      feed,
      outbox: () => ({}) as never,
      settings: () => settingsWith(),
    });
    const entry = await journaled(journal, 'h1');
    await journal.update(entry.seq ?? 0, (e) => {
      if (e.kind === 'event')
        e.actions.push({
          ruleId: 'h1',
          ruleName: 'h',
          index: 0,
          kind: 'http',
          status: 'queued',
          outboxId: 'o1',
          at: 1,
        });
    });
    const item = { id: 'o1', journalSeq: entry.seq, attempts: 3, nextAttemptAt: 99 } as OutboxItem;
    await stage.report({ item, status: 'retrying', error: 'timeout' });
    expect(journal.entries[0]).toMatchObject({
      actions: [{ status: 'retrying', attempts: 3, nextAttemptAt: 99 }],
    });
    expect(feed.published).toHaveLength(1);
    await stage.report({ item: { ...item, id: 'unknown' }, status: 'ok' });
    expect(feed.published).toHaveLength(1);
  });
});
