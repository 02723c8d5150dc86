import type { BridgeEvent } from '../events/model';
import type { Journal } from '../journal/journal';
import type { DuplicateOf, EventEntry, JournalEntry } from '../journal/types';
import { dedupeKey } from '../platforms/kit';

/** A first sighting: when, from which tab/frame (`tabId/frameId`), and what it was remembered with. */
export interface Seen<T> {
  at: number;
  where: string;
  first: T;
}

/**
 * Cross-tab dedupe by event fingerprint bound to its source (src/platforms/kit.ts `dedupeKey`): strong
 * ids (`:k:`) are duplicates on any second sighting within the window; weak ids (`:h:`) only when seen
 * from another tab or frame. `check` returns what the first sighting was remembered with (the caller
 * journals the duplicate with it: issue 14 item 3, never a silent drop).
 */
export class Dedupe<T> {
  private readonly seen = new Map<string, Seen<T>>();
  constructor(
    protected readonly windowMs = 60_000,
    protected readonly max = 20_000,
  ) {}

  /** The earlier sighting's `first` if `event` duplicates it; else remembers `event` as `first`. */
  check(event: BridgeEvent, first: T, now = event.receivedAt): T | undefined {
    const key = dedupeKey(event);
    const where = `${event.tabId}/${event.frameId}`;
    const prev = this.seen.get(key);
    if (prev && now - prev.at <= this.windowMs) {
      const strong = event.id.includes(':k:');
      if (strong || prev.where !== where) return prev.first;
    }
    const seen = { at: now, where, first };
    this.restore(key, seen);
    this.remembered(key, seen);
    return undefined;
  }

  /** Remembers a sighting without reporting it (one loaded from the store: src/background/dedupe-store.ts). */
  restore(key: string, seen: Seen<T>): void {
    this.seen.delete(key);
    this.seen.set(key, seen);
    if (this.seen.size > this.max) this.evict(seen.at);
  }

  /** Called for each new first sighting (the durable subclass writes it behind, with its journal entry). */
  protected remembered(_key: string, _seen: Seen<T>): void {}

  private evict(now: number): void {
    for (const [id, v] of this.seen) {
      if (now - v.at > this.windowMs || this.seen.size > this.max) this.seen.delete(id);
      else break;
    }
  }
}

/** What dedupe remembers of a first sighting: enough to say which entry a duplicate repeats. */
export interface Sighting {
  ref: DuplicateOf;
  written?: Promise<number>;
  /** The duplicate entry journaled per tab/frame, and how many times it was seen. */
  repeats?: Map<string, { count: number; written: Promise<number> }>;
}

/**
 * A suppressed duplicate is journaled, never dropped silently, saying which entry it repeats (issue 14
 * item 3). Further repeats from the same tab and frame (a widget re-sending its whole snapshot) are
 * counted on that one entry, so they cannot fill the bounded journal. Ingest is serial, so `repeats` is
 * checked and set without a race. `done` settles once the entry is written and shown.
 */
export async function journalDuplicate(
  journal: Pick<Journal, 'append' | 'update'>,
  inspector: { push(e: JournalEntry): void },
  first: Sighting,
  e: Pick<EventEntry, 'at' | 'eventId' | 'tabId' | 'event' | 'cid'>,
): Promise<{ done: Promise<unknown> }> {
  const where = `${e.event.tabId}/${e.event.frameId}`;
  const repeat = first.repeats?.get(where);
  if (repeat) {
    repeat.count += 1;
    const done = repeat.written.then((seq) =>
      journal.update(seq, (x) => {
        if (x.kind === 'event' && x.duplicateOf) x.duplicateOf.count = repeat.count;
      }),
    );
    return { done: done.then((x) => x && inspector.push(x)) };
  }
  const seq = first.ref.seq ?? (await first.written?.catch(() => undefined));
  const entry: EventEntry = {
    ...e,
    kind: 'event',
    platform: e.event.platform,
    type: e.event.type,
    matches: [],
    actions: [],
    state: 'duplicate',
    duplicateOf: { ...first.ref, seq },
  };
  const written = journal.append(entry);
  first.repeats ??= new Map();
  first.repeats.set(where, { count: 1, written });
  return { done: written.then(() => inspector.push(entry)) };
}
