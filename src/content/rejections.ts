import type { ContentMessage } from '../messaging/protocol';

type Rejected = Extract<ContentMessage, { type: 'rejected' }>;

/** Distinct rejections (platform, origin, reason) itemised per page and per minute; the rest are counted. */
export const MAX_KEYS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;
const FLUSH_MS = 250;
/** protocol.ts caps `count` at this. */
const MAX_COUNT = 1_000_000;

/**
 * Rejections are counted, never thrown, and reported in batches. Their keys carry page-chosen text
 * (the origin of a frame the page made, a reason naming it, a sample), and the journal is bounded
 * (DESIGN.md, Budgets: 5,000 entries) and shared by every tab, so a page that floods us must not push
 * the real audit trail out (issue 14 item 10). Per page (one counter per bridge) and per minute:
 * - at most MAX_KEYS_PER_MINUTE distinct keys are itemised; each is reported within 250 ms of its
 *   first occurrence, and its repeats in that minute once more when the minute ends, with their count;
 * - any further distinct rejection is not itemised but counted, and reported at the end of the minute
 *   as one summary rejection ("N more rejections from this page were not itemised"): never a silent drop.
 * So one page writes at most 2 × MAX_KEYS_PER_MINUTE + 1 journal entries a minute, whatever it sends.
 */
export class RejectionCounter {
  /** Keys itemised this minute → their count not yet reported (0 once sent). */
  private readonly keys = new Map<string, Rejected>();
  /** Keys seen for the first time this minute and not yet reported. */
  private readonly fresh = new Set<string>();
  private overflow = 0;
  private overflowAt?: Pick<Rejected, 'platform' | 'origin'>;
  private windowEnd = 0;
  private flushTimer?: ReturnType<typeof setTimeout>;
  private windowTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly send: (m: Rejected) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(platform: Rejected['platform'], origin: string, reason: string, sample?: unknown): void {
    const t = this.now();
    if (t >= this.windowEnd) this.closeWindow(t);
    const key = `${platform}|${origin}|${reason}`;
    const entry = this.keys.get(key);
    if (entry) {
      entry.count = Math.min(MAX_COUNT, entry.count + 1);
      return;
    }
    if (this.keys.size >= MAX_KEYS_PER_MINUTE) {
      this.overflow = Math.min(MAX_COUNT, this.overflow + 1);
      this.overflowAt ??= { platform, origin };
      return;
    }
    this.keys.set(key, { type: 'rejected', platform, origin, reason, count: 1, sample: clip(sample) });
    this.fresh.add(key);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Reports the keys first seen since the last flush (with what they counted so far). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const key of this.fresh) {
      const e = this.keys.get(key);
      if (!e || e.count === 0) continue;
      this.send({ ...e });
      e.count = 0;
    }
    this.fresh.clear();
  }

  /** Ends the minute: first reports, then the repeats held back, then the summary of what was not itemised. */
  private closeWindow(t: number): void {
    this.flush();
    if (this.windowTimer) clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
    for (const e of this.keys.values()) if (e.count > 0) this.send({ ...e, sample: undefined });
    if (this.overflow > 0) {
      this.send({
        type: 'rejected',
        platform: this.overflowAt?.platform,
        origin: this.overflowAt?.origin ?? '',
        reason: `${this.overflow} more rejections from this page were not itemised: more than ${MAX_KEYS_PER_MINUTE} different rejections in a minute (the page may be flooding the journal)`,
        count: this.overflow,
      });
    }
    this.keys.clear();
    this.overflow = 0;
    this.overflowAt = undefined;
    this.windowEnd = t + WINDOW_MS;
    // A window with nothing in it needs no timer; one with rejections reports its tail when it ends.
    this.windowTimer = setTimeout(() => {
      this.windowTimer = undefined;
      if (this.keys.size > 0) this.closeWindow(this.now());
      else this.windowEnd = 0;
    }, WINDOW_MS);
  }
}

/** Keep at most a small JSON-safe sample of a rejected payload for the inspector. */
function clip(sample: unknown): unknown {
  if (sample === undefined) return undefined;
  try {
    const s = JSON.stringify(sample);
    return s && s.length <= 4000 ? JSON.parse(s) : { truncated: s?.slice(0, 4000) };
  } catch {
    return { unserialisable: true };
  }
}
