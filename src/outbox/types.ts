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
}

export interface AttemptReport {
  item: OutboxItem;
  status: 'ok' | 'retrying' | 'dead';
  httpStatus?: number;
  excerpt?: string;
  error?: string;
}
