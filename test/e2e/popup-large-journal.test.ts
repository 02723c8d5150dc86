import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/journal/types';
import { ARTIFACTS, popupSuite, rows, rowWith, settings } from './popup-driver';
import { configure, send, waitFor } from './setup';

// How long the first screen takes with 5,000 journaled events is `npm run bench` (bench/popup-journal.ts),
// as a ratio to the empty journal: this test asserts behaviour only.

const p = popupSuite();

describe('popup: a large journal', () => {
  it('with 5,000 journaled events the first screen shows the newest event and the rendered rows stay bounded while scrolling loads more', async () => {
    const { env, crm } = p;
    await configure(env, settings(env, [])); // no actions: this is about the inspector, not the CRM
    const n = 5000;
    await crm.frame.evaluate((count) => {
      const sim = (window as unknown as { sim: { emit(e: string, p: unknown): void } }).sim;
      for (let i = 0; i < count; i++) {
        sim.emit('newMessageAdded', {
          roxchatVisitorId: 'bulk-visitor',
          providedVisitorId: null,
          chatId: 10_000 + (i % 50),
          sessionId: 'bulk',
          kind: i % 2 ? 'visitor' : 'operator',
          messageText: `bulk message ${i}`,
          siebelId: null,
        });
      }
    }, n);
    await waitFor(
      async () => {
        const r = await send<{ entries: JournalEntry[] }>(env.browser, { type: 'journal.recent', limit: 1 });
        const e = r.entries[0];
        return e?.kind === 'event' && e.event.message?.text === `bulk message ${n - 1}` ? true : undefined;
      },
      '5,000 events journaled',
      120_000,
      250,
    );

    // The first screen shows the newest event.
    const popup = await p.openPopup();
    await rowWith(popup, `bulk message ${n - 1}`).waitFor();
    const loaded = async () => Number(await popup.getByTestId('events').getAttribute('data-count'));
    expect(await loaded()).toBe(200);
    expect(await rows(popup).count()).toBeLessThan(100);

    const scroller = popup.getByTestId('list-scroller');
    let max = 0;
    for (let i = 0; i < 12; i++) {
      const before = await loaded();
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect.poll(loaded, { timeout: 15_000 }).toBeGreaterThan(before);
      max = Math.max(max, await rows(popup).count());
    }
    expect(await loaded()).toBeGreaterThanOrEqual(2600);
    expect(max).toBeLessThan(100);
    // The rows at the scroll position are the old ones; the newest are not in the DOM any more.
    expect(await rowWith(popup, `bulk message ${n - 1}`).count()).toBe(0);
    // Filtering the 2,600+ loaded entries stays bounded too.
    await popup.getByTestId('filter-text').fill('"bulk message 42"');
    await expect.poll(() => rows(popup).count()).toBeGreaterThan(0);
    expect(await rows(popup).count()).toBeLessThan(100);
    await popup.screenshot({ path: join(ARTIFACTS, 'list-5000.png') });

    // A live burst while the popup is open and scrolled: every entry arrives, the DOM stays bounded.
    await popup.getByTestId('filter-text').fill('');
    const total = async () => {
      const text = (await popup.getByTestId('count').textContent()) ?? '';
      // The count is formatted for the UI's language (formatNumber: "5,000", "5.000", "5 000"): read its digits.
      return text.includes('/') ? -1 : Number(text.replace(/\D/g, '') || Number.NaN);
    };
    // Scrolled deep but off the bottom: at the bottom the list loads older pages by itself, which would
    // add to the count while the burst is counted.
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await expect.poll(total).toBeGreaterThan(0);
    let before = await total();
    await expect
      .poll(
        async () => {
          const now = await total();
          const same = now === before;
          before = now;
          return same;
        },
        { interval: 500 },
      )
      .toBe(true);
    await crm.frame.evaluate(() => {
      const sim = (window as unknown as { sim: { emit(e: string, p: unknown): void } }).sim;
      for (let i = 0; i < 500; i++) {
        sim.emit('newMessageAdded', {
          roxchatVisitorId: 'live-visitor',
          providedVisitorId: null,
          chatId: 20_000,
          sessionId: 'live',
          kind: 'visitor',
          messageText: `live burst ${i}`,
          siebelId: null,
        });
      }
    });
    await expect.poll(total, { timeout: 60_000 }).toBe(before + 500);
    expect(await rows(popup).count()).toBeLessThan(100);
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await rowWith(popup, 'live burst 499').waitFor();
    await popup.close();
  }, 240_000);
});
