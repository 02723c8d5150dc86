import { mergedBody } from '../actions/list-merge';
import { redact } from '../secrets/redact';
import type { verdict } from './backoff';
import { appendHistory } from './history';
import type { OutboxItem } from './types';

/** The first 2 KB of a response body are kept (redacted) on the item and shown to the agent. */
export const EXCERPT = 2048;
/** A workflow step's response body kept for later steps (characters; a longer body is not kept). */
export const RESPONSE_LIMIT = 65_536;
/** An attempt's history record keeps the start of the answer only (src/outbox/history.ts). */
export const HISTORY_EXCERPT = 300;
/** Read past the excerpt so a secret value straddling the cut is still found and redacted. */
const REDACT_MARGIN = 10_000;

export interface SendResult {
  /** 0: network error or timeout. */
  status: number;
  retryAfter: string | null;
  excerpt?: string;
  error?: string;
  timedOut: boolean;
  /** Workflow steps only (item.chain): the response text, one character past RESPONSE_LIMIT at most. */
  response?: string;
}

/** One HTTP attempt of an item, with its timeout; never throws. */
export async function sendOnce(
  fetchFn: typeof fetch,
  item: OutboxItem,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<SendResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), item.request.timeoutMs);
  try {
    let sent = body;
    // A list replaced whole (Chatwoot labels): read it again at every attempt, then send it merged.
    if (item.request.merge) {
      const read = { url: item.request.url, merge: item.request.merge };
      const m = await mergedBody(fetchFn, read, headers, body, controller.signal);
      if (!m.ok)
        return {
          status: m.status,
          retryAfter: m.retryAfter,
          excerpt: m.excerpt,
          error: m.error,
          timedOut: false,
        };
      sent = m.body;
    }
    const res = await fetchFn(item.request.url, {
      method: item.request.method,
      headers,
      body: sent,
      signal: controller.signal,
      credentials: 'omit',
      redirect: 'error',
    });
    const text = await res.text().catch(() => '');
    return {
      status: res.status,
      retryAfter: res.headers.get('Retry-After'),
      excerpt: text.slice(0, EXCERPT + REDACT_MARGIN),
      timedOut: false,
      response: item.chain ? text.slice(0, RESPONSE_LIMIT + 1) : undefined,
    };
  } catch (e) {
    const timedOut = controller.signal.aborted;
    const error = timedOut
      ? `timed out after ${item.request.timeoutMs} ms`
      : `network error: ${(e as Error).message}`;
    return { status: 0, retryAfter: null, error, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

/** A response excerpt as kept and shown: secret values redacted first, then cut to 2 KB. */
export function cleanExcerpt(
  excerpt: string | undefined,
  secrets: ReadonlyMap<string, string>,
): string | undefined {
  return excerpt === undefined ? undefined : redact(excerpt, secrets).slice(0, EXCERPT);
}

/** The origin an item is sent to (what its circuit breaker is keyed by). */
export function originOf(item: OutboxItem): string {
  try {
    return new URL(item.request.url).origin;
  } catch {
    return '';
  }
}

/**
 * Records a failed attempt on its item: retried (next attempt time, last error) or dead-lettered (the
 * verdict's reason), with the attempt appended to its history. `clean` redacts secret values.
 */
export function failedAttempt(
  item: OutboxItem,
  v: Exclude<ReturnType<typeof verdict>, { kind: 'done' }>,
  status: number,
  error: string | undefined,
  clean: (s: string | undefined) => string | undefined,
  now: number,
): void {
  const reason = error ?? (status ? `HTTP ${status}` : 'failed');
  if (v.kind === 'retry') {
    item.nextAttemptAt = now + v.delayMs;
    item.lastError = clean(reason);
  } else {
    item.status = 'dead';
    item.lastError = clean(
      v.reason === reason || !status ? `${v.reason}${error ? ` (${error})` : ''}` : `${v.reason}`,
    );
  }
  appendHistory(item, {
    at: now,
    status,
    error: item.lastError,
    excerpt: item.lastExcerpt?.slice(0, HISTORY_EXCERPT),
  });
}
