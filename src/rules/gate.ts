import type { BridgeEvent } from '../events/model';
import { openDb, reqDone, STORES, txDone } from '../util/idb';
import type { Rule } from './schema';

/** One durable mark in the IndexedDB `gate` store (keyPath 'key', `expiresAt` index). */
export interface GateMark {
  key: string;
  at: number;
  expiresAt: number;
}

/**
 * The cross-tab dedupe's sightings share this store (src/background/dedupe-store.ts) under this key
 * prefix; the gate does not load them.
 */
export const DEDUPE_MARK_PREFIX = '\u0000dedupe|';

/** Most marks kept: beyond this the ones expiring first are dropped (bounded store and memory). */
export const GATE_MAX = 50_000;

/**
 * `once` (per event, conversation or contact, within a window) and `throttleMs`, per rule. Returns
 * why a matching rule is held back, or undefined when it may run (and records the run).
 *
 * Durable (issue 16): every mark is kept in IndexedDB with its expiry, so a rule with
 * `once: conversation` runs once per conversation across worker and browser restarts. `check` stays
 * synchronous against an in-memory copy loaded once per worker life (`load`); new marks are handed
 * to the journal (`take`), which writes them in the same transaction as the entry that ran the rule:
 * the entry is journaled if and only if its marks are.
 */
export class RuleGate {
  private readonly marks = new Map<string, GateMark>();
  private pending: GateMark[] = [];
  private loaded?: Promise<void>;

  constructor(private readonly max = GATE_MAX) {}

  /** Loads the unexpired marks (once) and prunes the expired ones. */
  load(now = Date.now()): Promise<void> {
    this.loaded ??= (async () => {
      const db = await openDb();
      const tx = db.transaction(STORES.gate, 'readwrite');
      const store = tx.objectStore(STORES.gate);
      const expired = (await reqDone(
        store.index('expiresAt').getAllKeys(IDBKeyRange.upperBound(now)),
      )) as IDBValidKey[];
      for (const key of expired) store.delete(key);
      // By expiry, latest last: beyond the bound, the ones expiring first are dropped from the store too.
      const rows = (
        (await reqDone(store.index('expiresAt').getAll(IDBKeyRange.lowerBound(now, true)))) as GateMark[]
      ).filter((r) => !r.key.startsWith(DEDUPE_MARK_PREFIX));
      for (const row of rows.slice(0, Math.max(0, rows.length - this.max))) store.delete(row.key);
      await txDone(tx);
      for (const row of rows.slice(-this.max)) if (!this.marks.has(row.key)) this.marks.set(row.key, row);
      this.bound();
    })().catch((e: unknown) => {
      this.loaded = undefined;
      throw e;
    });
    return this.loaded;
  }

  check(rule: Rule, event: BridgeEvent, now: number): string | undefined {
    const throttleKey = `throttle|${rule.id}`;
    if (rule.throttleMs) {
      const last = this.marks.get(throttleKey);
      if (last !== undefined && now - last.at < rule.throttleMs) return `throttled (${rule.throttleMs} ms)`;
    }
    let onceKey: string | undefined;
    if (rule.once) {
      const subject =
        rule.once.per === 'event'
          ? event.id
          : rule.once.per === 'conversation'
            ? event.conversation?.id
            : (event.contact?.crmId ??
              event.contact?.externalId ??
              event.contact?.platformId ??
              event.contact?.email ??
              event.contact?.phone);
      if (subject !== undefined) {
        onceKey = `${rule.id}|${rule.once.per}|${event.platform}|${subject}`;
        const at = this.marks.get(onceKey)?.at;
        if (at !== undefined && now - at < rule.once.windowMs)
          return `already ran once for this ${rule.once.per}`;
      }
    }
    if (rule.throttleMs) this.mark({ key: throttleKey, at: now, expiresAt: now + rule.throttleMs });
    if (onceKey && rule.once) this.mark({ key: onceKey, at: now, expiresAt: now + rule.once.windowMs });
    return undefined;
  }

  /** Marks recorded since the last call: the caller writes them with the journal entry (same transaction). */
  take(): GateMark[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Writes marks not handed to the journal (callers without one: tests, dry runs). */
  async flush(): Promise<void> {
    const marks = this.take();
    if (marks.length === 0) return;
    const db = await openDb();
    const tx = db.transaction(STORES.gate, 'readwrite');
    for (const m of marks) tx.objectStore(STORES.gate).put(m);
    await txDone(tx);
  }

  private mark(m: GateMark): void {
    this.marks.delete(m.key);
    this.marks.set(m.key, m);
    this.pending.push(m);
    if (this.marks.size > this.max) this.bound();
  }

  /** Drops the marks expiring first beyond the bound (memory; the store is pruned by expiry at load). */
  private bound(): void {
    if (this.marks.size <= this.max) return;
    const byExpiry = [...this.marks.values()].sort((a, b) => a.expiresAt - b.expiresAt);
    for (const m of byExpiry.slice(0, this.marks.size - this.max)) this.marks.delete(m.key);
  }
}
