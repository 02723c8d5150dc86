import type { BridgeEvent } from '../events/model';
import type { PlatformId } from '../events/types';

/**
 * Internal states of an action outcome; people see them through src/journal/status.ts (one word each).
 * `skipped` is what versions before issue 16 wrote for a discarded action (read, no longer written).
 */
export type ActionStatus = 'ok' | 'queued' | 'retrying' | 'failed' | 'dead' | 'discarded' | 'skipped';

export interface ActionOutcome {
  ruleId: string;
  ruleName: string;
  /** Index of the action in the rule's `then`. */
  index: number;
  kind: string;
  status: ActionStatus;
  detail?: string;
  error?: string;
  /** Outbox item (http actions). */
  outboxId?: string;
  attempts?: number;
  nextAttemptAt?: number;
  at: number;
  /** http actions: the request as rendered, secrets by name (src/actions/rendered.ts), for replay diffs. */
  rendered?: RenderedRequest;
  /** Queued by "Send the changes" of a replay (src/replay/): it supersedes the earlier outcome. */
  replay?: true;
}

/** A rendered request kept on an outcome: its hash always, the preview itself when it is small. */
export interface RenderedRequest {
  hash: string;
  preview?: unknown;
}

export interface EventEntry {
  seq?: number;
  kind: 'event';
  at: number;
  eventId: string;
  tabId: number;
  platform: PlatformId;
  type: string;
  event: BridgeEvent;
  matches: Array<{ ruleId: string; ruleName: string }>;
  actions: ActionOutcome[];
  /** The bridge's capture id (absent for direct mode): lets a re-sent capture be recognised. */
  cid?: string;
  /**
   * processing: journaled, actions not all run yet (resumed after a worker restart); done; duplicate:
   * the same event from the same source was seen first (`duplicateOf`), so no rule ran (issue 14 item 3).
   */
  state?: 'processing' | 'done' | 'duplicate';
  duplicateOf?: DuplicateOf;
}

/** The earlier journal entry a suppressed duplicate repeats (seq absent if it was never written). */
export interface DuplicateOf {
  seq?: number;
  eventId: string;
  tabId: number;
  at: number;
  /** How many times this entry's tab and frame sent it again (absent: once). */
  count?: number;
}

export interface RejectedEntry {
  seq?: number;
  kind: 'rejected';
  at: number;
  eventId: '';
  tabId: number;
  platform?: PlatformId;
  origin: string;
  reason: string;
  issues?: string[];
  count: number;
  sample?: unknown;
  cid?: string;
}

export type JournalEntry = EventEntry | RejectedEntry;
