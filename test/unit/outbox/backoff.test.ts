import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, RETRY_POLICY, verdict } from '../../../src/outbox/backoff';

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
    [503, null, RETRY_POLICY.maxAttempts, 'dead'],
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
