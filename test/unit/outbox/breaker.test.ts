import { describe, expect, it } from 'vitest';
import { BREAKER_CONFIG, Breakers } from '../../../src/outbox/breaker';

const A = 'https://crm-a.example';
const B = 'https://crm-b.example';
const half = () => 0.5;

/** A breaker with one origin driven to open (threshold transient HTTP failures at t = 0). */
function opened(b = new Breakers()) {
  const changes = [];
  for (let i = 0; i < BREAKER_CONFIG.threshold; i++) changes.push(...b.failure(A, 0, 'http', half));
  return { b, changes };
}

describe('circuit breaker (fake clock)', () => {
  it('closed: sends, and stays closed below the threshold', () => {
    const b = new Breakers();
    expect(b.admit(A, 0)).toEqual({ kind: 'send' });
    for (let i = 1; i < BREAKER_CONFIG.threshold; i++) expect(b.failure(A, 0, 'http', half)).toEqual([]);
    expect(b.state(A).phase).toBe('closed');
    expect(b.admit(A, 0)).toEqual({ kind: 'send' });
  });

  it('a success in between resets the count of consecutive failures', () => {
    const b = new Breakers();
    for (let i = 1; i < BREAKER_CONFIG.threshold; i++) b.failure(A, 0, 'http', half);
    b.success(A, 0);
    b.failure(A, 0, 'http', half);
    expect(b.state(A).phase).toBe('closed');
  });

  it('closed → open after N consecutive transient failures: an outage change, and items wait', () => {
    const { b, changes } = opened();
    expect(changes).toEqual([{ kind: 'outage', origin: A }]);
    expect(b.state(A).phase).toBe('open');
    const wait = b.admit(A, 1000);
    expect(wait.kind).toBe('wait');
    // Another origin is not affected.
    expect(b.admit(B, 1000)).toEqual({ kind: 'send' });
  });

  it('open → half-open: exactly one probe once its time comes, within 60 s', () => {
    const { b } = opened();
    const at = b.state(A).nextProbeAt as number;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThanOrEqual(60_000);
    expect(b.admit(A, at - 1).kind).toBe('wait');
    expect(b.admit(A, at)).toEqual({ kind: 'probe' });
    expect(b.state(A).phase).toBe('half-open');
    // Only one probe in flight.
    expect(b.admit(A, at).kind).toBe('wait');
  });

  it('half-open → closed on success: a recovered change, everything is sent again', () => {
    const { b } = opened();
    const at = b.state(A).nextProbeAt as number;
    b.admit(A, at);
    expect(b.success(A, at)).toEqual([{ kind: 'recovered', origin: A }]);
    expect(b.state(A).phase).toBe('closed');
    expect(b.admit(A, at)).toEqual({ kind: 'send' });
    expect(b.openOrigins()).toEqual([]);
  });

  it('half-open → open again on failure, next probes spaced out but never more than the cap apart', () => {
    const { b } = opened();
    let now = b.state(A).nextProbeAt as number;
    const gaps: number[] = [];
    for (let i = 0; i < 20; i++) {
      expect(b.admit(A, now)).toEqual({ kind: 'probe' });
      expect(b.failure(A, now, 'http', () => 0.999)).toEqual([]);
      expect(b.state(A).phase).toBe('open');
      const next = b.state(A).nextProbeAt as number;
      gaps.push(next - now);
      now = next;
    }
    expect(gaps[0]).toBeLessThan(gaps[3] as number);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(BREAKER_CONFIG.probeCapMs);
    expect(BREAKER_CONFIG.probeCapMs).toBeLessThanOrEqual(60_000);
  });

  it('a probe lost with the worker is replaced after probeLostMs', () => {
    const { b } = opened();
    const at = b.state(A).nextProbeAt as number;
    b.admit(A, at);
    expect(b.admit(A, at + BREAKER_CONFIG.probeLostMs - 1).kind).toBe('wait');
    expect(b.admit(A, at + BREAKER_CONFIG.probeLostMs)).toEqual({ kind: 'probe' });
  });

  it('a probe in flight when the worker stopped is lost with it: the next worker probes at once', () => {
    const { b } = opened();
    const at = b.state(A).nextProbeAt as number;
    b.admit(A, at);
    const next = new Breakers(JSON.parse(JSON.stringify(b.snapshot())));
    expect(next.admit(A, at + 1)).toEqual({ kind: 'probe' });
  });

  it('Retry-After on the failed probe is honoured', () => {
    const { b } = opened();
    const at = b.state(A).nextProbeAt as number;
    b.admit(A, at);
    b.failure(A, at, 'http', half, 120_000);
    expect(b.state(A).nextProbeAt).toBe(at + 120_000);
  });

  it('survives the worker: a snapshot restores every state', () => {
    const { b } = opened();
    const copy = new Breakers(JSON.parse(JSON.stringify(b.snapshot())));
    expect(copy.state(A)).toEqual(b.state(A));
    const at = b.state(A).nextProbeAt as number;
    expect(copy.admit(A, at - 1).kind).toBe('wait');
    expect(copy.admit(A, at)).toEqual({ kind: 'probe' });
  });

  it('offline (navigator.onLine false): nothing is sent anywhere; online makes open origins probe at once', () => {
    const b = new Breakers();
    for (let i = 0; i < BREAKER_CONFIG.threshold; i++) b.failure(A, 0, 'network', half);
    expect(b.setOnline(false, 10)).toEqual([]); // already offline: every origin failed with network errors
    expect(b.admit(B, 10).kind).toBe('wait');
    expect(b.setOnline(true, 20)).toEqual([{ kind: 'online' }]);
    expect(b.admit(A, 20)).toEqual({ kind: 'probe' });
    expect(b.admit(B, 20)).toEqual({ kind: 'send' });
  });

  it('network errors on every origin mean offline; one success anywhere ends it and the others probe', () => {
    const b = new Breakers();
    const changes = [];
    for (let i = 0; i < BREAKER_CONFIG.threshold; i++) changes.push(...b.failure(A, 0, 'network', half));
    for (let i = 0; i < BREAKER_CONFIG.threshold; i++) changes.push(...b.failure(B, 0, 'network', half));
    expect(changes).toEqual([
      { kind: 'outage', origin: A },
      { kind: 'offline' },
      { kind: 'outage', origin: B },
    ]);
    expect(b.isOffline()).toBe(true);
    const at = b.state(A).nextProbeAt as number;
    b.admit(A, at);
    expect(b.success(A, at)).toEqual([{ kind: 'online' }, { kind: 'recovered', origin: A }]);
    expect(b.isOffline()).toBe(false);
    expect(b.admit(B, at)).toEqual({ kind: 'probe' });
  });

  it('an HTTP outage of one CRM is not "offline"', () => {
    const { b } = opened();
    expect(b.isOffline()).toBe(false);
  });

  it('navigator.onLine false alone is offline', () => {
    const b = new Breakers();
    expect(b.setOnline(false, 0)).toEqual([{ kind: 'offline' }]);
    expect(b.admit(A, 0)).toEqual({ kind: 'wait', until: BREAKER_CONFIG.offlineRecheckMs });
    expect(b.setOnline(true, 5)).toEqual([{ kind: 'online' }]);
    expect(b.admit(A, 5)).toEqual({ kind: 'send' });
  });
});
