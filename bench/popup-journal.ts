// 7. The popup's first screen with a large journal (5,000 events, the default journalLimit) against the
// same popup with an empty journal, same browser, same CRM tab, same run. The e2e test of the large
// journal (test/e2e/popup-large-journal.test.ts) asserts the behaviour only (bounded rows, paging).

import type { JournalEntry } from '../src/journal/types';
import { startDemoServers } from '../test/harness/servers';
import {
  benchBuildDir,
  configure,
  openCrm,
  roxSettings,
  send,
  startEnv,
  waitFor,
  workspaceDetected,
} from './lib/env';
import { timeLoad } from './lib/popup-timing';
import { emitAtRate, parseStamp } from './lib/sim';
import { envInt, median, round } from './lib/stats';
import { type BenchResult, figure } from './lib/types';

export async function runPopupJournal(): Promise<Omit<BenchResult, 'durationMs'>> {
  const loads = Math.max(1, envInt('BENCH_POPUP_LOADS', 7));
  const count = Math.max(1, envInt('BENCH_POPUP_JOURNAL_EVENTS', 5000));
  const journalLimit = Math.min(100_000, Math.max(5000, count));
  const tag = 'popupj';

  const servers = await startDemoServers();
  const env = await startEnv(benchBuildDir(), servers);
  const empty: number[] = [];
  const first: number[] = [];
  const rows: number[] = [];
  let journaledMs = Number.NaN;
  try {
    // No rules (the inspector, not the CRM); the journal keeps every event of the run.
    await configure(env, roxSettings(servers, { journalLimit }));
    const { frame } = await openCrm(env.browser, servers);
    await workspaceDetected(env.browser, servers.crm.origin);
    await send(env.browser, { type: 'journal.clear' });
    const ext = await env.browser.extPage();
    const tabId = await ext.evaluate(async (origin) => {
      const c = (
        globalThis as unknown as {
          chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
        }
      ).chrome;
      return (await c.tabs.query({})).find((t) => t.url?.startsWith(origin))?.id;
    }, servers.crm.origin);
    // The popup of the CRM tab, as the toolbar button opens it (the e2e tests open this URL too).
    const url = `chrome-extension://${env.browser.extensionId}/popup.html?tab=${tabId}`;

    // Baseline: the same popup with an empty journal (first render = the empty state).
    await timeLoad(env.browser, url, 'first');
    for (let i = 0; i < loads; i++) empty.push((await timeLoad(env.browser, url, 'first')).first);

    const t0 = Date.now();
    await emitAtRate(frame, { count, perSecond: 2500, tag, chats: 50 });
    await waitFor(
      async () => {
        const r = await send<{ entries: JournalEntry[] }>(env.browser, { type: 'journal.recent', limit: 1 });
        const e = r.entries[0];
        return e?.kind === 'event' && (parseStamp(e.event.message?.text, tag)?.index ?? -1) >= count - 1;
      },
      `${count} events journaled`,
      180_000,
      250,
    );
    journaledMs = Date.now() - t0;

    await timeLoad(env.browser, url, 'row');
    for (let i = 0; i < loads; i++) {
      const t = await timeLoad(env.browser, url, 'row');
      first.push(t.first);
      rows.push(t.row ?? Number.NaN);
    }
  } finally {
    await env.close();
    await servers.close();
  }
  const m = (xs: number[]) => round(median(xs), 1);
  return {
    id: 'popup-journal',
    title: `Popup first screen with ${count.toLocaleString('en-US')} journaled events`,
    params: { popupLoads: loads, journalEvents: count, journalLimit },
    figures: [
      figure('popup first render, empty journal (empty state)', m(empty), 'ms'),
      figure(
        `popup first screen (first rows rendered), ${count} events in the journal`,
        m(rows),
        'ms',
        m(empty),
        'empty journal',
      ),
    ],
    budgets: [],
    notes: [
      `Popup of the demo CRM tab (popup.html?tab=<id>); time from navigation start (performance.now() in the page) until a MutationObserver installed at document start sees [data-testid=empty] or [data-testid=row]; median of ${loads} loads after one warm-up load, each in a fresh tab. Baseline: the same popup, same tab and browser, with the journal cleared, measured just before the events were sent.`,
      `${count} newMessageAdded events (unique texts, 50 chats, no rules) sent by the Rox.Chat simulator at up to 2,500/s, journaled after ${round(journaledMs / 1000, 1)} s; journalLimit ${journalLimit}.`,
      `The list loads the newest 200 entries whatever the journal size, so the ratio is what reading and rendering them costs with a full journal against an empty one. ${
        first.every((f, i) => f === rows[i])
          ? 'Nothing was rendered before the rows (no empty state while the snapshot was on its way).'
          : 'Some loads rendered the empty state before the rows (raw.popupMs.first).'
      }`,
      'The bench build runs React in development mode (see the Popup method note); the ratio is what matters.',
    ],
    raw: { popupMs: { empty, first, rows }, journaledMs },
  };
}
