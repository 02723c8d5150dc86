import type { HttpRequestSpec } from '../actions/http';

export interface OutboxItem {
  /** The Idempotency-Key: one per (rule, event occurrence, action index), the same on every attempt. */
  id: string;
  journalSeq: number;
  ruleId: string;
  ruleName: string;
  actionIndex: number;
  eventId: string;
  /** Items with the same key are delivered in creation order (same rule, same conversation). */
  orderKey: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /**
   * Whether the rule was one of the organisation's (rule.managed): only then may the request use a
   * secret set by the organisation's policy, checked again at send time (issue 14, item 7).
   * Absent on items queued before that check: treated as a user rule.
   */
  ruleManaged?: boolean;
  status: 'pending' | 'dead';
  lastError?: string;
  lastStatus?: number;
  /** The first 2 KB of the last response body, with secret values redacted (the agent sees it). */
  lastExcerpt?: string;
  request: HttpRequestSpec;
  /** A workflow step (src/workflows): its report carries the response body for the chain record. */
  chain?: { id: string; step: number };
  /** The last attempts, oldest first (src/outbox/history.ts), kept across a manual retry or resend. */
  history?: AttemptRecord[];
  /** The agent retried or resent it by hand: the next attempt's history record says so. */
  manualPending?: 'retry' | 'resend';
}

/** One attempt: when, the HTTP status (0 = network error or timeout), the error and the response's start. */
export interface AttemptRecord {
  at: number;
  status: number;
  error?: string;
  excerpt?: string;
  /** Set on the first attempt after the agent retried (`retry`) or edited and resent (`resend`) it. */
  manual?: 'retry' | 'resend';
}

export interface AttemptReport {
  item: OutboxItem;
  status: 'ok' | 'retrying' | 'dead';
  httpStatus?: number;
  excerpt?: string;
  error?: string;
  /**
   * Workflow steps only (item.chain): the response text, redacted and bounded (RESPONSE_LIMIT), kept in
   * the chain record and never written to the journal.
   */
  response?: string;
}
