import type { BridgeEvent } from '../events/model';

/**
 * Cross-tab dedupe by event fingerprint (see src/platforms/kit.ts `fingerprint`): strong ids (`:k:`)
 * are duplicates on any second sighting within the window; weak ids (`:h:`) only when seen from
 * another tab or frame.
 */
export class Dedupe {
  private readonly seen = new Map<string, { at: number; where: string }>();
  constructor(
    private readonly windowMs = 60_000,
    private readonly max = 20_000,
  ) {}

  isDuplicate(event: BridgeEvent, now = event.receivedAt): boolean {
    const where = `${event.tabId}/${event.frameId}`;
    const prev = this.seen.get(event.id);
    if (prev && now - prev.at <= this.windowMs) {
      const strong = event.id.includes(':k:');
      if (strong || prev.where !== where) return true;
    }
    this.seen.delete(event.id);
    this.seen.set(event.id, { at: now, where });
    if (this.seen.size > this.max) this.evict(now);
    return false;
  }

  private evict(now: number): void {
    for (const [id, v] of this.seen) {
      if (now - v.at > this.windowMs || this.seen.size > this.max) this.seen.delete(id);
      else break;
    }
  }
}
