// 4. Bundle sizes of the bench build against the DESIGN.md budgets, and the popup's time to first render
// (chrome-extension://<id>/popup.html until the empty state or the first row is in the DOM) against a
// trivial extension page measured the same way.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
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
import { writeRelayExtension } from './lib/relay';
import { emitAtRate, parseStamp } from './lib/sim';
import { envInt, median, round } from './lib/stats';
import { type BenchResult, type Budget, type Figure, figure } from './lib/types';

const KB = 1024;
const BUDGETS: Record<string, number> = { bridge: 15 * KB, hook: 3 * KB };

function sizes(dir: string): { figures: Figure[]; budgets: Budget[]; raw: Record<string, unknown> } {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no bench build at ${dir}`);
  const figures: Figure[] = [];
  const budgets: Budget[] = [];
  const raw: Record<string, { bytes: number; gzip: number }> = {};
  const files = readdirSync(dir)
    .filter((f) => f === 'bridge.js' || /^hook-.*\.js$/.test(f))
    .sort();
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    const budget = f === 'bridge.js' ? (BUDGETS.bridge as number) : (BUDGETS.hook as number);
    raw[f] = { bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    figures.push(figure(`${f} (minified)`, buf.length, 'B', budget, 'budget'));
    budgets.push({
      label: f,
      limit: `≤ ${budget / KB} KB (${budget} B)`,
      actual: buf.length,
      unit: 'B',
      met: buf.length <= budget,
    });
  }
  const measure = (...parts: string[]) => {
    const buf = readFileSync(join(dir, ...parts));
    return { bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  };
  if (existsSync(join(dir, 'background.js'))) raw['background.js'] = measure('background.js');
  if (existsSync(join(dir, 'chunks')))
    for (const f of readdirSync(join(dir, 'chunks')).filter((x) => x.endsWith('.js')))
      raw[`chunks/${f}`] = measure('chunks', f);
  return { figures, budgets, raw };
}

export async function runSizes(): Promise<Omit<BenchResult, 'durationMs'>> {
  const loads = Math.max(1, envInt('BENCH_POPUP_LOADS', 7));
  const entries = envInt('BENCH_POPUP_ENTRIES', 300);
  const dir = benchBuildDir();
  const s = sizes(dir);

  const servers = await startDemoServers();
  const relay = writeRelayExtension({ crmOrigin: servers.crm.origin, endpointPath: '/api/notes' });
  const bare: number[] = [];
  const empty: number[] = [];
  const first: number[] = [];
  const rows: number[] = [];
  try {
    // Baseline: a trivial extension page (one script appends one element).
    const base = await startEnv(relay.dir, servers);
    try {
      const url = `chrome-extension://${base.browser.extensionId}/page.html`;
      await timeLoad(base.browser, url, 'first');
      for (let i = 0; i < loads; i++) bare.push((await timeLoad(base.browser, url, 'first')).first);
    } finally {
      await base.close();
    }

    const env = await startEnv(dir, servers);
    try {
      await configure(env, roxSettings(servers));
      const popup = `chrome-extension://${env.browser.extensionId}/popup.html`;
      // Empty journal: the first render is the empty state.
      await timeLoad(env.browser, popup, 'first');
      for (let i = 0; i < loads; i++) empty.push((await timeLoad(env.browser, popup, 'first')).first);
      // A journal with entries from a CRM tab: first render, and the first row (after the port snapshot).
      const { frame } = await openCrm(env.browser, servers);
      await workspaceDetected(env.browser, servers.crm.origin);
      await emitAtRate(frame, { count: entries, perSecond: 500, tag: 'popup' });
      await waitFor(
        async () => {
          const r = await send<{ entries: Array<{ kind: string; event?: { message?: { text?: string } } }> }>(
            env.browser,
            { type: 'journal.recent', limit: 1 },
          );
          return (parseStamp(r.entries[0]?.event?.message?.text, 'popup')?.index ?? -1) >= entries - 1;
        },
        `${entries} events journaled`,
        180_000,
        250,
      );
      const ext = await env.browser.extPage();
      const tabId = await ext.evaluate(async (origin) => {
        const c = (
          globalThis as unknown as {
            chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
          }
        ).chrome;
        return (await c.tabs.query({})).find((t) => t.url?.startsWith(origin))?.id;
      }, servers.crm.origin);
      const url = `${popup}?tab=${tabId}`;
      await timeLoad(env.browser, url, 'row');
      for (let i = 0; i < loads; i++) {
        const t = await timeLoad(env.browser, url, 'row');
        first.push(t.first);
        rows.push(t.row ?? Number.NaN);
      }
    } finally {
      await env.close();
    }
  } finally {
    relay.remove();
    await servers.close();
  }
  const m = (xs: number[]) => round(median(xs), 1);
  const figures: Figure[] = [
    ...s.figures,
    figure(
      'popup first render (empty journal → empty state)',
      m(empty),
      'ms',
      m(bare),
      'trivial extension page',
    ),
    figure(
      `popup first render (${entries} entries in the journal)`,
      m(first),
      'ms',
      m(bare),
      'trivial extension page',
    ),
    figure(
      `popup first row (${entries} entries, after the port snapshot)`,
      m(rows),
      'ms',
      m(bare),
      'trivial extension page',
    ),
  ];
  return {
    id: 'sizes',
    title: 'Bundle sizes and popup time to first render',
    params: { buildDir: process.env.BENCH_BUILD_SOURCE ?? dir, popupLoads: loads, journalEntries: entries },
    figures,
    budgets: s.budgets,
    notes: [
      `Sizes: bytes on disk of the minified bench build (${process.env.BENCH_BUILD_SOURCE ?? dir}); budgets from DESIGN.md (KB = 1,024 B), as scripts/report-sizes.mjs checks them. gzip sizes in results.json.`,
      `Popup: time from navigation start (performance.now() in the page) until a MutationObserver installed at document start sees [data-testid=empty] or [data-testid=row]; median of ${loads} loads after one warm-up load, each in a fresh tab. Baseline: a trivial page of an unpacked extension (one script appending one element), same browser build and flags.`,
      'The bench build is a non-production mode: WXT defines process.env.NODE_ENV as the mode ("bench"), so the popup runs React\'s development build; a production popup renders faster than measured here.',
    ],
    raw: { sizes: s.raw, popupMs: { bare, empty, first, rows } },
  };
}
