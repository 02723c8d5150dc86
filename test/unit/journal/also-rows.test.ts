// Rows written in a journal entry's transaction (AlsoWrite): puts, a function value getting the entry's
// seq (a message's transcript line is keyed by it: src/workflows/transcript.ts), read when the entry is
// written.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../src/journal/journal';
import type { JournalEntry } from '../../../src/journal/types';
import { reqDone, STORES, withStore } from '../../../src/util/idb';

const entry = (n: number): JournalEntry =>
  ({
    kind: 'event',
    at: n,
    eventId: `e${n}`,
    tabId: 1,
    platform: 'roxchat',
    type: 'message.created',
    matches: [],
    actions: [],
    state: 'done',
  }) as unknown as JournalEntry;

const lines = (key: string) =>
  withStore(STORES.transcriptLines, 'readonly', (s) =>
    reqDone(s.getAll(IDBKeyRange.bound([key], [key, []]))),
  ) as Promise<Array<{ key: string; id: number; text: string }>>;

const line = (key: string, text: string, at = 1) => ({
  store: STORES.transcriptLines,
  value: (seq: number) => ({ key, at, id: seq, text, expiresAt: 1 }),
});

describe('journal also-rows', () => {
  it('each entry’s rows get its seq; one batch keeps append order', async () => {
    const j = new Journal(1000);
    const seqs = await Promise.all([
      j.append(entry(1), [line('a', 'one')]),
      j.append(entry(2), [line('a', 'two')]),
      j.append(entry(3), [line('a', 'three')]),
    ]);
    expect(await lines('a')).toMatchObject([
      { id: seqs[0], text: 'one' },
      { id: seqs[1], text: 'two' },
      { id: seqs[2], text: 'three' },
    ]);
  });

  it('a function `also` is read when the entry is written, after `ready`', async () => {
    const j = new Journal(1000);
    let release!: () => void;
    const ready = new Promise<void>((r) => (release = r));
    const words: string[] = [];
    const written = j.append(entry(1), () => [line('b', words.join('+'))], ready);
    words.push('late');
    release();
    await written;
    expect((await lines('b')).map((l) => l.text)).toEqual(['late']);
  });
});
