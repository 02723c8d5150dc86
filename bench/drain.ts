// Drain after an outage (issue 16): N actions are queued while the demo CRM API answers 503 (no
// Retry-After), then the API recovers and the outbox drains them. Reported as actions/s from the first
// delivery after recovery to the last, against a plain `fetch` loop from the same worker to the same
// server (same browser, same run): one request at a time, and four at a time (the outbox's width).
import type { Worker } from 'playwright-core';
import { startDemoServers } from '../test/harness/servers';
import {
  benchBuildDir,
  configure,
  noteRule,
  openCrm,
  roxSettings,
  startEnv,
  waitFor,
  workspaceDetected,
} from './lib/env';
import { quietCrmPage } from './lib/quiet';
import { emitAtRate, parseStamp } from './lib/sim';
import { envInt, round, sleep } from './lib/stats';
import { ArrivalTap, epochNow } from './lib/tap';
import { type BenchResult, figure } from './lib/types';

const ENDPOINT = '/api/notes';

/** Rows in the extension's outbox store (read in its worker, straight from IndexedDB). */
function outboxRows(w: Worker): Promise<number> {
  return w.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('crm-bridge');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const q = db.transaction('outbox').objectStore('outbox').count();
      q.onsuccess = () => { db.close(); resolve(q.result); };
      q.onerror = () => { db.close(); reject(q.error); };
    };
  })`) as Promise<number>;
}

/**
 * The baseline: `n` POSTs of the same shape (JSON body, an Idempotency-Key each) from the extension's
 * worker, `width` loops at once, each awaiting its answer's body before the next request.
 */
function fetchLoop(w: Worker, url: string, n: number, width: number, tag: string): Promise<number> {
  return w.evaluate(`(async () => {
    let next = 0;
    const one = async () => {
      for (let i = next++; i < ${n}; i = next++) {
        const r = await fetch(${JSON.stringify(url)}, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': ${JSON.stringify(tag)} + '-' + i },
          body: JSON.stringify({ text: ${JSON.stringify(tag)} + '|' + i + '|0', chat: String(1000 + (i % 50)) }),
          credentials: 'omit',
        });
        await r.text();
      }
    };
    await Promise.all(Array.from({ length: ${width} }, one));
    return ${n};
  })()`) as Promise<number>;
}

/** Requests per second between the first and the last POST arrival (the tap's clock). */
function rate(arrivals: number[]): { perSecond: number; spanMs: number } {
  const first = Math.min(...arrivals);
  const last = Math.max(...arrivals);
  const spanMs = last - first;
  return { perSecond: spanMs > 0 ? ((arrivals.length - 1) * 1000) / spanMs : Number.NaN, spanMs };
}

export async function runDrain(): Promise<Omit<BenchResult, 'durationMs'>> {
  const count = envInt('BENCH_DRAIN_ACTIONS', 1000);
  const chats = envInt('BENCH_DRAIN_CHATS', 50);
  const emitRate = envInt('BENCH_DRAIN_RATE', 500);
  const queueTimeout = envInt('BENCH_DRAIN_QUEUE_S', 120) * 1000;
  const drainTimeout = envInt('BENCH_DRAIN_MAX_S', 180) * 1000;
  const tag = 'drain';

  const servers = await startDemoServers();
  const tap = new ArrivalTap(servers.crm.server);
  const env = await startEnv(benchBuildDir(), servers);
  const url = `${servers.crm.origin}${ENDPOINT}`;
  const posts = () => tap.posts(ENDPOINT).map((a) => a.at);
  try {
    await configure(
      env,
      roxSettings(servers, {
        rules: [noteRule(servers.crm.origin)],
        journalLimit: Math.max(5000, count * 2),
      }),
    );
    const { frame } = await openCrm(env.browser, servers, quietCrmPage);
    await workspaceDetected(env.browser, servers.crm.origin);
    const w = await env.browser.worker();

    // Baselines first, on a healthy API: one loop, then four loops at once (each after a warm-up).
    const baseline = async (width: number) => {
      await fetchLoop(w, url, 50, width, `warm${width}`);
      tap.reset();
      await fetchLoop(w, url, count, width, `base${width}`);
      return rate(posts());
    };
    const base1 = await baseline(1);
    const base4 = await baseline(4);
    servers.api.reset();

    // The outage: 503 (no Retry-After) on every POST to the endpoint until recovery.
    servers.api.inject({ status: 503, times: 1_000_000_000, path: ENDPOINT });
    const queueStart = epochNow();
    await emitAtRate(frame, { count, perSecond: emitRate, tag, chats });
    await waitFor(async () => (await outboxRows(w)) >= count, `${count} actions queued`, queueTimeout, 250);
    const queuedMs = epochNow() - queueStart;
    const attemptsDuringOutage = servers.api.received.filter((r) => r.status === 503).length;
    await sleep(1000);

    // Recovery.
    servers.api.clearFaults();
    tap.reset();
    const recoveredAt = epochNow();
    const delivered = () => {
      const got = new Set<number>();
      for (const n of servers.api.notes) {
        const i = parseStamp(n.text, tag)?.index;
        if (i !== undefined) got.add(i);
      }
      return got.size;
    };
    await waitFor(() => delivered() >= count || undefined, `${count} drained`, drainTimeout, 100);
    const doneAt = epochNow();
    const arrivals = tap.posts(ENDPOINT);
    // From the first request that succeeded (the breaker's probe) to the last: the drain itself.
    const okFrom = arrivals.map((a) => a.at);
    const drain = rate(okFrom);
    const keys = servers.api.received
      .filter((r) => r.method === 'POST' && r.path.startsWith(ENDPOINT) && r.status < 300)
      .map((r) => r.headers['idempotency-key']);
    await sleep(500);
    const left = await outboxRows(w);

    const firstMs = (okFrom[0] ?? doneAt) - recoveredAt;
    return {
      id: 'drain',
      title: `Drain after an outage (${count} actions queued while the API answered 503)`,
      params: { count, chats, emitRate },
      figures: [
        figure(
          'drain rate',
          round(drain.perSecond, 1),
          'actions/s',
          round(base1.perSecond, 1),
          'plain fetch loop',
        ),
        figure(
          'drain rate vs four loops',
          round(drain.perSecond, 1),
          'actions/s',
          round(base4.perSecond, 1),
          'four plain fetch loops at once',
        ),
        figure('drain time (first → last delivery)', round(drain.spanMs / 1000, 2), 's'),
        figure('recovery → first delivery (breaker probe)', round(firstMs / 1000, 2), 's'),
        figure('recovery → all delivered', round((doneAt - recoveredAt) / 1000, 2), 's'),
        figure('actions delivered', delivered(), 'actions', count, 'queued'),
      ],
      budgets: [
        {
          label: 'every queued action delivered once, none dead-lettered',
          limit: `${count} distinct, 0 left`,
          actual: delivered(),
          unit: 'actions',
          met: delivered() === count && left === 0,
        },
      ],
      notes: [
        `${count} message.created events from the Rox.Chat simulator at ${emitRate}/s over ${chats} conversations (rule: POST note); all ${count} outbox rows were written ${round(queuedMs / 1000, 1)} s after the first send; the API had answered ${attemptsDuringOutage} attempts with 503 meanwhile (the breaker then sends one probe at a time).`,
        'Rates count requests between the first and the last arrival at the API (Node request tap, high-resolution clock): (requests − 1) / span. The drain starts with the breaker probe that succeeds after recovery; the wait for that probe (jittered, up to 60 s) is reported apart.',
        `Baselines, in the same browser before the outage: ${count} POSTs from the extension's service worker with fetch(), awaiting each answer: one loop ${round(base1.perSecond, 1)}/s, four loops at once ${round(base4.perSecond, 1)}/s. The outbox sends up to 4 at once, one per conversation, and writes the journal outcome and removes the row per delivery.`,
        `Successful POSTs during the drain: ${keys.length} for ${new Set(keys).size} Idempotency-Keys; outbox rows left after the drain: ${left}.`,
      ],
      raw: { base1, base4, drain, firstMs, queuedMs, attemptsDuringOutage, left, posts: arrivals.length },
    };
  } finally {
    tap.detach();
    await env.close();
    await servers.close();
  }
}
