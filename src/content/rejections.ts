import type { ContentMessage } from '../messaging/protocol';

type Rejected = Extract<ContentMessage, { type: 'rejected' }>;

/**
 * Rejections are counted, never thrown, and reported in batches (a hostile page can post thousands
 * of messages a second; the worker gets one report per distinct reason per flush).
 */
export class RejectionCounter {
  private pending = new Map<string, Rejected>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly send: (m: Rejected) => void) {}

  add(platform: Rejected['platform'], origin: string, reason: string, sample?: unknown): void {
    const key = `${platform}|${origin}|${reason}`;
    const entry = this.pending.get(key);
    if (entry) entry.count++;
    else
      this.pending.set(key, { type: 'rejected', platform, origin, reason, count: 1, sample: clip(sample) });
    if (!this.timer) this.timer = setTimeout(() => this.flush(), 250);
  }

  flush(): void {
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const m of batch) this.send(m);
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
