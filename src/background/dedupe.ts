import type { BridgeEvent } from '../events/model';
import { dedupeKey } from '../platforms/kit';

/**
 * Cross-tab dedupe by event fingerprint bound to its source (src/platforms/kit.ts `dedupeKey`): strong
 * ids (`:k:`) are duplicates on any second sighting within the window; weak ids (`:h:`) only when seen
 * from another tab or frame. `check` returns what the first sighting was remembered with (the caller
 * journals the duplicate with it: issue 14 item 3, never a silent drop).
 */
export class Dedupe<T> {
  private readonly seen = new Map<string, { at: number; where: string; first: T }>();
  constructor(
    private readonly windowMs = 60_000,
    private readonly max = 20_000,
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
    this.seen.delete(key);
    this.seen.set(key, { at: now, where, first });
    if (this.seen.size > this.max) this.evict(now);
    return undefined;
  }

  private evict(now: number): void {
    for (const [id, v] of this.seen) {
      if (now - v.at > this.windowMs || this.seen.size > this.max) this.seen.delete(id);
      else break;
    }
  }
}
