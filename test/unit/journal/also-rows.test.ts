// Rows written in a journal entry's transaction (AlsoWrite): plain puts, and read-modify-writes (a
// conversation's transcript) applied in append order, one get and one put per row per batch.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
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

const row = (key: string) =>
  withStore(STORES.transcripts, 'readonly', (s) => reqDone(s.get(key))) as Promise<
    { key: string; words: string[] } | undefined
  >;

const append = (word: string) => ({
  store: STORES.transcripts,
  key: 'conv-1',
  update: (r: unknown) => {
    const prev = r as { key: string; words: string[] } | undefined;
    return { key: 'conv-1', words: [...(prev?.words ?? []), word], expiresAt: 1 };
  },
});

beforeEach(async () => {
  await withStore(STORES.transcripts, 'readwrite', (s) => reqDone(s.clear()));
});

describe('journal also-rows', () => {
  it('updates of one row in the same batch are all applied, in append order', async () => {
    const j = new Journal(1000);
    await Promise.all([
      j.append(entry(1), [append('one')]),
      j.append(entry(2), [append('two')]),
      j.append(entry(3), [append('three')]),
    ]);
    expect((await row('conv-1'))?.words).toEqual(['one', 'two', 'three']);
  });

  it('an update sees what an earlier transaction stored', async () => {
    const j = new Journal(1000);
    await j.append(entry(1), [append('one')]);
    await j.append(entry(2), [append('two')]);
    expect((await row('conv-1'))?.words).toEqual(['one', 'two']);
  });

  it('a function `also` is read when the entry is written, after `ready`', async () => {
    const j = new Journal(1000);
    let release!: () => void;
    const ready = new Promise<void>((r) => (release = r));
    const words: string[] = [];
    const written = j.append(entry(1), () => [append(words.join('+'))], ready);
    words.push('late');
    release();
    await written;
    expect((await row('conv-1'))?.words).toEqual(['late']);
  });
});
