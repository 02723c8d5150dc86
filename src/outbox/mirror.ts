import { reqDone, STORES, withStore } from '../util/idb';
import type { AttemptReport, OutboxItem } from './types';

/**
 * Takes an adopted item's first answer while its row is not written yet (the early path holds its
 * journal entry while the request is on the wire): true when a delivered answer was folded into the
 * entry, so the row is never written and nothing more is recorded. Called once per item, with
 * `undefined` for any other answer (it is recorded as usual, once the row exists).
 */
export type Absorb = (id: string, r: AttemptReport | undefined) => boolean;

/**
 * The outbox store's in-memory mirror, loaded once per worker life: the worker is the only writer, so a
 * drain pass need not re-read IndexedDB (every change is written to the store first, then here), and
 * the rows being written while their item may already be on the wire (issue 16, latency).
 */
export class OutboxMirror {
  private map?: Map<string, OutboxItem>;
  /** Row writes in progress: true once durable; false only for an adopted row whose journal entry failed. */
  private readonly writing = new Map<string, Promise<boolean>>();
  private readonly absorbers = new Map<string, Absorb>();

  async items(): Promise<Map<string, OutboxItem>> {
    if (!this.map) {
      const rows = (await withStore(STORES.outbox, 'readonly', (s) => reqDone(s.getAll()))) as OutboxItem[];
      this.map ??= new Map(rows.map((r) => [r.id, r]));
    }
    return this.map;
  }

  /** Whether an item with this key is queued; undefined while the mirror is not loaded yet. */
  has(id: string): boolean | undefined {
    return this.map?.has(id);
  }

  /**
   * Queues an item; one with the same key already queued is kept as is (no duplicate). Once the mirror
   * is loaded, the item may be sent while its row is being written.
   */
  async enqueue(item: OutboxItem): Promise<boolean> {
    const write = () =>
      withStore(STORES.outbox, 'readwrite', async (s) => {
        const existing = await reqDone(s.getKey(item.id));
        if (existing !== undefined) return false;
        await reqDone(s.add(item));
        return true;
      });
    if (this.map) {
      if (this.map.has(item.id)) return false;
      this.map.set(item.id, item);
      // A failed write is repaired by the attempt's own put (the journal already says "queued").
      this.track(
        item.id,
        write().then(
          () => true,
          () => true,
        ),
      );
      return true;
    }
    const added = await write();
    if (added) (this.map as Map<string, OutboxItem> | undefined)?.set(item.id, item);
    return added;
  }

  /**
   * An item whose row is written in its journal entry's transaction (`written`, src/journal/journal.ts
   * AlsoWrite). If that transaction fails, neither the entry nor the row exists and the capture is not
   * acknowledged: the bridge sends it again, so the item is forgotten here (see `settled`).
   */
  adopt(item: OutboxItem, written: Promise<unknown>, absorb?: Absorb): void {
    this.map?.set(item.id, item);
    if (absorb) this.absorbers.set(item.id, absorb);
    this.track(
      item.id,
      written.then(
        () => true,
        () => false,
      ),
    );
  }

  /** The adopted item's absorber, handed out once (its first answer). */
  absorber(id: string): Absorb | undefined {
    const a = this.absorbers.get(id);
    this.absorbers.delete(id);
    return a;
  }

  /** Waits for the item's row; false: it will never exist (forget the item, report nothing). */
  async settled(id: string): Promise<boolean> {
    const p = this.writing.get(id);
    if (!p) return true;
    const ok = await p;
    if (!ok && this.writing.get(id) === p) this.writing.delete(id);
    return ok;
  }

  set(item: OutboxItem): void {
    this.map?.set(item.id, item);
  }

  delete(id: string): void {
    this.map?.delete(id);
  }

  /** A row that will never exist stays listed until its attempt asks (`settled`), then is forgotten. */
  private track(id: string, p: Promise<boolean>): void {
    this.writing.set(id, p);
    void p.then((ok) => {
      if (ok && this.writing.get(id) === p) this.writing.delete(id);
    });
  }
}
