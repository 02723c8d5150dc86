// Retry policy for the outbox: exponential backoff with full jitter
// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), Retry-After honoured.

export const RETRY_POLICY = {
  baseMs: 1000,
  capMs: 5 * 60_000,
  maxAttempts: 8,
  maxAgeMs: 24 * 3600_000,
};

/** Delay before attempt `attempts + 1`, given `attempts` failures so far (≥ 1). */
export function backoffDelay(
  attempts: number,
  random: () => number = Math.random,
  policy = RETRY_POLICY,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
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

export type AttemptVerdict =
  | { kind: 'done' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'dead'; reason: string };

/** Decides what happens after one attempt. `status` 0 = network error or timeout. */
export function verdict(
  status: number,
  retryAfter: string | null,
  attempts: number,
  ageMs: number,
  now: number,
  random: () => number = Math.random,
  policy = RETRY_POLICY,
): AttemptVerdict {
  if (status >= 200 && status < 300) return { kind: 'done' };
  const transient = status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
  if (!transient)
    return { kind: 'dead', reason: `HTTP ${status}: the CRM refused the request (not retried)` };
  if (attempts >= policy.maxAttempts) return { kind: 'dead', reason: `gave up after ${attempts} attempts` };
  let delayMs = backoffDelay(attempts, random, policy);
  if (status === 429 || status === 503) {
    const ra = parseRetryAfter(retryAfter, now);
    if (ra !== undefined) delayMs = Math.max(delayMs, ra);
  }
  if (ageMs + delayMs > policy.maxAgeMs) return { kind: 'dead', reason: 'older than the maximum age (24 h)' };
  return { kind: 'retry', delayMs };
}
