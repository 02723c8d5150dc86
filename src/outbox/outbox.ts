import { redact } from '../secrets/redact';
import { reqDone, STORES, withStore } from '../util/idb';
import { isTransient, parseRetryAfter, RETRY_POLICY, type RetryPolicy, verdict } from './backoff';
import type { BreakerChange, BreakerSnapshot, Breakers } from './breaker';
import { loadBreakers, resumedOrigins, saveBreakers } from './breaker-store';
import { pendingDue } from './due';
import { type Absorb, OutboxMirror } from './mirror';
import { resolveRequest } from './resolve';
import { cleanExcerpt, failedAttempt, originOf, sendOnce } from './send';
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
  /** A delivery written with its held journal entry (no report follows): counted as a report is. */
  absorbed?: (r: AttemptReport) => void;
  /** Wake the outbox at `at` even if the worker sleeps meanwhile (chrome.alarms). */
  scheduleWake: (at: number | undefined) => void;
  /** The retry policy in force (settings `delivery.maxAgeHours`); default RETRY_POLICY. */
  policy?: () => RetryPolicy;
  /** navigator.onLine (offline pauses every origin without counting attempts). */
  online?: () => boolean;
  /** A CRM went into outage or recovered, or the browser went offline or online. */
  changed?: (changes: BreakerChange[], openOrigins: string[]) => void;
}

const MAX_CONCURRENT = 4;
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
  /** Ends the drain pass's wait for an attempt when a new item arrives (`kick` during a drain). */
  private wake?: () => void;
  /** The store's in-memory mirror (src/outbox/mirror.ts). */
  private readonly rows = new OutboxMirror();
  /** Per-origin circuit breakers, loaded with the mirror; written to the kv store on every change. */
  private breakers?: Breakers;
  constructor(private readonly deps: OutboxDeps) {}

  private items(): Promise<Map<string, OutboxItem>> {
    return this.rows.items();
  }

  private async breaker(): Promise<Breakers> {
    this.breakers ??= await loadBreakers();
    return this.breakers;
  }

  /** Persists the breaker state, tells the agent about changes, and drains a recovered origin at once. */
  private async breakerChanged(changes: BreakerChange[]): Promise<void> {
    const b = await this.breaker();
    await saveBreakers(b);
    if (changes.length === 0) return;
    const wake = resumedOrigins(changes);
    for (const item of (await this.items()).values())
      if (item.status === 'pending' && wake(originOf(item)))
        item.nextAttemptAt = Math.min(item.nextAttemptAt, this.deps.now());
    this.deps.changed?.(changes, b.openOrigins());
  }

  /** Breaker state for the UI and tests: which origins are in outage, whether the browser is offline. */
  async delivery(): Promise<BreakerSnapshot> {
    return (await this.breaker()).snapshot();
  }

  /**
   * Queues an item; one with the same key already queued is kept as is (no duplicate). Once the
   * mirror is loaded, the item may be sent while its row is being written (latency, issue 16): its
   * outcome is written only after the row, and a worker dying in between leaves the journal entry
   * `processing`, so the action is rendered and queued again with the same Idempotency-Key.
   */
  enqueue(item: OutboxItem): Promise<boolean> {
    return this.rows.enqueue(item);
  }

  /** Whether an item with this key is queued; undefined until the queue is loaded (after start-up). */
  queued(id: string): boolean | undefined {
    return this.rows.has(id);
  }

  /**
   * Items rendered in a capture's own turn whose rows are written in the same IndexedDB transaction as
   * their journal entry (`written`: that append): they are sent at once, concurrently with the write
   * (docs/architecture.md, "Latency at the physical floor"). Their outcome waits for the write, or
   * is written with it (`absorb`, while the entry is held).
   */
  adopt(items: readonly OutboxItem[], written: Promise<unknown>, absorb?: Absorb): void {
    for (const item of items) this.rows.adopt(item, written, absorb);
    if (items.length) void this.kick().catch(() => undefined);
  }

  async all(): Promise<OutboxItem[]> {
    return [...(await this.items()).values()];
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    return withStore(STORES.outbox, 'readonly', (s) => reqDone(s.get(id)) as Promise<OutboxItem | undefined>);
  }

  /** Starts a drain now (coalesced: at most one runs; a request during a run triggers one more pass). */
  kick(): Promise<void> {
    if (this.draining) {
      this.again = true;
      this.wake?.();
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

  /**
   * Sends what is due, up to MAX_CONCURRENT at once, starting the next item as soon as one attempt ends
   * or a new item arrives (no batch waits for its slowest member). Per conversation, an item is sent
   * only once the one before it is settled (pendingDue); breakers admit item by item.
   */
  private async pass(): Promise<void> {
    const flights = new Map<string, Promise<unknown>>();
    let failure: unknown;
    for (;;) {
      const now = this.deps.now();
      const breakers = await this.breaker();
      const policy = this.deps.policy?.() ?? RETRY_POLICY;
      const online = breakers.setOnline(this.deps.online?.() ?? true, now);
      if (online.length) await this.breakerChanged(online);
      const { due, expired: old, later, next } = pendingDue(await this.all(), now, policy);
      for (const [item, reason] of old)
        if (!flights.has(item.id)) await this.finish(item, { kind: 'dead', reason }, 0, undefined, new Map());
      let started = 0;
      for (const item of due) {
        if (flights.size >= MAX_CONCURRENT) break;
        if (flights.has(item.id)) continue;
        const admission = breakers.admit(originOf(item), this.deps.now());
        if (admission.kind === 'wait') {
          later(admission.until);
          continue;
        }
        const flight = this.tracked(item, policy).then(
          () => flights.delete(item.id),
          (e: unknown) => {
            failure ??= e;
            flights.delete(item.id);
          },
        );
        flights.set(item.id, flight);
        started++;
      }
      // Watchdog: if the worker is terminated mid-attempt, this alarm wakes it to resume the queue.
      if (started > 0) {
        this.deps.scheduleWake(now + WATCHDOG_MS);
        await this.breakerChanged([]);
      }
      if (flights.size === 0) {
        this.schedule(next());
        if (failure !== undefined) throw failure;
        return;
      }
      // Until one attempt ends or a new item is kicked in.
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        for (const f of flights.values()) void f.then(() => resolve());
      });
      this.wake = undefined;
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

  private async attempt(item: OutboxItem, policy: RetryPolicy = RETRY_POLICY): Promise<void> {
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

    const { status, retryAfter, excerpt, error, timedOut, response } = await sendOnce(
      this.deps.fetch,
      item,
      headers,
      body,
    );
    item.attempts++;
    const now = this.deps.now();
    const v = verdict(status, retryAfter, item.attempts, now - item.createdAt, now, this.deps.random, policy);
    const breakers = await this.breaker();
    const origin = url.origin;
    const changes = isTransient(status)
      ? breakers.failure(
          origin,
          now,
          status === 0 && !timedOut ? 'network' : 'http',
          this.deps.random,
          status === 429 || status === 503 ? parseRetryAfter(retryAfter, now) : undefined,
        )
      : breakers.success(origin, now);
    await this.finish(item, v, status, excerpt, secrets, error, response);
    await this.breakerChanged(changes);
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
    item.lastExcerpt = cleanExcerpt(excerpt, secrets);
    const ok: AttemptReport | undefined =
      v.kind === 'done'
        ? { item, status: 'ok', httpStatus: status, excerpt: item.lastExcerpt, response: clean(response) }
        : undefined;
    // An early-path item answered while its journal entry is still held: a delivery is written with the
    // entry, and its row never is (src/outbox/mirror.ts Absorb).
    if (this.rows.absorber(item.id)?.(item.id, ok) && ok) {
      this.rows.delete(item.id);
      return this.deps.absorbed?.(ok);
    }
    // Its row first: a delete or put must not overtake the add. No row ever (its entry's transaction
    // failed: the capture is sent again and renders it again): nothing to record.
    if (!(await this.rows.settled(item.id))) return this.rows.delete(item.id);
    if (v.kind === 'done') {
      await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.delete(item.id)));
      this.rows.delete(item.id);
      return this.deps.report(ok as AttemptReport);
    }
    failedAttempt(item, v, status, error, clean, this.deps.now());
    await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.put(item)));
    this.rows.set(item);
    await this.deps.report({
      item,
      status: v.kind === 'retry' ? 'retrying' : 'dead',
      httpStatus: status || undefined,
      excerpt: item.lastExcerpt,
      error: item.lastError,
    });
  }

  // ---- management (Deliveries view, issue 16): the logic is in manage.ts and manual.ts.
  private readonly onWire = new Set<string>();

  private async tracked(item: OutboxItem, policy: RetryPolicy): Promise<void> {
    this.onWire.add(item.id);
    try {
      await this.attempt(item, policy);
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
      if (c.after) this.rows.set(c.after);
      else this.rows.delete(c.id);
    }
  }
}
