import { describe, expect, it } from 'vitest';
import {
  BADGE_COLORS,
  Badge,
  type BadgeDeps,
  type BadgeState,
  badgeText,
} from '../../../src/background/badge';
import type { ActionOutcome, EventEntry } from '../../../src/journal/types';

function harness(stored?: BadgeState) {
  const writes: Array<{ text?: string; color?: string }> = [];
  let saved: BadgeState | undefined;
  const queue: Array<() => void> = [];
  const deps: BadgeDeps = {
    setText: (text) => {
      writes.push({ text });
      return undefined;
    },
    setColor: (color) => {
      writes.push({ color });
      return undefined;
    },
    load: async () => stored,
    save: (s) => {
      saved = s;
      return undefined;
    },
    defer: (fn) => queue.push(fn),
  };
  const badge = new Badge(deps);
  const flush = async () => {
    await new Promise((r) => setTimeout(r, 0)); // the stored state loads
    while (queue.length) queue.shift()?.();
  };
  const text = () => [...writes].reverse().find((w) => w.text !== undefined)?.text;
  return { badge, flush, text, writes, saved: () => saved };
}

const entry = (seq: number, statuses: ActionOutcome['status'][] = []): EventEntry =>
  ({
    seq,
    kind: 'event',
    at: seq,
    eventId: `e${seq}`,
    tabId: 1,
    platform: 'roxchat',
    type: 'message.created',
    event: {} as EventEntry['event'],
    matches: [],
    actions: statuses.map((status, index) => ({
      ruleId: 'r',
      ruleName: 'R',
      index,
      kind: 'http',
      status,
      at: 0,
    })),
  }) as EventEntry;

describe('toolbar badge', () => {
  it('text: "!" while failing, else the unseen count', () => {
    expect(badgeText({ unseen: 0, lastSeq: 0, failing: [] })).toEqual({
      text: '',
      color: BADGE_COLORS.count,
    });
    expect(badgeText({ unseen: 7, lastSeq: 0, failing: [] }).text).toBe('7');
    expect(badgeText({ unseen: 5000, lastSeq: 0, failing: [] }).text).toBe('999+');
    expect(badgeText({ unseen: 7, lastSeq: 0, failing: [3] })).toEqual({
      text: '!',
      color: BADGE_COLORS.failing,
    });
  });

  it('counts new entries (not updates of known ones) until a popup opens, and coalesces writes', async () => {
    const h = harness();
    h.badge.onEntry(entry(1));
    h.badge.onEntry(entry(2));
    h.badge.onEntry(entry(2, ['ok'])); // update of seq 2
    h.badge.onEntry(entry(3));
    await h.flush();
    expect(h.text()).toBe('3');
    expect(h.writes.filter((w) => w.text !== undefined)).toHaveLength(1);
    h.badge.popupOpened();
    h.badge.onEntry(entry(4)); // seen while the popup is open
    await h.flush();
    expect(h.text()).toBe('');
    h.badge.popupClosed();
    h.badge.onEntry(entry(5));
    await h.flush();
    expect(h.text()).toBe('1');
    expect(h.saved()).toMatchObject({ unseen: 1, lastSeq: 5, failing: [] });
  });

  it('"!" while an action is dead or failed; back to the count when it is delivered or discarded', async () => {
    const h = harness();
    h.badge.onEntry(entry(1, ['retrying']));
    await h.flush();
    expect(h.text()).toBe('1');
    h.badge.onEntry(entry(1, ['dead']));
    h.badge.onEntry(entry(2, ['ok', 'failed']));
    await h.flush();
    expect(h.text()).toBe('!');
    h.badge.onEntry(entry(1, ['ok']));
    await h.flush();
    expect(h.text()).toBe('!');
    h.badge.onEntry(entry(2, ['ok', 'skipped']));
    await h.flush();
    expect(h.text()).toBe('2');
    h.badge.onEntry(entry(3, ['dead']));
    h.badge.reset(); // journal cleared
    await h.flush();
    expect(h.text()).toBe('');
  });

  it('resumes from the stored state after the worker restarts', async () => {
    const h = harness({ unseen: 4, lastSeq: 10, failing: [9] });
    h.badge.onEntry(entry(10, ['dead'])); // known seq: not counted again
    h.badge.onEntry(entry(11));
    await h.flush();
    expect(h.text()).toBe('!');
    h.badge.onEntry(entry(9, ['ok']));
    h.badge.onEntry(entry(10, ['ok']));
    await h.flush();
    expect(h.text()).toBe('5');
  });
});
