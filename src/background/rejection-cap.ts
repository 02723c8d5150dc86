/**
 * The worker's own bound on rejection reports per tab (issue 14 item 10). Each bridge already bounds
 * what it itemises per minute (src/content/rejections.ts), but a page can open many frames on a
 * configured site, each with its own bridge: without this a page could still push the real audit trail
 * out of the bounded journal. Per tab and per window (20 s) the first `max` reports are journaled as sent; the
 * rest are counted and journaled as one summary when the window ends (or the next report after it).
 */
export interface CappedReport {
  tabId: number;
  count: number;
}

export class RejectionCap {
  private readonly windows = new Map<number, { start: number; reports: number; dropped: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly max = 20,
    /** Short enough that the summary timer fires before an idle worker is stopped (30 s). */
    readonly windowMs = 20_000,
  ) {}

  /**
   * `journal` when the report may be journaled as is; otherwise undefined (it was counted). A summary
   * of what the previous minute dropped is returned alongside, once, for the caller to journal.
   */
  admit(tabId: number, count: number): { journal: boolean; summary?: CappedReport } {
    const now = this.now();
    let w = this.windows.get(tabId);
    let summary: CappedReport | undefined;
    if (!w || now - w.start >= this.windowMs) {
      if (w && w.dropped > 0) summary = { tabId, count: w.dropped };
      w = { start: now, reports: 0, dropped: 0 };
      this.windows.set(tabId, w);
      if (this.windows.size > 1000) this.evict(now);
    }
    if (w.reports < this.max) {
      w.reports++;
      return { journal: true, summary };
    }
    w.dropped += count;
    return { journal: false, summary };
  }

  /** Summaries of minutes that ended with drops and saw no report since (called on a timer or alarm). */
  flush(): CappedReport[] {
    const now = this.now();
    const out: CappedReport[] = [];
    for (const [tabId, w] of this.windows) {
      if (now - w.start < this.windowMs) continue;
      if (w.dropped > 0) out.push({ tabId, count: w.dropped });
      this.windows.delete(tabId);
    }
    return out;
  }

  private evict(now: number): void {
    for (const [tabId, w] of this.windows)
      if (now - w.start >= this.windowMs && w.dropped === 0) this.windows.delete(tabId);
  }
}

export const capSummaryReason = (count: number, max: number) =>
  `${count.toLocaleString('en')} more rejections from this tab were counted but not itemised: more than ${max} rejection reports in 20 seconds (the page may be flooding the journal from many frames)`;
