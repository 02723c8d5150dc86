import { browser } from 'wxt/browser';
import type { JournalEntry } from '../journal/types';

export interface BadgeDeps {
  setText(text: string): Promise<unknown> | undefined;
  setColor(color: string): Promise<unknown> | undefined;
  load(): Promise<BadgeState | undefined>;
  save(state: BadgeState): Promise<unknown> | undefined;
  /** Coalesces badge writes (a burst of events costs one setBadgeText). */
  defer(fn: () => void): void;
}

export interface BadgeState {
  /** New journal entries since a popup last connected. */
  unseen: number;
  /** Highest journal seq counted so far (updates of known entries are not "new"). */
  lastSeq: number;
  /** Journal seqs whose entry has an action that is dead-lettered or failed right now. */
  failing: number[];
  /** Journal seqs whose entry has an action the outbox is still retrying (absent in older state). */
  retrying?: number[];
}

export const BADGE_COLORS = { count: '#2563eb', retrying: '#d97706', failing: '#dc2626' } as const;

const FAILING = new Set(['dead', 'failed']);

export function isFailing(entry: JournalEntry): boolean {
  return entry.kind === 'event' && entry.actions.some((a) => FAILING.has(a.status));
}

export function isRetrying(entry: JournalEntry): boolean {
  return entry.kind === 'event' && entry.actions.some((a) => a.status === 'retrying');
}

/**
 * Badge text for a state: red "!" while actions are failing, else amber with the number of entries
 * still retrying, else the unseen count ("" for none).
 */
export function badgeText(state: BadgeState): { text: string; color: string } {
  if (state.failing.length > 0) return { text: '!', color: BADGE_COLORS.failing };
  const retrying = state.retrying?.length ?? 0;
  if (retrying > 0) return { text: retrying > 999 ? '999+' : String(retrying), color: BADGE_COLORS.retrying };
  if (state.unseen <= 0) return { text: '', color: BADGE_COLORS.count };
  return { text: state.unseen > 999 ? '999+' : String(state.unseen), color: BADGE_COLORS.count };
}

const browserDeps = (): BadgeDeps => ({
  setText: (text) => browser.action.setBadgeText({ text }),
  setColor: (color) => browser.action.setBadgeBackgroundColor({ color }),
  load: () =>
    browser.storage.session
      .get('badge')
      .then((r) => r.badge as BadgeState | undefined)
      .catch(() => undefined),
  save: (badge) => browser.storage.session.set({ badge }).catch(() => undefined),
  defer: (fn) => setTimeout(fn, 150),
});

/**
 * Toolbar badge: the number of journal entries since the popup was last opened, an amber count of
 * entries whose actions are retrying, or a red "!" while an action is dead-lettered or failed. Fed by Inspector.push (every new or updated entry passes there);
 * kept in storage.session so a sleeping worker resumes with the same count.
 */
export class Badge {
  private state: BadgeState = { unseen: 0, lastSeq: 0, failing: [] };
  private failing = new Set<number>();
  private retrying = new Set<number>();
  /** Calls made before the stored state is loaded are replayed on top of it, in order. */
  private pending: Array<() => void> | undefined = [];
  private scheduled = false;
  private shown = '';
  /** Connected popups: while one is open, new entries are seen as they arrive. */
  private viewers = 0;

  constructor(private readonly deps: BadgeDeps = browserDeps()) {
    void deps
      .load()
      .catch(() => undefined)
      .then((s) => {
        if (s) {
          this.state = { unseen: s.unseen, lastSeq: s.lastSeq, failing: [] };
          this.failing = new Set(s.failing);
          this.retrying = new Set(s.retrying ?? []);
        }
        const replay = this.pending ?? [];
        this.pending = undefined;
        for (const fn of replay) fn();
        this.schedule();
      });
  }

  private run(fn: () => void): void {
    if (this.pending) this.pending.push(fn);
    else {
      fn();
      this.schedule();
    }
  }

  onEntry(entry: JournalEntry): void {
    const seq = entry.seq;
    if (seq === undefined) return;
    const failing = isFailing(entry);
    const retrying = isRetrying(entry);
    this.run(() => {
      if (seq > this.state.lastSeq) {
        this.state.lastSeq = seq;
        if (this.viewers === 0) this.state.unseen++;
      }
      if (failing) this.failing.add(seq);
      else this.failing.delete(seq);
      if (retrying) this.retrying.add(seq);
      else this.retrying.delete(seq);
    });
  }

  /** A popup connected: everything so far counts as seen, and so is what arrives while it is open. */
  popupOpened(): void {
    this.run(() => {
      this.viewers++;
      this.state.unseen = 0;
    });
  }

  popupClosed(): void {
    this.run(() => {
      this.viewers = Math.max(0, this.viewers - 1);
    });
  }

  /** The journal was cleared: nothing is unseen or failing any more. */
  reset(): void {
    this.run(() => {
      this.state.unseen = 0;
      this.failing.clear();
      this.retrying.clear();
    });
  }

  current(): BadgeState {
    return { ...this.state, failing: [...this.failing], retrying: [...this.retrying] };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.deps.defer(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const state = this.current();
    const { text, color } = badgeText(state);
    const key = `${text}|${color}`;
    if (key !== this.shown) {
      this.shown = key;
      void this.deps.setColor(color);
      void this.deps.setText(text);
    }
    void this.deps.save(state);
  }
}
