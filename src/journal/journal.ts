import { openDb, reqDone, STORES, txDone, withStore } from '../util/idb';
import type { JournalEntry } from './types';

/**
 * A row put in the same transaction as a journal entry (issue 16: gate marks, dedupe sightings, outbox
 * rows, the message's transcript line): both are durable or neither is. A function `value` is built from
 * the entry's sequence number. Puts only: a row read and rewritten here made every event's transaction
 * grow with its conversation (src/workflows/transcript.ts).
 */
export interface AlsoWrite {
  store: string;
  value: unknown | ((seq: number) => unknown);
}

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

  private batch: Array<{
    entry: JournalEntry;
    also: readonly AlsoWrite[] | (() => readonly AlsoWrite[]);
    ready?: Promise<unknown>;
    resolve: (seq: number) => void;
    reject: (e: unknown) => void;
  }> = [];
  private flushing = false;

  /**
   * Appends are batched: entries appended in the same turn are written in one transaction, in order
   * (a burst of captures costs one IndexedDB transaction per batch, not per event). Resolves with the
   * entry's sequence number once it is durable, with the `also` rows written in the same transaction.
   *
   * `ready` holds the write (and every append after it: journal order is append order) until it settles;
   * `also` as a function is read then. The early path (src/background/pipeline/actions.ts) holds its
   * entry while its request is on the wire, so an answer that comes back in time is written with the
   * entry (one transaction, no outbox row) instead of three transactions after it.
   */
  append(
    entry: JournalEntry,
    also: readonly AlsoWrite[] | (() => readonly AlsoWrite[]) = [],
    ready?: Promise<unknown>,
  ): Promise<number> {
    // The caller's object becomes the redacted one too: it is what the inspector is shown. A held entry
    // still changes (its outcomes) until it is written: it is redacted then, once.
    const stored = ready ? entry : Object.assign(entry, this.redactor(entry));
    return new Promise<number>((resolve, reject) => {
      this.batch.push({ entry: stored, also, ready, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setTimeout(() => void this.flush(), 0);
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.batch.length > 0) {
      const items = this.batch.splice(0, 500);
      try {
        await Promise.all(items.map((i) => i.ready?.catch(() => undefined)));
        const rows = items.map((i) => {
          const also = typeof i.also === 'function' ? i.also() : i.also;
          // A held entry is redacted now, with what changed since it was appended (its outcomes).
          if (i.ready) Object.assign(i.entry, this.redactor(i.entry));
          return { entry: i.entry, also };
        });
        const seqs = await writeBatch(rows);
        items.forEach((item, k) => {
          item.entry.seq = seqs[k];
          item.resolve(seqs[k] as number);
        });
      } catch (e) {
        for (const item of items) item.reject(e);
      }
      const before = this.appends;
      this.appends += items.length;
      if (Math.floor(before / TRIM_EVERY) !== Math.floor(this.appends / TRIM_EVERY))
        await this.trim().catch(() => undefined);
    }
    this.flushing = false;
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
    return withStore(
      STORES.journal,
      'readonly',
      (s) => reqDone(s.index('cid').getAll(cid)) as Promise<JournalEntry[]>,
    );
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

/** One transaction: the entries in order, each followed by its `also` rows. */
async function writeBatch(
  items: ReadonlyArray<{ entry: JournalEntry; also: readonly AlsoWrite[] }>,
): Promise<number[]> {
  const stores = new Set<string>([STORES.journal]);
  for (const i of items) for (const a of i.also) stores.add(a.store);
  const db = await openDb();
  const tx = db.transaction([...stores], 'readwrite');
  const journal = tx.objectStore(STORES.journal);
  const seqs = Promise.all(
    items.map(async (i) => {
      const seq = (await reqDone(journal.add(i.entry))) as number;
      for (const a of i.also)
        tx.objectStore(a.store).put(typeof a.value === 'function' ? a.value(seq) : a.value);
      return seq;
    }),
  );
  const [out] = await Promise.all([seqs, txDone(tx)]);
  return out;
}
