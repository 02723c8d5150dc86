import type { DryRule } from '../actions/dry-run';
import { idempotencyKey } from '../actions/http';
import { renderedOf } from '../actions/rendered';
import type { BridgeEvent } from '../events/model';
import type { ActionOutcome, ActionStatus, EventEntry } from '../journal/types';

/**
 * How an action of a replayed event compares with what ran originally:
 * - added: the current rules do it, the original run did not;
 * - removed: the original run did it, the current rules do not;
 * - changed: both, but the rendered request differs (or the action's kind does);
 * - unchanged: both, the same rendered request (page actions: the same kind; their preview is not kept);
 * - unknown: an http action journaled before requests were kept (nothing to compare with).
 */
export type Change = 'added' | 'removed' | 'changed' | 'unchanged' | 'unknown';

export interface ActionDiff {
  ruleId: string;
  ruleName: string;
  index: number;
  kind: string;
  change: Change;
  /** The request as originally rendered (secrets as `[secret:name]`), when it was kept. */
  before?: unknown;
  /** The request the current rules render (secrets as `[secret:name]`). */
  after?: unknown;
  /** Rendering with the current rules failed: shown, never sent. */
  error?: string;
  originalStatus?: ActionStatus;
  /**
   * Set when "Send the changes" delivers this action, with the Idempotency-Key it goes with: the original
   * key for an identical request (only re-sent when the original failed), a key derived from the original
   * and the new request's hash for a changed or added one (sending the same change twice is one request).
   */
  sendKey?: string;
}

export interface EventDiff {
  seq: number;
  at: number;
  type: string;
  platform: string;
  sourceEvent: string;
  actions: ActionDiff[];
}

const keyOf = (ruleId: string, index: number) => `${ruleId}\u0000${index}`;
const FAILED: readonly ActionStatus[] = ['failed', 'dead'];

/** The key a changed or added request is sent with: stable for the same change of the same action. */
export function replayKey(base: string, renderedHash: string): string {
  return `${base}-r${renderedHash.slice(0, 12)}`;
}

/** What one action did when it last ran, as the diff needs it (a journal outcome, or a saved test's expectation). */
export type PriorAction = Pick<ActionOutcome, 'ruleId' | 'ruleName' | 'index' | 'kind' | 'rendered'> &
  Partial<Pick<ActionOutcome, 'status' | 'outboxId'>>;

/**
 * Diffs what actions did before (`prior`: the latest outcome per rule and action index) against what the
 * current rules do now (`current`, a dry run of the same event). Pure; shared by replay and saved tests.
 */
export function diffActions(
  prior: readonly PriorAction[],
  event: BridgeEvent,
  current: readonly DryRule[],
): ActionDiff[] {
  const before = new Map<string, PriorAction>();
  for (const a of prior) if (a.index >= 0) before.set(keyOf(a.ruleId, a.index), a);
  const actions: ActionDiff[] = [];
  for (const rule of current) {
    if (!rule.matched) continue;
    for (const a of rule.actions) {
      const key = keyOf(rule.ruleId, a.index);
      const orig = before.get(key);
      before.delete(key);
      const base = { ruleId: rule.ruleId, ruleName: rule.ruleName, index: a.index, kind: a.kind };
      const after = a.error ? undefined : a.preview;
      const hash = a.kind === 'http' && !a.error ? renderedOf(a.preview).hash : undefined;
      const firstKey = orig?.outboxId ?? idempotencyKey(rule.ruleId, event, a.index);
      const changedKey = hash ? replayKey(firstKey, hash) : undefined;
      if (!orig) {
        actions.push({ ...base, change: 'added', after, error: a.error, sendKey: changedKey });
        continue;
      }
      const was = { before: orig.rendered?.preview, originalStatus: orig.status };
      if (a.error) {
        actions.push({ ...base, ...was, change: 'changed', error: a.error });
      } else if (orig.kind !== a.kind) {
        actions.push({ ...base, ...was, change: 'changed', after, sendKey: changedKey });
      } else if (a.kind !== 'http') {
        actions.push({ ...base, ...was, change: 'unchanged', after });
      } else if (!orig.rendered) {
        actions.push({ ...base, ...was, change: 'unknown', after });
      } else if (orig.rendered.hash === hash) {
        // Identical: sent again only if it failed, with its original key (the CRM sees no duplicate).
        const resend = orig.status && FAILED.includes(orig.status) ? (orig.outboxId ?? firstKey) : undefined;
        actions.push({ ...base, ...was, change: 'unchanged', after, sendKey: resend });
      } else {
        actions.push({ ...base, ...was, change: 'changed', after, sendKey: changedKey });
      }
    }
  }
  for (const orig of before.values()) {
    actions.push({
      ruleId: orig.ruleId,
      ruleName: orig.ruleName,
      index: orig.index,
      kind: orig.kind,
      change: 'removed',
      before: orig.rendered?.preview,
      originalStatus: orig.status,
    });
  }
  return actions;
}

/**
 * Diffs one journaled event: what its original run did (`entry.actions`, with the requests as rendered
 * then; a replay's outcome supersedes the one it replaced) against a dry run of the current rules. Pure.
 */
export function diffEntry(entry: EventEntry, event: BridgeEvent, current: readonly DryRule[]): EventDiff {
  return {
    seq: entry.seq ?? -1,
    at: entry.at,
    type: entry.type,
    platform: entry.platform,
    sourceEvent: event.sourceEvent,
    actions: diffActions(entry.actions, event, current),
  };
}

export type ReplayTotals = Record<Change, number> & { events: number; toSend: number };

export function totalsOf(diffs: readonly EventDiff[]): ReplayTotals {
  const t: ReplayTotals = {
    events: diffs.length,
    toSend: 0,
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
    unknown: 0,
  };
  for (const d of diffs)
    for (const a of d.actions) {
      t[a.change]++;
      if (a.sendKey) t.toSend++;
    }
  return t;
}
