// The popup's time to first render as the benchmarks measure it: from navigation start (performance.now()
// in the page) until a MutationObserver installed at document start sees the empty state or a row.
import type { Page } from 'playwright-core';
import { type Launched, waitFor } from '../../test/harness/browser';

/** Records, from document start, when the first element matching each selector enters the DOM. */
const OBSERVER = `(() => {
  const marks = {};
  window.__benchMarks = marks;
  const sels = { empty: '[data-testid="empty"]', row: '[data-testid="row"]' };
  const check = () => {
    for (const k in sels) if (marks[k] === undefined && document.querySelector(sels[k])) marks[k] = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

/**
 * Loads `url` in a fresh tab and returns when the empty state or a row first appeared (`first`) and when
 * a row did (`row`); `want: 'row'` waits for a row.
 */
export async function timeLoad(
  browser: Launched,
  url: string,
  want: 'first' | 'row',
): Promise<{ first: number; row?: number }> {
  const page: Page = await browser.ctx.newPage();
  try {
    await page.addInitScript(OBSERVER);
    await page.goto(url);
    const marks = await waitFor(async () => {
      const m = await page.evaluate(
        () => (window as unknown as { __benchMarks?: { empty?: number; row?: number } }).__benchMarks,
      );
      if (!m) return undefined;
      if (want === 'row') return m.row !== undefined ? m : undefined;
      return m.empty !== undefined || m.row !== undefined ? m : undefined;
    }, `${want} render of ${url}`);
    const first = Math.min(marks.empty ?? Number.POSITIVE_INFINITY, marks.row ?? Number.POSITIVE_INFINITY);
    return { first, row: marks.row };
  } finally {
    await page.close();
  }
}
