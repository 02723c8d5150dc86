import type { PlatformId } from '../events/types';
import type { JournalEntry } from './types';

/**
 * Capture drift (issue 20): a trusted source whose payloads stopped matching their schema, or that sends
 * an event type never seen before, shown as one group per platform, event and field instead of one
 * rejection per payload ("Rox.Chat newMessageAdded: 37 rejected since 10:02 — field `chatId` is now a
 * string").
 * - rejected: the platform's schema refused the payload (only journaled after the sender's page, the
 *   platform and the origin were trusted: src/background/pipeline/ingest.ts `rejectInvalid`);
 * - new-type: the platform sent an event it does not document (`platform.unknown`).
 */
export interface DriftGroup {
  key: string;
  kind: 'rejected' | 'new-type';
  platform: PlatformId;
  sourceEvent: string;
  /** The first field the schema refused (dotted path), for `rejected`. */
  field?: string;
  /** type: the field now has another type (`received`); missing: it is gone; other: any other refusal. */
  problem?: 'type' | 'missing' | 'other';
  received?: string;
  count: number;
  since: number;
  last: number;
}

/** `invalid <event> payload: …` is what src/platforms/kit.ts `invalid` says of a schema refusal. */
const INVALID = /^invalid (\S+) payload: /;

/** The first issue `path: message` (src/platforms/kit.ts `formatIssues`) → field and problem. */
export function readIssue(issue: string | undefined): Pick<DriftGroup, 'field' | 'problem' | 'received'> {
  const m = /^([^:]+): (.*)$/.exec(issue ?? '');
  if (!m) return { problem: 'other' };
  const field = m[1] as string;
  const received = /received (\w+)/.exec(m[2] as string)?.[1];
  if (received === 'undefined') return { field, problem: 'missing' };
  if (received) return { field, problem: 'type', received };
  return { field, problem: 'other' };
}

/** Groups of drift in `entries` (any order), most frequent first. Pure. */
export function driftGroups(entries: readonly JournalEntry[]): DriftGroup[] {
  const groups = new Map<string, DriftGroup>();
  const add = (g: Omit<DriftGroup, 'count' | 'since' | 'last'>, count: number, at: number) => {
    const had = groups.get(g.key);
    if (had) {
      had.count += count;
      had.since = Math.min(had.since, at);
      had.last = Math.max(had.last, at);
    } else groups.set(g.key, { ...g, count, since: at, last: at });
  };
  for (const e of entries) {
    if (e.kind === 'rejected') {
      const m = e.platform ? INVALID.exec(e.reason) : null;
      if (!m || !e.platform) continue;
      const sourceEvent = m[1] as string;
      const issue = readIssue(e.issues?.[0]);
      const key = `r\u0000${e.platform}\u0000${sourceEvent}\u0000${issue.field ?? ''}\u0000${issue.problem}\u0000${issue.received ?? ''}`;
      add({ key, kind: 'rejected', platform: e.platform, sourceEvent, ...issue }, e.count || 1, e.at);
    } else if (e.type === 'platform.unknown' && e.state !== 'duplicate') {
      const sourceEvent = e.event.sourceEvent;
      add(
        {
          key: `n\u0000${e.platform}\u0000${sourceEvent}`,
          kind: 'new-type',
          platform: e.platform,
          sourceEvent,
        },
        1,
        e.at,
      );
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.last - a.last);
}
