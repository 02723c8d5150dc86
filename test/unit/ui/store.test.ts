import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src/journal/types';
import { windowFor } from '../../../src/ui/popup/EventList';
import { findBySeq, indexOfSeq, mergeEntries } from '../../../src/ui/popup/store';
import { pinnedTab } from '../../../src/ui/popup/useInspector';

const entry = (seq: number, reason = `r${seq}`): JournalEntry => ({
  seq,
  kind: 'rejected',
  at: seq,
  eventId: '',
  tabId: 1,
  origin: 'https://x.example',
  reason,
  count: 1,
});
const seqs = (l: JournalEntry[]) => l.map((e) => e.seq);

describe('entry store', () => {
  it('live entries go on top, older pages at the bottom, updates replace in place', () => {
    let list = mergeEntries([], [entry(3), entry(5), entry(4)]);
    expect(seqs(list)).toEqual([5, 4, 3]);
    list = mergeEntries(list, [entry(6)]);
    expect(seqs(list)).toEqual([6, 5, 4, 3]);
    list = mergeEntries(list, [entry(2), entry(1)]);
    expect(seqs(list)).toEqual([6, 5, 4, 3, 2, 1]);
    const before = list;
    list = mergeEntries(list, [entry(4, 'updated')]);
    expect(seqs(list)).toEqual([6, 5, 4, 3, 2, 1]);
    expect((findBySeq(list, 4) as { reason: string }).reason).toBe('updated');
    expect((findBySeq(before, 4) as { reason: string }).reason).toBe('r4'); // immutable
  });

  it('a mixed batch (update + new + duplicate seq) keeps order and the last version', () => {
    const list = mergeEntries(
      [entry(5), entry(3), entry(1)],
      [entry(3, 'x'), entry(4), entry(4, 'y'), entry(7)],
    );
    expect(seqs(list)).toEqual([7, 5, 4, 3, 1]);
    expect((findBySeq(list, 4) as { reason: string }).reason).toBe('y');
    expect((findBySeq(list, 3) as { reason: string }).reason).toBe('x');
  });

  it('an empty batch returns the same list', () => {
    const list = [entry(2), entry(1)];
    expect(mergeEntries(list, [])).toBe(list);
  });

  it('binary search by seq in a descending list', () => {
    const list = [9, 7, 4, 2].map((s) => entry(s));
    expect(indexOfSeq(list, 9)).toBe(0);
    expect(indexOfSeq(list, 2)).toBe(3);
    expect(indexOfSeq(list, 4)).toBe(2);
    expect(indexOfSeq(list, 5)).toBe(-1);
    expect(indexOfSeq([], 5)).toBe(-1);
    expect(findBySeq(list, undefined)).toBeUndefined();
  });
});

describe('windowed list', () => {
  it('renders the visible rows plus overscan, never more than the list', () => {
    expect(windowFor(0, 300, 5000, 30, 8)).toEqual({ start: 0, end: 18 });
    expect(windowFor(3000, 300, 5000, 30, 8)).toEqual({ start: 92, end: 118 });
    expect(windowFor(149_700, 300, 5000, 30, 8)).toEqual({ start: 4982, end: 5000 });
    expect(windowFor(0, 300, 3, 30, 8)).toEqual({ start: 0, end: 3 });
    expect(windowFor(9999, 300, 0, 30, 8)).toEqual({ start: 325, end: 325 });
    const { start, end } = windowFor(12_345, 480, 5000);
    expect(end - start).toBeLessThan(40);
  });
});

describe('popup URL', () => {
  it('?tab=<id> pins a tab; anything else does not', () => {
    expect(pinnedTab('?tab=42')).toBe(42);
    expect(pinnedTab('?tab=abc')).toBeUndefined();
    expect(pinnedTab('?tab=')).toBeUndefined();
    expect(pinnedTab('')).toBeUndefined();
  });
});
