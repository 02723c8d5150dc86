// Pure list operations for the inspector: entries are kept newest first (descending journal seq).
import type { JournalEntry } from '../../journal/types';

/** Most entries the popup keeps in memory (the journal itself is bounded too). */
export const MAX_KEPT = 100_000;

const seqOf = (e: JournalEntry) => e.seq ?? 0;

/** Index of the entry with `seq` in a list sorted by descending seq, or -1. */
export function indexOfSeq(list: readonly JournalEntry[], seq: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = seqOf(list[mid] as JournalEntry);
    if (s === seq) return mid;
    if (s > seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Merges new or updated entries (a live push batch, a snapshot, an older page) into the list. Entries
 * with the same seq are replaced by the incoming version; the result stays sorted newest first.
 */
export function mergeEntries(
  list: readonly JournalEntry[],
  incoming: readonly JournalEntry[],
): JournalEntry[] {
  if (incoming.length === 0) return list as JournalEntry[];
  const withSeq = incoming.filter((e) => e.seq !== undefined);
  // Fast paths: all newer than the newest (live), or all older than the oldest (paging).
  const newest = list.length > 0 ? seqOf(list[0] as JournalEntry) : -1;
  const oldest = list.length > 0 ? seqOf(list[list.length - 1] as JournalEntry) : Number.POSITIVE_INFINITY;
  const sorted = dedupeBySeq(withSeq).sort((a, b) => seqOf(b) - seqOf(a));
  if (sorted.length > 0 && seqOf(sorted[sorted.length - 1] as JournalEntry) > newest) {
    return cap([...sorted, ...list]);
  }
  if (sorted.length > 0 && seqOf(sorted[0] as JournalEntry) < oldest) return cap([...list, ...sorted]);
  const next = list.slice();
  const added: JournalEntry[] = [];
  for (const e of sorted) {
    const i = indexOfSeq(next, seqOf(e));
    if (i >= 0) next[i] = e;
    else added.push(e);
  }
  if (added.length === 0) return next;
  return cap([...next, ...added].sort((a, b) => seqOf(b) - seqOf(a)));
}

function dedupeBySeq(list: readonly JournalEntry[]): JournalEntry[] {
  const by = new Map<number, JournalEntry>();
  for (const e of list) by.set(seqOf(e), e);
  return [...by.values()];
}

function cap(list: JournalEntry[]): JournalEntry[] {
  return list.length > MAX_KEPT ? list.slice(0, MAX_KEPT) : list;
}

/** The current version of an entry by seq (the detail view follows live updates). */
export function findBySeq(list: readonly JournalEntry[], seq: number | undefined): JournalEntry | undefined {
  if (seq === undefined) return undefined;
  const i = indexOfSeq(list, seq);
  return i >= 0 ? list[i] : undefined;
}
