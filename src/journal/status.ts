import type { ActionStatus } from './types';

/**
 * The one vocabulary of delivery statuses (issue 16): the popup's list and detail, the Deliveries view
 * and the docs all use these words and nothing else.
 * - queued: persisted, not tried yet;
 * - sending: a request is on the wire right now;
 * - retrying: tried, failed for a reason that may pass (network, 408, 425, 429, 5xx), tried again later;
 * - delivered: the CRM answered 2xx (or a non-http action ran);
 * - failed: will not be tried again without the agent (refused, too old, or a non-http action failed);
 * - discarded: the agent dropped it from the outbox.
 */
export const STATUS_WORDS = ['queued', 'sending', 'retrying', 'delivered', 'failed', 'discarded'] as const;
export type StatusWord = (typeof STATUS_WORDS)[number];

/**
 * An action outcome's internal state → its word. `dead` (dead-lettered) is "failed" like any other
 * failure; `skipped` is how versions before issue 16 journaled a discarded action.
 */
export const ACTION_STATUS_WORD: Record<ActionStatus, StatusWord> = {
  ok: 'delivered',
  queued: 'queued',
  retrying: 'retrying',
  failed: 'failed',
  dead: 'failed',
  discarded: 'discarded',
  skipped: 'discarded',
};

export const statusWord = (s: ActionStatus): StatusWord => ACTION_STATUS_WORD[s] ?? 'failed';

/** Worst first: a list row (several actions) shows the first word any of its actions has. */
export const STATUS_SEVERITY: readonly StatusWord[] = [
  'failed',
  'retrying',
  'sending',
  'queued',
  'delivered',
  'discarded',
];
