import type { JournalEntry } from '../journal/types';
import type { AttemptReport } from '../outbox/types';
import { reqDone, STORES, withStore } from '../util/idb';
import { countAttempt, type HealthCounters } from './health-report';

/** Key of the health counters in the extension origin's IndexedDB (STORES.kv). */
const KEY = 'healthCounters';

/**
 * The health report's attempt counters, durable across worker restarts (IndexedDB kv, written on every
 * change). Counting happens only while the policy enables the report: otherwise nothing is kept.
 * Every change runs on one serial chain, so a report taking the counters never loses an attempt
 * counted meanwhile.
 */
export class HealthCounterStore {
  private enabled = false;
  private cleared = false;
  private counters?: HealthCounters;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store = {
      get: () =>
        withStore(STORES.kv, 'readonly', (s) => reqDone(s.get(KEY))) as Promise<HealthCounters | undefined>,
      put: (c: HealthCounters | undefined) =>
        withStore(STORES.kv, 'readwrite', async (s) => {
          if (c) await reqDone(s.put(c, KEY));
          else await reqDone(s.delete(KEY));
        }),
    },
  ) {}

  /** Runs `fn` after every change queued before it; a failure is logged, never breaks the chain. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.catch((e: unknown) => console.error('[crm-bridge] health counters', e));
    return next;
  }

  private async loaded(now: number): Promise<HealthCounters> {
    this.counters ??= (await this.store.get().catch(() => undefined)) ?? { since: now, attempts: {} };
    return this.counters;
  }

  /** The policy enables the report: counting starts (or goes on from what was stored). */
  enable(now = Date.now()): Promise<void> {
    return this.run(async () => {
      if (this.enabled) return;
      this.cleared = false;
      const c = await this.loaded(now);
      await this.store.put(c);
      this.enabled = true;
    });
  }

  /**
   * No report (any more): counting stops and what was counted is deleted, also what an earlier worker
   * stored before the policy dropped the report (once per worker life while it stays off).
   */
  disable(): Promise<void> {
    return this.run(async () => {
      if (this.cleared) return;
      this.enabled = false;
      this.counters = undefined;
      await this.store.put(undefined);
      this.cleared = true;
    });
  }

  /** An outbox attempt's outcome (the delivery wiring calls this for every report). */
  attempt(r: AttemptReport): void {
    if (!this.enabled) return;
    void this.run(async () => {
      if (!this.enabled) return;
      countAttempt(await this.loaded(Date.now()), r);
      await this.store.put(this.counters);
    }).catch(() => undefined);
  }

  /**
   * Hands the counters to `send` (which builds and queues the report) and, once it resolved, starts a
   * new period at `now`. Attempts reported meanwhile wait, so they count in the next period.
   */
  take<T>(now: number, send: (c: HealthCounters) => Promise<T>): Promise<T> {
    return this.run(async () => {
      const c = await this.loaded(now);
      const out = await send({ since: c.since, attempts: structuredClone(c.attempts) });
      this.counters = { since: now, attempts: {} };
      await this.store.put(this.counters);
      return out;
    });
  }
}

/** The one store the worker uses: the outbox wiring (delivery.ts) counts into it, health.ts reports. */
export const healthCounters = new HealthCounterStore();

/**
 * Journal entries at or after `since`, newest first (the walk stops at the first older entry). The
 * report reads only their kind, state, count and matched rule ids.
 */
export function journalSince(since: number, max = 100_000): Promise<JournalEntry[]> {
  return withStore(STORES.journal, 'readonly', (s) => {
    return new Promise<JournalEntry[]>((resolve, reject) => {
      const out: JournalEntry[] = [];
      const req = s.openCursor(null, 'prev');
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor || out.length >= max) return resolve(out);
        const entry = cursor.value as JournalEntry;
        if (entry.at < since) return resolve(out);
        out.push(entry);
        cursor.continue();
      };
      req.onerror = () => reject(req.error);
    });
  });
}
