// Retry policy for the outbox: a horizon in time, not in attempts (issue 16). Transient failures are
// retried until the action's maximum age with capped exponential backoff and full jitter
// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), Retry-After honoured;
// permanent failures (other 4xx) are dead-lettered at once.

export interface RetryPolicy {
  baseMs: number;
  /** Longest wait between two attempts of one item: a CRM that comes back is seen within this. */
  capMs: number;
  /** An item older than this is dead-lettered (settings `delivery.maxAgeHours`). */
  maxAgeMs: number;
}

export const RETRY_POLICY: RetryPolicy = {
  baseMs: 1000,
  capMs: 30_000,
  maxAgeMs: 24 * 3600_000,
};

/** The policy with the maximum age from settings (hours). */
export function retryPolicy(maxAgeHours: number | undefined): RetryPolicy {
  return maxAgeHours === undefined ? RETRY_POLICY : { ...RETRY_POLICY, maxAgeMs: maxAgeHours * 3600_000 };
}

/** Delay before attempt `attempts + 1`, given `attempts` failures so far (≥ 1). */
export function backoffDelay(
  attempts: number,
  random: () => number = Math.random,
  policy: RetryPolicy = RETRY_POLICY,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  return Math.floor(random() * ceiling);
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unparsable. Capped at one hour. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), 3600_000);
}

/** Network error or timeout (0), 408, 425, 429 and 5xx: the CRM may accept the same request later. */
export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
}

export type AttemptVerdict =
  | { kind: 'done' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'dead'; reason: string };

/** Hours as people say them ("24 h", "1.5 h"). */
const hours = (ms: number) => `${Math.round((ms / 3600_000) * 100) / 100} h`;

/** Decides what happens after one attempt. `status` 0 = network error or timeout. No attempt limit. */
export function verdict(
  status: number,
  retryAfter: string | null,
  attempts: number,
  ageMs: number,
  now: number,
  random: () => number = Math.random,
  policy: RetryPolicy = RETRY_POLICY,
): AttemptVerdict {
  if (status >= 200 && status < 300) return { kind: 'done' };
  if (!isTransient(status))
    return { kind: 'dead', reason: `HTTP ${status}: the CRM refused the request (not retried)` };
  let delayMs = backoffDelay(attempts, random, policy);
  if (status === 429 || status === 503) {
    const ra = parseRetryAfter(retryAfter, now);
    if (ra !== undefined) delayMs = Math.max(delayMs, ra);
  }
  if (ageMs + delayMs > policy.maxAgeMs)
    return { kind: 'dead', reason: `older than the maximum age (${hours(policy.maxAgeMs)})` };
  return { kind: 'retry', delayMs };
}

/** Whether an item created `ageMs` ago has outlived the policy's maximum age. */
export function expired(ageMs: number, policy: RetryPolicy = RETRY_POLICY): string | undefined {
  return ageMs > policy.maxAgeMs ? `older than the maximum age (${hours(policy.maxAgeMs)})` : undefined;
}
