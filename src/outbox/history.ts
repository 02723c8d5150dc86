import type { StatusWord } from '../journal/status';
import type { AttemptRecord, OutboxItem } from './types';

/** Attempts kept per item (older ones are dropped): bounds an item's size in IndexedDB. */
export const HISTORY_LIMIT = 20;
/** Characters of a response body kept per attempt in the history. */
export const HISTORY_EXCERPT = 300;

/**
 * Appends one attempt to the item's history (bounded to the last HISTORY_LIMIT). A manual retry or
 * resend marks the item (`manualPending`); the next attempt carries that mark, so the history shows
 * where the agent stepped in.
 */
export function appendHistory(item: OutboxItem, rec: AttemptRecord): void {
  const entry: AttemptRecord = { at: rec.at, status: rec.status };
  if (rec.error) entry.error = rec.error;
  if (rec.excerpt) entry.excerpt = rec.excerpt.slice(0, HISTORY_EXCERPT);
  const manual = rec.manual ?? item.manualPending;
  if (manual) entry.manual = manual;
  item.manualPending = undefined;
  const history = [...(item.history ?? []), entry];
  item.history = history.slice(-HISTORY_LIMIT);
}

/**
 * An outbox item's status in the one vocabulary (src/journal/status.ts): `sending` while a request is
 * on the wire, `queued` before the first attempt, `retrying` after a transient failure, `failed` once
 * dead-lettered.
 */
export function itemStatus(item: OutboxItem, sending: boolean): StatusWord {
  if (item.status === 'dead') return 'failed';
  if (sending) return 'sending';
  return item.attempts > 0 ? 'retrying' : 'queued';
}
