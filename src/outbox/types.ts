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
  status: 'pending' | 'dead';
  lastError?: string;
  lastStatus?: number;
  request: HttpRequestSpec;
}

export interface AttemptReport {
  item: OutboxItem;
  status: 'ok' | 'retrying' | 'dead';
  httpStatus?: number;
  excerpt?: string;
  error?: string;
}
