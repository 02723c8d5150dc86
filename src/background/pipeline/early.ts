import type { AlsoWrite, Journal } from '../../journal/journal';
import type { ActionOutcome, EventEntry, JournalEntry } from '../../journal/types';
import type { Absorb } from '../../outbox/mirror';
import type { AttemptReport, OutboxItem } from '../../outbox/types';
import { STORES } from '../../util/idb';

/** Writes an outbox attempt's result onto the journal's action outcome. */
export function applyReport(a: ActionOutcome, r: AttemptReport): void {
  a.status = r.status;
  a.attempts = r.item.attempts;
  a.nextAttemptAt = r.status === 'retrying' ? r.item.nextAttemptAt : undefined;
  a.detail = r.httpStatus ? `HTTP ${r.httpStatus}${r.excerpt ? `: ${r.excerpt}` : ''}` : a.detail;
  a.error = r.error;
  a.at = Date.now();
}

/** What `prepare` rendered: outbox rows for the entry's transaction, and the send to start with it. */
export interface Prepared {
  /** The rows for the entry's transaction, read when it is written: an item delivered by then has none. */
  rows(): AlsoWrite[];
  /**
   * Hands the items to the outbox, which sends them at once (`written`: the entry's append). Settles
   * once each has its first answer; a delivery answered before `rows()` is read is written with the
   * entry (its outcome `ok`, no outbox row, no later writes).
   */
  start(written: Promise<unknown>): Promise<void>;
}

type Adopt = (items: readonly OutboxItem[], written: Promise<unknown>, absorb: Absorb) => void;

/**
 * The early path's hand-off (issue 16, docs/architecture.md "Latency at the physical floor"): the items
 * are sent at once; the entry's append is held until each has its first answer (bounded by the caller).
 * A delivery answered while the entry is held is written with it: its outcome becomes `ok` and its
 * outbox row is left out, so a delivered event costs one IndexedDB transaction instead of three (the
 * entry, the row's delete, the outcome's update) and nothing of it is left to compete with the next
 * event. Safe for the same reason as sending before the write: the capture is acknowledged only once
 * the entry is written, and a re-sent capture renders the same Idempotency-Key.
 */
export function early(entry: EventEntry, items: OutboxItem[], adopt: Adopt): Prepared {
  const answered = new Map<string, () => void>();
  const answers = items.map((i) => new Promise<void>((r) => answered.set(i.id, r)));
  const delivered = new Map<string, AttemptReport>();
  let held = true;
  const absorb: Absorb = (id, r) => {
    answered.get(id)?.();
    if (!held || !r || !entry.actions.some((o) => o.outboxId === id)) return false;
    delivered.set(id, r);
    return true;
  };
  const rows = () => {
    held = false;
    // Onto the entry's outcomes as they are when it is written (the journal's redaction, which copies,
    // runs after this: never hold on to the rendered outcome objects).
    for (const o of entry.actions) {
      const r = o.outboxId === undefined ? undefined : delivered.get(o.outboxId);
      if (r) applyReport(o, r);
    }
    return items
      .filter((item) => !delivered.has(item.id))
      .map((item): AlsoWrite => {
        const row = { ...item };
        const value = (seq: number) => {
          item.journalSeq = seq;
          return { ...row, journalSeq: seq };
        };
        return { store: STORES.outbox, value };
      });
  };
  return {
    rows,
    start: (written) => {
      adopt(items, written, absorb);
      return Promise.all(answers).then(() => undefined);
    },
  };
}

/**
 * How long an entry is held for its early requests' answers. A CRM answers in tens of milliseconds; a
 * slower one gets its row written meanwhile, as before. The capture's ack and the popup wait this long.
 */
export const HOLD_MS = 250;

/**
 * Appends an entry with its rows (`marks`: gate and dedupe rows), after starting its early requests if
 * any. `held` settles when the write may start: at once, or once those requests are answered (at most
 * `holdMs` later).
 */
export function appendHeld(
  journal: Pick<Journal, 'append'>,
  entry: JournalEntry,
  marks: readonly AlsoWrite[],
  early: Prepared | undefined,
  holdMs = HOLD_MS,
): { written: Promise<number>; held: Promise<unknown> } {
  if (!early) return { written: journal.append(entry, marks), held: Promise.resolve() };
  let adopted!: (p: Promise<unknown>) => void;
  const held = within(early.start(new Promise((r) => (adopted = r))), holdMs);
  const written = journal.append(entry, () => [...marks, ...early.rows()], held);
  adopted(written);
  return { written, held };
}

/** Settles when `p` does or after `ms`, whichever is first. */
function within(p: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((r) => (timer = setTimeout(r, ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
