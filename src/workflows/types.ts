import type { BridgeEvent } from '../events/model';
import type { PlatformId } from '../events/types';
import type { Rule } from '../rules/schema';

/** What later steps read as `steps.<id>`. */
export interface StepResult {
  /** HTTP status (http steps). */
  status?: number;
  ok?: boolean;
  /** The JSON response (or its text when not JSON); absent when larger than the bound. */
  body?: unknown;
  /** Length of the list at the step's `matches` path (find steps). */
  count?: number;
  /** The step did not run: its `if` failed (`why`), or the agent chose to skip. */
  skipped?: boolean;
  why?: string;
  /** The response was larger than the bound and is not kept. */
  truncated?: boolean;
}

export interface LinkValues {
  contact?: string;
  conversation?: string;
}

/**
 * A chain in flight (store `chains`, keyPath `id`): persisted before each step is queued, so a worker
 * stopped at any point resumes at the step it had reached with the results so far.
 */
export interface ChainRecord {
  id: string;
  rule: Rule;
  journalSeq: number;
  event: BridgeEvent;
  /** The next step to run (or the one whose outbox item is awaited). */
  step: number;
  /** `held`: waiting for the earlier chain of the same conversation (`after`) to finish or park. */
  state: 'running' | 'waiting' | 'held' | 'parked' | 'done' | 'failed';
  /** Outbox id of the awaited http step (state `waiting`). */
  waiting?: string;
  /** The chain of the same conversation this one is held behind (state `held`). */
  after?: string;
  /** Its place in its conversation's order was decided (src/workflows/order.ts): once per chain. */
  ordered?: boolean;
  results: Record<string, StepResult>;
  links: LinkValues;
  /** `links` were read from the store when the chain began running (not when its event arrived). */
  linksRead?: boolean;
  wrapup: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

export interface TranscriptMessage {
  at: number;
  direction: 'inbound' | 'outbound' | 'internal';
  author: string;
  text: string;
}

/**
 * Store `transcriptLines` (DB v4), keyPath [key, at, id]: one message of conversation `key` =
 * platform|conversationId, `id` its journal seq or occurrence key (src/workflows/transcript.ts).
 */
export interface TranscriptLine extends TranscriptMessage {
  key: string;
  id: number | string;
  expiresAt: number;
}

/** Store `links`, keyPath `key` = platform|contact|id or platform|conversation|id. */
export interface LinkRecord {
  key: string;
  platform: PlatformId;
  kind: 'contact' | 'conversation';
  /** The source's contact or conversation id. */
  sourceId: string;
  /** The CRM record id. */
  value: string;
  ruleId: string;
  /** Who the source says it is (name, email or phone), for the options page. */
  label?: string;
  updatedAt: number;
  expiresAt: number;
}
