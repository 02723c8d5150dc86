import { reqDone, STORES, withStore } from '../util/idb';
import type { JournalEntry } from './types';

/**
 * Bounded event log in the extension origin's IndexedDB. Trimming runs every TRIM_EVERY appends, so
 * the bound is exceeded by at most that many entries between trims.
 */
const TRIM_EVERY = 50;

export class Journal {
  private appends = 0;
  /** Applied to every entry before it is written: secret values never reach the journal. */
  private redactor: (e: JournalEntry) => JournalEntry = (e) => e;
  constructor(private limit: number) {}

  setRedactor(fn: (e: JournalEntry) => JournalEntry): void {
    this.redactor = fn;
  }

  setLimit(limit: number): void {
    this.limit = limit;
  }

  async append(entry: JournalEntry): Promise<number> {
    // The caller's object becomes the redacted one too: it is what the inspector is shown.
    const stored = Object.assign(entry, this.redactor(entry));
    const seq = await withStore(STORES.journal, 'readwrite', (s) => reqDone(s.add(stored)));
    entry.seq = seq as number;
    if (++this.appends % TRIM_EVERY === 0) await this.trim();
    return entry.seq;
  }

  async update(seq: number, mutate: (e: JournalEntry) => void): Promise<JournalEntry | undefined> {
    return withStore(STORES.journal, 'readwrite', async (s) => {
      const entry = (await reqDone(s.get(seq))) as JournalEntry | undefined;
      if (!entry) return undefined;
      mutate(entry);
      const stored = this.redactor(entry);
      await reqDone(s.put(stored));
      return stored;
    });
  }

  async get(seq: number): Promise<JournalEntry | undefined> {
    return withStore(
      STORES.journal,
      'readonly',
      (s) => reqDone(s.get(seq)) as Promise<JournalEntry | undefined>,
    );
  }

  /** Newest first, at most `limit` entries, optionally before a sequence number (paging). */
  async recent(limit: number, beforeSeq?: number): Promise<JournalEntry[]> {
    return withStore(STORES.journal, 'readonly', (s) => {
      const range = beforeSeq === undefined ? undefined : IDBKeyRange.upperBound(beforeSeq, true);
      return new Promise<JournalEntry[]>((resolve, reject) => {
        const out: JournalEntry[] = [];
        const req = s.openCursor(range, 'prev');
        req.onsuccess = () => {
          const cursor = req.result;
          if (!cursor || out.length >= limit) return resolve(out);
          out.push(cursor.value as JournalEntry);
          cursor.continue();
        };
        req.onerror = () => reject(req.error);
      });
    });
  }

  /** Entries journaled for a capture id (a re-sent capture finds what its first delivery left). */
  async byCid(cid: string): Promise<JournalEntry[]> {
    return withStore(STORES.journal, 'readonly', (s) => reqDone(s.index('cid').getAll(cid)) as Promise<JournalEntry[]>);
  }

  /** Event entries whose actions did not all run (the worker stopped mid-way). */
  async unfinished(limit = 1000): Promise<JournalEntry[]> {
    const recent = await this.recent(limit);
    return recent.filter((e) => e.kind === 'event' && e.state === 'processing').reverse();
  }

  async count(): Promise<number> {
    return withStore(STORES.journal, 'readonly', (s) => reqDone(s.count()));
  }

  async clear(): Promise<void> {
    await withStore(STORES.journal, 'readwrite', (s) => reqDone(s.clear()));
  }

  async trim(): Promise<void> {
    await withStore(STORES.journal, 'readwrite', async (s) => {
      const total = await reqDone(s.count());
      const excess = total - this.limit;
      if (excess <= 0) return;
      // Oldest `excess` keys: walk the key cursor and delete up to the cut-off.
      const keys = (await reqDone(s.getAllKeys(null, excess))) as number[];
      const last = keys[keys.length - 1];
      if (last !== undefined) await reqDone(s.delete(IDBKeyRange.upperBound(last)));
    });
  }
}
