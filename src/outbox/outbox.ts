import { redact } from '../secrets/redact';
import { reqDone, STORES, withStore } from '../util/idb';
import { verdict } from './backoff';
import { appendHistory } from './history';
import { resolveRequest } from './resolve';
import type { AttemptReport, OutboxItem } from './types';

export interface OutboxDeps {
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  secrets: () => Promise<ReadonlyMap<string, string>>;
  /** Whether a secret is set by the organisation's policy (src/secrets/store.ts isManagedSecret). */
  isManaged: (name: string) => boolean;
  /** Host permission for the request's origin (the user or admin granted it). */
  permitted: (origin: string) => Promise<boolean>;
  report: (r: AttemptReport) => Promise<void> | void;
  /** Wake the outbox at `at` even if the worker sleeps meanwhile (chrome.alarms). */
  scheduleWake: (at: number | undefined) => void;
}

const MAX_CONCURRENT = 4;
const EXCERPT = 300;
/** A workflow step's response body kept for later steps (bytes of text; larger bodies are cut). */
export const RESPONSE_LIMIT = 65_536;
const WATCHDOG_MS = 5000;

/**
 * Durable at-least-once delivery. An item is written to IndexedDB before its first attempt and
 * removed only after a 2xx; a worker killed mid-request leaves it pending, so it is sent again with the
 * same Idempotency-Key when the worker comes back (alarm, next event, or startup).
 */
export class Outbox {
  private draining?: Promise<void>;
  private again = false;
  private timer?: ReturnType<typeof setTimeout>;

  /**
   * In-memory mirror of the store, loaded once per worker life: the worker is the only writer, so a
   * drain pass need not re-read IndexedDB (every change is written to the store first, then here).
   */
  private mirror?: Map<string, OutboxItem>;

  constructor(private readonly deps: OutboxDeps) {}

  private async items(): Promise<Map<string, OutboxItem>> {
    if (!this.mirror) {
      const rows = (await withStore(STORES.outbox, 'readonly', (s) => reqDone(s.getAll()))) as OutboxItem[];
      this.mirror ??= new Map(rows.map((r) => [r.id, r]));
    }
    return this.mirror;
  }

  /** Persists first; an item with the same key already queued is kept as is (no duplicate). */
  async enqueue(item: OutboxItem): Promise<boolean> {
    const added = await withStore(STORES.outbox, 'readwrite', async (s) => {
      const existing = await reqDone(s.getKey(item.id));
      if (existing !== undefined) return false;
      await reqDone(s.add(item));
      return true;
    });
    if (added) this.mirror?.set(item.id, item);
    return added;
  }

  async all(): Promise<OutboxItem[]> {
    return [...(await this.items()).values()];
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    return withStore(STORES.outbox, 'readonly', (s) => reqDone(s.get(id)) as Promise<OutboxItem | undefined>);
  }

  /** Moves a dead-lettered item back to pending with a fresh attempt budget. */
  async retry(id: string): Promise<boolean> {
    const ok = await withStore(STORES.outbox, 'readwrite', async (s) => {
      const item = (await reqDone(s.get(id))) as OutboxItem | undefined;
      if (!item) return false;
      item.status = 'pending';
      item.attempts = 0;
      item.createdAt = this.deps.now();
      item.nextAttemptAt = this.deps.now();
      item.lastError = undefined;
      await reqDone(s.put(item));
      this.mirror?.set(id, item);
      return true;
    });
    if (ok) this.kick();
    return ok;
  }

  async discard(id: string): Promise<boolean> {
    return withStore(STORES.outbox, 'readwrite', async (s) => {
      const existed = (await reqDone(s.getKey(id))) !== undefined;
      await reqDone(s.delete(id));
      this.mirror?.delete(id);
      return existed;
    });
  }

  /** Starts a drain now (coalesced: at most one runs; a request during a run triggers one more pass). */
  kick(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again);
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private async pass(): Promise<void> {
    for (;;) {
      const now = this.deps.now();
      const items = (await this.all())
        .filter((i) => i.status === 'pending')
        .sort((a, b) => a.createdAt - b.createdAt || a.actionIndex - b.actionIndex);
      const blocked = new Set<string>();
      const due: OutboxItem[] = [];
      for (const item of items) {
        // Per-conversation order: nothing overtakes an earlier pending item with the same key.
        if (blocked.has(item.orderKey)) continue;
        blocked.add(item.orderKey);
        if (item.nextAttemptAt <= now) due.push(item);
      }
      if (due.length === 0) {
        const next = items.reduce<number | undefined>(
          (m, i) => (m === undefined || i.nextAttemptAt < m ? i.nextAttemptAt : m),
          undefined,
        );
        this.schedule(next);
        return;
      }
      // Watchdog: if the worker is terminated mid-attempt, this alarm wakes it to resume the queue.
      this.deps.scheduleWake(now + WATCHDOG_MS);
      for (let i = 0; i < due.length; i += MAX_CONCURRENT) {
        await Promise.all(due.slice(i, i + MAX_CONCURRENT).map((item) => this.tracked(item)));
      }
    }
  }

  private schedule(next: number | undefined): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.deps.scheduleWake(next);
    if (next === undefined) return;
    // While the worker is alive a timer is precise; the alarm covers the worker going to sleep.
    this.timer = setTimeout(() => void this.kick(), Math.max(0, next - this.deps.now()));
  }

  private async attempt(item: OutboxItem): Promise<void> {
    const secrets = await this.deps.secrets();
    const url = new URL(item.request.url);
    const fail = (reason: string) => this.finish(item, { kind: 'dead', reason }, 0, undefined, secrets);
    if (!(await this.deps.permitted(url.origin))) {
      return fail(`no host permission for ${url.origin}: grant it on the options page, then retry`);
    }
    const resolved = resolveRequest(item.request, secrets, this.deps.isManaged, item.ruleManaged === true);
    if ('refused' in resolved) return fail(resolved.refused);
    const headers = { 'Idempotency-Key': item.id, ...resolved.headers };
    const body = resolved.body;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), item.request.timeoutMs);
    let status = 0;
    let retryAfter: string | null = null;
    let excerpt: string | undefined;
    let text: string | undefined;
    let error: string | undefined;
    try {
      const res = await this.deps.fetch(item.request.url, {
        method: item.request.method,
        headers,
        body,
        signal: controller.signal,
        credentials: 'omit',
        redirect: 'error',
      });
      status = res.status;
      retryAfter = res.headers.get('Retry-After');
      text = await res.text().catch(() => '');
      excerpt = text.slice(0, EXCERPT);
    } catch (e) {
      error = controller.signal.aborted
        ? `timed out after ${item.request.timeoutMs} ms`
        : `network error: ${(e as Error).message}`;
    } finally {
      clearTimeout(timer);
    }
    item.attempts++;
    const now = this.deps.now();
    const v = verdict(status, retryAfter, item.attempts, now - item.createdAt, now, this.deps.random);
    const response = item.chain && text !== undefined ? text.slice(0, RESPONSE_LIMIT + 1) : undefined;
    await this.finish(item, v, status, excerpt, secrets, error, response);
  }

  private async finish(
    item: OutboxItem,
    v: ReturnType<typeof verdict>,
    status: number,
    excerpt: string | undefined,
    secrets: ReadonlyMap<string, string>,
    error?: string,
    response?: string,
  ): Promise<void> {
    const clean = (s: string | undefined) => (s === undefined ? undefined : redact(s, secrets));
    item.lastStatus = status || undefined;
    if (v.kind === 'done') {
      await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.delete(item.id)));
      this.mirror?.delete(item.id);
      await this.deps.report({
        item,
        status: 'ok',
        httpStatus: status,
        excerpt: clean(excerpt),
        response: clean(response),
      });
      return;
    }
    const reason = error ?? (status ? `HTTP ${status}` : 'failed');
    if (v.kind === 'retry') {
      item.nextAttemptAt = this.deps.now() + v.delayMs;
      item.lastError = clean(reason);
    } else {
      item.status = 'dead';
      item.lastError = clean(
        v.reason === reason || !status ? `${v.reason}${error ? ` (${error})` : ''}` : `${v.reason}`,
      );
    }
    appendHistory(item, { at: this.deps.now(), status, error: item.lastError, excerpt: clean(excerpt) });
    await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.put(item)));
    this.mirror?.set(item.id, item);
    await this.deps.report({
      item,
      status: v.kind === 'retry' ? 'retrying' : 'dead',
      httpStatus: status || undefined,
      excerpt: clean(excerpt),
      error: item.lastError,
    });
  }

  // ---- management (Deliveries view, issue 16): the logic is in manage.ts and manual.ts.
  private readonly onWire = new Set<string>();

  private async tracked(item: OutboxItem): Promise<void> {
    this.onWire.add(item.id);
    try {
      await this.attempt(item);
    } finally {
      this.onWire.delete(item.id);
    }
  }

  /** Ids whose request is on the wire right now ("sending"; left alone by manual changes). */
  sending(): ReadonlySet<string> {
    return this.onWire;
  }

  /** Mirrors changes manual.ts wrote to the store (an item put, or deleted when `after` is absent). */
  synced(changes: ReadonlyArray<{ id: string; after?: OutboxItem }>): void {
    for (const c of changes) {
      if (c.after) this.mirror?.set(c.id, c.after);
      else this.mirror?.delete(c.id);
    }
  }
}
