import { statusWord } from '../journal/status';
import type { EventEntry, JournalEntry } from '../journal/types';

/** At most this many events in one replay (the diff travels to the page in one message). */
export const REPLAY_MAX = 500;

/**
 * Which journaled events a replay takes (the inspector's selections): some events by sequence number
 * (one event, or the popup's filter result), a time range, the last `count` events, or every event with
 * a failed delivery. Mirrors the `replay.run` request's schema (src/messaging/protocol.ts).
 */
export type ReplayScope =
  | { kind: 'seqs'; seqs: number[] }
  | { kind: 'range'; from: number; to: number }
  | { kind: 'last'; count: number }
  | { kind: 'failed' };

const replayable = (e: JournalEntry): e is EventEntry =>
  e.kind === 'event' && e.state !== 'duplicate' && e.state !== 'processing' && e.seq !== undefined;

/** The events of `recent` (newest first) a scope selects, oldest first, at most REPLAY_MAX. Pure. */
export function selectEntries(recent: readonly JournalEntry[], scope: ReplayScope): EventEntry[] {
  const events = recent.filter(replayable);
  let chosen: EventEntry[];
  switch (scope.kind) {
    case 'seqs': {
      const want = new Set(scope.seqs);
      chosen = events.filter((e) => want.has(e.seq as number));
      break;
    }
    case 'range':
      chosen = events.filter((e) => e.at >= scope.from && e.at <= scope.to);
      break;
    case 'last':
      chosen = events.slice(0, scope.count);
      break;
    case 'failed':
      chosen = events.filter((e) => e.actions.some((a) => statusWord(a.status) === 'failed'));
      break;
  }
  return chosen.slice(0, REPLAY_MAX).reverse();
}
