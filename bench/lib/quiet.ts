import type { Page } from 'playwright-core';

/**
 * Blocks the demo CRM page's own 700 ms polling of /api/notes and /api/contacts (answered with [] by
 * Playwright routing), so the page does not re-render thousands of notes while a benchmark measures.
 */
export async function quietCrmPage(page: Page): Promise<void> {
  await page.route(/\/api\/(notes|contacts)$/, (route) =>
    route.request().method() === 'GET'
      ? route.fulfill({ status: 200, contentType: 'application/json', body: '[]' })
      : route.continue(),
  );
}
