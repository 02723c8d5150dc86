import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  expired,
  parseRetryAfter,
  RETRY_POLICY,
  retryPolicy,
  verdict,
} from '../../../src/outbox/backoff';

describe('backoff with full jitter', () => {
  it.each([1, 2, 3, 4, 10, 20])('attempt %i stays within [0, min(cap, base·2^(n-1)))', (n) => {
    const ceiling = Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** (n - 1));
    expect(backoffDelay(n, () => 0)).toBe(0);
    expect(backoffDelay(n, () => 0.999999)).toBeLessThan(ceiling);
    expect(backoffDelay(n, () => 0.999999)).toBeGreaterThan(ceiling * 0.99);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['2', 2000],
    [' 10 ', 10_000],
    ['Thu, 01 Jan 2026 00:00:05 GMT', 5000],
    ['garbage', undefined],
    [null, undefined],
    ['999999', 3_600_000],
  ])('%j → %j ms', (h, ms) => {
    expect(parseRetryAfter(h, now)).toBe(ms);
  });
});

describe('verdict', () => {
  const r = () => 0;
  it.each([
    [200, null, 1, 'done'],
    [201, null, 1, 'done'],
    [400, null, 1, 'dead'],
    [401, null, 1, 'dead'],
    [404, null, 1, 'dead'],
    [408, null, 1, 'retry'],
    [429, null, 1, 'retry'],
    [500, null, 1, 'retry'],
    [503, null, 1, 'retry'],
    [0, null, 1, 'retry'],
    [425, null, 1, 'retry'],
    [502, null, 1, 'retry'],
    [422, null, 1, 'dead'],
    // No attempt limit: only the age ends retries.
    [503, null, 8, 'retry'],
    [503, null, 10_000, 'retry'],
    [0, null, 10_000, 'retry'],
  ] as const)('HTTP %i (attempt %i) → %s', (status, ra, attempts, kind) => {
    expect(verdict(status, ra, attempts, 0, 0, r).kind).toBe(kind);
  });

  it('honours Retry-After on 429 and 503', () => {
    expect(verdict(429, '2', 1, 0, 0, r)).toEqual({ kind: 'retry', delayMs: 2000 });
    expect(verdict(503, '7', 1, 0, 0, r)).toEqual({ kind: 'retry', delayMs: 7000 });
    // Not on 500: plain backoff.
    expect(verdict(500, '7', 1, 0, 0, r)).toEqual({ kind: 'retry', delayMs: 0 });
  });

  it('gives up past the maximum age', () => {
    expect(verdict(503, '60', 1, RETRY_POLICY.maxAgeMs - 1000, 0, r).kind).toBe('dead');
  });
});

describe('retry schedule in time (fake clock)', () => {
  it('a CRM down for 3 hours is retried all along, never more than the cap apart, and never dead-lettered', () => {
    let now = 0;
    let attempts = 0;
    const gaps: number[] = [];
    // Worst-case jitter (just under the ceiling) every time.
    while (now < 3 * 3600_000) {
      attempts++;
      const v = verdict(503, null, attempts, now, now, () => 0.999999);
      expect(v.kind).toBe('retry');
      if (v.kind !== 'retry') break;
      gaps.push(v.delayMs);
      now += v.delayMs;
    }
    expect(Math.max(...gaps)).toBeLessThanOrEqual(RETRY_POLICY.capMs);
    expect(RETRY_POLICY.capMs).toBeLessThanOrEqual(60_000);
    // Exponential at first: 1 s, 2 s, 4 s … up to the cap.
    expect(gaps.slice(0, 4).map((g) => Math.round(g / 1000))).toEqual([1, 2, 4, 8]);
    expect(attempts).toBeGreaterThan(300);
  });

  it.each([
    [24, 24 * 3600_000 - 1, 'retry'],
    [24, 24 * 3600_000 + 1, 'dead'],
    [1, 3600_000 - 60_000, 'retry'],
    [1, 3600_000 + 1, 'dead'],
  ] as const)('maximum age %i h: an item %i ms old → %s', (h, age, kind) => {
    expect(verdict(500, null, 50, age, 0, () => 0, retryPolicy(h)).kind).toBe(kind);
    expect(expired(age, retryPolicy(h)) === undefined).toBe(kind === 'retry');
  });

  it('says the maximum age in hours when it gives up', () => {
    expect(verdict(500, null, 1, 2 * 3600_000 + 1, 0, () => 0, retryPolicy(2))).toEqual({
      kind: 'dead',
      reason: 'older than the maximum age (2 h)',
    });
  });

  it('a Retry-After longer than the cap is honoured', () => {
    expect(verdict(429, '120', 1, 0, 0, () => 0)).toEqual({ kind: 'retry', delayMs: 120_000 });
  });
});
