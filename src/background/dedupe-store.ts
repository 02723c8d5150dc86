import type { AlsoWrite } from '../journal/journal';
import type { DuplicateOf } from '../journal/types';
import { DEDUPE_MARK_PREFIX } from '../rules/gate';
import { openDb, reqDone, STORES, txDone } from '../util/idb';
import { Dedupe, type Seen, type Sighting } from './dedupe';

/** One first sighting as stored in the IndexedDB `gate` store (key = prefix + dedupe key). */
export interface DedupeMark {
  key: string;
  at: number;
  expiresAt: number;
  where: string;
  ref: DuplicateOf;
}

/** Expired sightings are deleted once this many new ones were written (off the hot path). */
const PRUNE_EVERY = 1000;

/** The key range of the sightings in the `gate` store. */
const MINE = (): IDBKeyRange => IDBKeyRange.bound(DEDUPE_MARK_PREFIX, `${DEDUPE_MARK_PREFIX}\uffff`);

/**
 * The cross-tab dedupe, durable (issue 16): a worker that slept (or a new one after a crash) still
 * knows the events seen within the window, so the same event arriving from a second tab after the
 * stop is journaled as a duplicate and no second request leaves.
 *
 * No transaction per event: `check` stays synchronous against memory, loaded once per worker life
 * (`load`, before the first capture); each new first sighting is written behind with the journal
 * entry that records it, in that entry's transaction (`take`, as the rules' once/throttle marks are),
 * carrying the entry's sequence number. Bounded: in memory by `max` and the window; in the store by
 * expiry (`expiresAt` = sighting + window), pruned at load and every PRUNE_EVERY writes, and at load
 * only the newest `max` are kept.
 */
export class DurableDedupe extends Dedupe<Sighting> {
  private pending: DedupeMark[] = [];
  private loaded?: Promise<void>;
  private sincePrune = 0;

  /** Loads the unexpired sightings (once per worker life) and deletes the expired ones. */
  load(now = Date.now()): Promise<void> {
    this.loaded ??= (async () => {
      const db = await openDb();
      const tx = db.transaction(STORES.gate, 'readwrite');
      const store = tx.objectStore(STORES.gate);
      const rows = (await reqDone(store.getAll(MINE()))) as DedupeMark[];
      const live = rows.filter((r) => r.expiresAt > now).sort((a, b) => a.at - b.at);
      const kept = live.slice(-this.max);
      const keptKeys = new Set(kept.map((r) => r.key));
      for (const r of rows) if (!keptKeys.has(r.key)) store.delete(r.key);
      await txDone(tx);
      for (const r of kept)
        this.restore(r.key.slice(DEDUPE_MARK_PREFIX.length), {
          at: r.at,
          where: r.where,
          first: { ref: r.ref },
        });
    })().catch((e: unknown) => {
      this.loaded = undefined;
      throw e;
    });
    return this.loaded;
  }

  protected override remembered(key: string, seen: Seen<Sighting>): void {
    const { eventId, tabId, at } = seen.first.ref;
    this.pending.push({
      key: `${DEDUPE_MARK_PREFIX}${key}`,
      at: seen.at,
      expiresAt: seen.at + this.windowMs,
      where: seen.where,
      ref: { eventId, tabId, at },
    });
  }

  /**
   * The sightings remembered since the last call, as rows for the journal entry that records them
   * (src/journal/journal.ts `AlsoWrite`): written in its transaction, with its sequence number.
   */
  take(): AlsoWrite[] {
    const out = this.pending;
    if (out.length === 0) return [];
    this.pending = [];
    this.sincePrune += out.length;
    if (this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      void this.prune().catch(() => undefined);
    }
    return out.map((m) => ({
      store: STORES.gate,
      value: (seq: number) => ({ ...m, ref: { ...m.ref, seq } }),
    }));
  }

  /** Deletes the stored sightings that expired (the gate's own marks are left to the gate). */
  async prune(now = Date.now()): Promise<number> {
    const db = await openDb();
    const tx = db.transaction(STORES.gate, 'readwrite');
    const store = tx.objectStore(STORES.gate);
    const expired = (await reqDone(
      store.index('expiresAt').getAllKeys(IDBKeyRange.upperBound(now)),
    )) as IDBValidKey[];
    const mine = expired.filter((k) => typeof k === 'string' && k.startsWith(DEDUPE_MARK_PREFIX));
    for (const k of mine) store.delete(k);
    await txDone(tx);
    return mine.length;
  }
}

/** Loads durable marks at start-up, all at once; one that fails is logged and the worker starts anyway. */
export async function loadMarks(stores: Record<string, { load(): Promise<unknown> }>): Promise<void> {
  await Promise.all(
    Object.entries(stores).map(([what, s]) =>
      s.load().catch((e: unknown) => console.error(`[crm-bridge] ${what} not loaded`, e)),
    ),
  );
}
