import { expired, type RetryPolicy } from './backoff';
import type { OutboxItem } from './types';

export interface DueItems {
  /** Pending items whose attempt is due, oldest first, at most one per order key. */
  due: OutboxItem[];
  /** Items older than the retry horizon, with the reason: dead-lettered instead of sent. */
  expired: Array<[OutboxItem, string]>;
  /** Records a later wake-up time; `next()` is the earliest one recorded. */
  later: (at: number) => void;
  next: () => number | undefined;
}

/**
 * One drain pass's choice among the outbox items: per-conversation order (nothing overtakes an earlier
 * pending item with the same order key), the retry horizon, and the earliest next attempt.
 */
export function pendingDue(all: readonly OutboxItem[], now: number, policy: RetryPolicy): DueItems {
  const items = all
    .filter((i) => i.status === 'pending')
    // Journal order first (capture order: the sequence IndexedDB assigns), then creation (a workflow's later
    // steps share their event's sequence), then action order. Not by key: the mirror reloaded from
    // IndexedDB lists items by key (a hash), and a burst can share one millisecond.
    .sort(
      (a, b) => a.journalSeq - b.journalSeq || a.createdAt - b.createdAt || a.actionIndex - b.actionIndex,
    );
  const blocked = new Set<string>();
  const due: OutboxItem[] = [];
  const old: Array<[OutboxItem, string]> = [];
  let next: number | undefined;
  const later = (at: number) => {
    if (next === undefined || at < next) next = at;
  };
  for (const item of items) {
    if (blocked.has(item.orderKey)) continue;
    blocked.add(item.orderKey);
    const reason = expired(now - item.createdAt, policy);
    if (reason) old.push([item, reason]);
    else if (item.nextAttemptAt <= now) due.push(item);
    else later(item.nextAttemptAt);
  }
  return { due, expired: old, later, next: () => next };
}
