// Per-origin circuit breaker for the outbox (issue 16). Pure: the clock and randomness are passed in,
// the state is plain data the outbox persists (kv store) so it survives the worker sleeping.
//
//   closed ──N consecutive transient failures──▶ open ──probe time──▶ half-open (one probe in flight)
//     ▲                                           ▲                        │
//     └──────────────── probe succeeds ───────────┼────────────────────────┘
//                                                 └──── probe fails (next probe later, ≤ cap) ◀┘
//
// While an origin is open its items wait without burning attempts; only the probe is sent. Offline
// (navigator.onLine false, or network errors on every origin) pauses every origin the same way.

export type BreakerPhase = 'closed' | 'open' | 'half-open';

export interface OriginBreaker {
  phase: BreakerPhase;
  /** Consecutive transient failures while closed. */
  failures: number;
  /** Failed probes since it opened (spaces the probes out, up to the cap). */
  probes: number;
  openedAt?: number;
  /** When the next probe may go (open), or when a probe in flight is given up as lost (half-open). */
  nextProbeAt?: number;
  /** What the last failure was: every origin failing with network errors means the browser is offline. */
  lastFailure?: 'network' | 'http';
}

export interface BreakerConfig {
  /** Consecutive transient failures that open the breaker. */
  threshold: number;
  /** First probe after this; doubling per failed probe up to `probeCapMs` (≤ 60 s). */
  probeBaseMs: number;
  probeCapMs: number;
  /** A probe with no answer after this (the worker died mid-request) is replaced by another. */
  probeLostMs: number;
  /** While navigator.onLine is false, look again this often (the `online` event usually comes first). */
  offlineRecheckMs: number;
}

export const BREAKER_CONFIG: BreakerConfig = {
  threshold: 5,
  probeBaseMs: 2000,
  probeCapMs: 30_000,
  probeLostMs: 60_000,
  offlineRecheckMs: 30_000,
};

export type Admission = { kind: 'send' } | { kind: 'probe' } | { kind: 'wait'; until: number };

/** A change the agent is told about (src/background/outage-notices.ts). */
export type BreakerChange =
  | { kind: 'outage'; origin: string }
  | { kind: 'recovered'; origin: string }
  | { kind: 'offline' }
  | { kind: 'online' };

export interface BreakerSnapshot {
  origins: Record<string, OriginBreaker>;
  /** Every origin failed with network errors (or navigator.onLine was false): the browser is offline. */
  offline: boolean;
}

const closed = (): OriginBreaker => ({ phase: 'closed', failures: 0, probes: 0 });

export class Breakers {
  private readonly origins: Map<string, OriginBreaker>;
  private offline: boolean;
  /** navigator.onLine as last reported (not persisted: read again by each worker). */
  private online = true;
  /** Changed since the last `takeDirty` (the outbox then persists the snapshot). */
  private dirty = false;

  constructor(
    snapshot: BreakerSnapshot = { origins: {}, offline: false },
    private readonly config: BreakerConfig = BREAKER_CONFIG,
  ) {
    // A probe in flight when the last worker stopped is lost with it: probe again at once.
    const restore = (v: OriginBreaker): OriginBreaker =>
      v.phase === 'half-open' ? { ...v, phase: 'open', nextProbeAt: 0 } : { ...v };
    this.origins = new Map(Object.entries(snapshot.origins).map(([k, v]) => [k, restore(v)]));
    this.offline = snapshot.offline;
  }

  snapshot(): BreakerSnapshot {
    return {
      origins: Object.fromEntries([...this.origins].map(([k, v]) => [k, { ...v }])),
      offline: this.offline,
    };
  }

  takeDirty(): boolean {
    const d = this.dirty;
    this.dirty = false;
    return d;
  }

  state(origin: string): OriginBreaker {
    return this.origins.get(origin) ?? closed();
  }

  isOffline(): boolean {
    return this.offline || !this.online;
  }

  /** navigator.onLine; going online makes every open origin probe at once. */
  setOnline(online: boolean, now: number): BreakerChange[] {
    const was = this.isOffline();
    this.online = online;
    if (online && this.offline) {
      this.offline = false;
      this.dirty = true;
      this.probeNow(now);
    }
    if (was === this.isOffline()) return [];
    return [{ kind: this.isOffline() ? 'offline' : 'online' }];
  }

  /** Whether an item for `origin` may be sent now: normally, as the origin's one probe, or not yet. */
  admit(origin: string, now: number): Admission {
    if (!this.online) return { kind: 'wait', until: now + this.config.offlineRecheckMs };
    const b = this.origins.get(origin);
    if (!b || b.phase === 'closed') return { kind: 'send' };
    const at = b.nextProbeAt ?? now;
    if (now < at) return { kind: 'wait', until: at };
    // Open and due, or half-open with its probe lost: this item is the probe.
    b.phase = 'half-open';
    this.dirty = true;
    b.nextProbeAt = now + this.config.probeLostMs;
    return { kind: 'probe' };
  }

  /** A 2xx, or any answer that is not a transient failure (the CRM is up). */
  success(origin: string, now: number): BreakerChange[] {
    const b = this.origins.get(origin);
    const changes: BreakerChange[] = [];
    if (this.offline) {
      this.offline = false;
      this.dirty = true;
      // The network is back: every other origin that failed with network errors probes at once.
      this.probeNow(now);
      changes.push({ kind: 'online' });
    }
    if (!b) return changes;
    this.origins.delete(origin);
    this.dirty = true;
    if (b.phase !== 'closed') changes.push({ kind: 'recovered', origin });
    return changes;
  }

  /** A transient failure (network, timeout, 408, 425, 429, 5xx); `retryAfterMs` from the answer. */
  failure(
    origin: string,
    now: number,
    kind: 'network' | 'http',
    random: () => number,
    retryAfterMs?: number,
  ): BreakerChange[] {
    const b = this.origins.get(origin) ?? closed();
    this.origins.set(origin, b);
    this.dirty = true;
    b.lastFailure = kind;
    const changes: BreakerChange[] = [];
    if (b.phase === 'closed') {
      b.failures++;
      if (b.failures < this.config.threshold) return changes;
      b.phase = 'open';
      b.openedAt = now;
      b.probes = 0;
      changes.push({ kind: 'outage', origin });
    } else {
      b.phase = 'open';
      b.probes++;
    }
    b.nextProbeAt = now + this.probeDelay(b.probes, random, retryAfterMs);
    if (!this.offline && this.everyOriginUnreachable()) {
      this.offline = true;
      changes.push({ kind: 'offline' });
    }
    return changes;
  }

  /** The earliest time a waiting origin may probe (for the wake-up alarm), if any is open. */
  nextProbeAt(): number | undefined {
    let next: number | undefined;
    for (const b of this.origins.values())
      if (b.phase !== 'closed' && b.nextProbeAt !== undefined && (next === undefined || b.nextProbeAt < next))
        next = b.nextProbeAt;
    return next;
  }

  /** Origins not closed (for the agent: which CRMs are in outage). */
  openOrigins(): string[] {
    return [...this.origins].filter(([, b]) => b.phase !== 'closed').map(([o]) => o);
  }

  /** Full jitter within the upper half, so the probe schedule never exceeds the cap (≤ 60 s). */
  private probeDelay(probes: number, random: () => number, retryAfterMs?: number): number {
    const ceiling = Math.min(this.config.probeCapMs, this.config.probeBaseMs * 2 ** Math.min(20, probes));
    const delay = Math.floor(ceiling / 2 + (random() * ceiling) / 2);
    return retryAfterMs === undefined ? delay : Math.max(delay, retryAfterMs);
  }

  private everyOriginUnreachable(): boolean {
    const open = [...this.origins.values()].filter((b) => b.phase !== 'closed');
    return (
      open.length > 0 && open.length === this.origins.size && open.every((b) => b.lastFailure === 'network')
    );
  }

  private probeNow(now: number): void {
    for (const b of this.origins.values())
      if (b.phase !== 'closed' && b.lastFailure === 'network') b.nextProbeAt = now;
  }
}
