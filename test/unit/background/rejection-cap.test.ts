// The worker's per-tab bound on rejection reports (issue 14 item 10): a page with many frames has many
// bridges, each bounded on its own; the worker bounds what one tab can journal.
import { describe, expect, it } from 'vitest';
import { capSummaryReason, RejectionCap } from '../../../src/background/rejection-cap';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('RejectionCap', () => {
  it.each([
    ['100 frames of one tab, 10 reports each', 100, 10],
    ['one frame flooding', 1, 1_000],
  ])('%s: at most max reports a window are journaled, the rest counted in one summary', (_n, frames, each) => {
    const c = clock();
    const cap = new RejectionCap(c.now);
    let journaled = 0;
    let counted = 0;
    for (let f = 0; f < frames; f++)
      for (let i = 0; i < each; i++) {
        const r = cap.admit(7, 3);
        if (r.journal) journaled++;
      }
    c.advance(cap.windowMs);
    for (const s of cap.flush()) counted += s.count;
    expect(journaled).toBe(cap.max);
    expect(counted).toBe((frames * each - cap.max) * 3);
  });

  it('tabs are bounded apart: a flooding tab does not silence another', () => {
    const cap = new RejectionCap(clock().now);
    for (let i = 0; i < 500; i++) cap.admit(1, 1);
    expect(cap.admit(2, 1).journal).toBe(true);
  });

  it('the next window journals again, and hands over the previous window’s summary once', () => {
    const c = clock();
    const cap = new RejectionCap(c.now);
    for (let i = 0; i < cap.max + 5; i++) cap.admit(1, 1);
    c.advance(cap.windowMs);
    const next = cap.admit(1, 1);
    expect(next).toEqual({ journal: true, summary: { tabId: 1, count: 5 } });
    expect(cap.flush()).toEqual([]);
  });

  it('says what happened in a plain sentence', () => {
    expect(capSummaryReason(1234, 20)).toBe(
      '1,234 more rejections from this tab were counted but not itemised: more than 20 rejection reports in 20 seconds (the page may be flooding the journal from many frames)',
    );
  });
});
