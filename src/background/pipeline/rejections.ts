import type { Journal } from '../../journal/journal';
import type { JournalEntry, RejectedEntry } from '../../journal/types';
import type { Feed } from '../feed';
import { capSummaryReason, RejectionCap } from '../rejection-cap';
import type { SerialQueue } from './queue';

/** What a rejection says; the journal adds where and when (src/journal/types.ts `RejectedEntry`). */
export type Rejection = Omit<RejectedEntry, 'seq' | 'kind' | 'at' | 'eventId' | 'tabId'>;

/**
 * Rejected captures are journaled (never dropped silently), bounded per tab: a page with many frames
 * has many bridges, so the per-tab RejectionCap admits 20 reports per window and the rest are counted
 * in one summary entry, journaled even if the page then goes quiet.
 */
export class Rejections {
  private flushTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly journal: Pick<Journal, 'append'>,
    private readonly feed: Pick<Feed, 'publish'>,
    private readonly queue: Pick<SerialQueue, 'enqueue'>,
    private readonly cap = new RejectionCap(),
  ) {}

  /** A bridge's `rejected` report: journaled in capture order if the tab's cap admits it. */
  report(r: Rejection, who: { tabId: number }): void {
    const { journal, summary } = this.cap.admit(who.tabId, r.count);
    if (summary) this.queue.enqueue(() => this.summary(summary.tabId, summary.count));
    if (journal) this.queue.enqueue(() => this.reject(r, who));
    else this.scheduleFlush();
  }

  async reject(r: Rejection, who: { tabId: number }): Promise<void> {
    const entry: JournalEntry = { kind: 'rejected', at: Date.now(), eventId: '', tabId: who.tabId, ...r };
    entry.seq = await this.journal.append(entry);
    this.feed.publish(entry);
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      for (const s of this.cap.flush()) this.queue.enqueue(() => this.summary(s.tabId, s.count));
    }, this.cap.windowMs + 500);
  }

  private summary(tabId: number, count: number): Promise<void> {
    return this.reject({ origin: '', reason: capSummaryReason(count, this.cap.max), count }, { tabId });
  }
}
