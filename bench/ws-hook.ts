// 2. Page overhead of the OneChat WebSocket hook: the same page, on a site configured for OneChat (the
// extension registers hook-onechat.js in its MAIN world) and on one that is not (no extension code at
// all), receives floods of ActionCable frames of no interest (pings and data frames of another channel)
// over a real socket whose URL ends in /cable. Main-thread time from CDP Performance.getMetrics.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CDPSession, Page } from 'playwright-core';
import { type WebSocket as ServerSocket, WebSocketServer } from 'ws';
import { type Listening, listen } from '../test/harness/servers/http';
import { benchBuildDir, configure, send, startEnv, waitFor } from './lib/env';
import { envInt, median, round, sleep } from './lib/stats';
import { type BenchResult, figure } from './lib/types';

const PING = (i: number) => JSON.stringify({ type: 'ping', message: 1_700_000_000 + i });
/** A frame of another ActionCable channel on the same socket: no "event" key, no control type. */
const OTHER = (i: number) =>
  JSON.stringify({
    identifier: JSON.stringify({ channel: 'NotificationsChannel', account_id: 1 }),
    message: { unread: i % 17, items: [{ id: i, title: 'Invoice 2024-0042 paid', at: 1_700_000_000 + i }] },
  });

/** Every 5th frame a ping, the rest data frames of no interest. */
const frameAt = (i: number) => (i % 5 === 0 ? PING(i) : OTHER(i));

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>ws bench</title></head><body>
<p id="state">connecting</p>
<script>
  // Like ActionCable: one socket to <origin>/cable, onmessage parses every frame.
  window.bench = { count: 0, expect: 0, first: 0, last: 0, pings: 0, other: 0, open: false };
  const ws = new WebSocket('ws://' + location.host + '/cable', ['actioncable-v1-json']);
  window.benchSocket = ws;
  ws.onopen = () => { bench.open = true; document.getElementById('state').textContent = 'open'; };
  ws.onmessage = (e) => {
    const now = performance.now();
    if (bench.count === 0) bench.first = now;
    const f = JSON.parse(e.data);
    if (f.type === 'ping') bench.pings++; else bench.other++;
    bench.count++;
    bench.last = now;
  };
</script></body></html>`;

interface FloodServer {
  http: Listening;
  wss: WebSocketServer;
  close(): Promise<void>;
}

async function floodServer(host: string): Promise<FloodServer> {
  const http = await listen(host, 0, [
    (_req, res, url) => {
      if (url.pathname !== '/bench/ws.html') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
      return true;
    },
  ]);
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has('actioncable-v1-json') ? 'actioncable-v1-json' : false),
  });
  (http.server as Server).on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/cable') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws: ServerSocket) => {
      ws.on('error', () => undefined);
      ws.send(JSON.stringify({ type: 'welcome' }));
      ws.on('message', (raw) => {
        const cmd = JSON.parse(raw.toString()) as { command?: string; n?: number };
        if (cmd.command !== 'flood') return;
        for (let i = 0; i < (cmd.n ?? 0); i++) ws.send(frameAt(i));
      });
    });
  });
  return {
    http,
    wss,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await http.close();
    },
  };
}

interface Metrics {
  TaskDuration: number;
  ScriptDuration: number;
}

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const r = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const get = (n: string) => r.metrics.find((m) => m.name === n)?.value ?? Number.NaN;
  return { TaskDuration: get('TaskDuration'), ScriptDuration: get('ScriptDuration') };
}

interface Run {
  taskMs: number;
  scriptMs: number;
  wallMs: number;
}

/**
 * A page-world copy of the hook's per-frame check (MessageEvent data getter, ping prefix, then the
 * `"event"` and `"type":"` scans, then the control type at that position), as an expression
 * evaluating to a listener.
 */
const REPLICA = `(() => {
  const dataGet = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data').get;
  const keys = ['welcome"', 'confirm_subscription"', 'reject_subscription"', 'disconnect"'];
  return (e) => {
    const d = Reflect.apply(dataGet, e, []);
    if (typeof d !== 'string' || d.startsWith('{"type":"ping"')) return;
    let ok = d.indexOf('"event"') >= 0;
    const t = ok ? -1 : d.indexOf('"type":"');
    for (let k = 0; t >= 0 && !ok && k < keys.length; k++) ok = d.startsWith(keys[k], t + 8);
    if (ok) window.__replicaHits = (window.__replicaHits || 0) + 1;
  };
})()`;

/** Rounds of synthetic dispatch per variant (medians reported). */
const SYNTH_ROUNDS = 9;

type PageState = { count: number; first: number; last: number; open: boolean };
const state = (page: Page) => page.evaluate(() => (window as unknown as { bench: PageState }).bench);

async function flood(page: Page, cdp: CDPSession, frames: number, replica = false): Promise<Run> {
  await page.bringToFront();
  if (replica)
    await page.evaluate(`window.benchSocket.addEventListener('message', (window.__replica = ${REPLICA}))`);
  await page.evaluate(() => {
    const b = (window as unknown as { bench: PageState }).bench;
    b.count = 0;
  });
  await sleep(200);
  const before = await metrics(cdp);
  await page.evaluate((n) => {
    (window as unknown as { benchSocket: WebSocket }).benchSocket.send(
      JSON.stringify({ command: 'flood', n }),
    );
  }, frames);
  await waitFor(async () => (await state(page)).count >= frames, `${frames} frames received`, 120_000, 50);
  const after = await metrics(cdp);
  const s = await state(page);
  if (replica) await page.evaluate(`window.benchSocket.removeEventListener('message', window.__replica)`);
  return {
    taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
    scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
    wallMs: s.last - s.first,
  };
}

/**
 * In-page: dispatches synthetic MessageEvents on the page's socket; every listener (the hook's too) runs.
 * `extra` adds a listener of the page's own for the measurement: an empty one (the price of one more
 * listener call) or a replica of the hook's check (getter read, ping prefix, two indexOf scans for these frames).
 */
async function syntheticDispatch(
  page: Page,
  frames: number,
  extra: 'none' | 'empty' | 'replica' = 'none',
): Promise<number> {
  return page.evaluate(
    `(() => {
      const ws = window.benchSocket;
      const frames = [];
      for (let i = 0; i < 1000; i++) frames.push(i % 5 === 0 ? ${JSON.stringify(PING(0))} : ${JSON.stringify(OTHER(0))});
      const listeners = { none: null, empty: () => {}, replica: ${REPLICA} };
      const l = listeners[${JSON.stringify(extra)}];
      if (l) ws.addEventListener('message', l);
      const saved = window.bench.count;
      const t = performance.now();
      for (let i = 0; i < ${frames}; i++) ws.dispatchEvent(new MessageEvent('message', { data: frames[i % 1000] }));
      const took = performance.now() - t;
      if (l) ws.removeEventListener('message', l);
      window.bench.count = saved;
      return took;
    })()`,
  ) as Promise<number>;
}

export async function runWsHook(): Promise<Omit<BenchResult, 'durationMs'>> {
  const frames = envInt('BENCH_WS_FRAMES', 50_000);
  const chunk = Math.max(1, Math.min(frames, envInt('BENCH_WS_CHUNK', 5000)));
  const pairs = Math.max(1, Math.round(frames / chunk));
  const synthFrames = Math.max(1000, envInt('BENCH_WS_SYNTH_FRAMES', 20_000));
  const hooked = await floodServer('127.0.0.2');
  const plain = await floodServer('127.0.0.3');
  const env = await startEnv(benchBuildDir());
  const runs: Record<'hook' | 'none' | 'replica', Run[]> = { hook: [], none: [], replica: [] };
  const synthetic: Record<'hook' | 'none' | 'empty' | 'replica', number[]> = {
    hook: [],
    none: [],
    empty: [],
    replica: [],
  };
  let hookInstalled = false;
  try {
    await configure(env, {
      sites: [
        {
          id: 'onechat',
          name: 'OneChat (bench)',
          matches: [`${hooked.http.origin}/*`],
          platforms: { onechat: {} },
        },
      ],
      rules: [],
    });
    const open = async (origin: string) => {
      const page = await env.browser.ctx.newPage();
      await page.goto(`${origin}/bench/ws.html`);
      await waitFor(async () => (await state(page)).open, 'socket open');
      const cdp = await env.browser.ctx.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      return { page, cdp };
    };
    const withHook = await open(hooked.http.origin);
    const without = await open(plain.http.origin);
    // The hook replaces window.WebSocket by a Proxy, whose source text is no longer `function WebSocket()`.
    const nativeWs = (p: Page) =>
      p.evaluate(() => Function.prototype.toString.call(WebSocket).includes('WebSocket'));
    hookInstalled = !(await nativeWs(withHook.page));
    if (!hookInstalled) throw new Error('hook-onechat.js is not installed on the configured page');
    if (!(await nativeWs(without.page))) throw new Error('the unconfigured page has a modified WebSocket');
    // Warm-up: one small flood each.
    await flood(withHook.page, withHook.cdp, Math.min(5000, chunk));
    await flood(without.page, without.cdp, Math.min(5000, chunk));
    // Alternating chunks, so load from other processes hits every variant alike; pairs compared.
    // 'replica': the plain page with a page-world copy of the hook's check as one more listener.
    for (let r = 0; r < pairs; r++) {
      const order =
        r % 2 === 0 ? (['none', 'hook', 'replica'] as const) : (['replica', 'hook', 'none'] as const);
      for (const v of order) {
        const p = v === 'hook' ? withHook : without;
        runs[v].push(await flood(p.page, p.cdp, chunk, v === 'replica'));
      }
    }
    // Rotating order, so a load spike from another process does not always hit the same variant.
    const variants = ['none', 'hook', 'empty', 'replica'] as const;
    for (let r = 0; r < SYNTH_ROUNDS; r++) {
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(r + k) % variants.length] as (typeof variants)[number];
        const ms =
          v === 'hook'
            ? await syntheticDispatch(withHook.page, synthFrames)
            : await syntheticDispatch(without.page, synthFrames, v === 'none' ? 'none' : v);
        synthetic[v].push(ms);
      }
    }
    // Sanity: none of those frames reached the worker as events (they are of no interest).
    const journal = await send<{ entries: Array<{ kind: string }> }>(env.browser, {
      type: 'journal.recent',
      limit: 100,
    });
    if (journal.entries.some((e) => e.kind === 'event'))
      throw new Error('frames of no interest were journaled');
  } finally {
    await env.close();
    await hooked.close();
    await plain.close();
  }

  const sum = (v: 'hook' | 'none' | 'replica', k: keyof Run) => runs[v].reduce((a, x) => a + x[k], 0);
  const total = pairs * chunk;
  const perFrameUs = (ms: number) => round((ms * 1000) / total, 3);
  const task = {
    hook: sum('hook', 'taskMs'),
    none: sum('none', 'taskMs'),
    replica: sum('replica', 'taskMs'),
  };
  const replicaRatios = runs.replica.map((h, i) => h.taskMs / (runs.none[i]?.taskMs ?? Number.NaN));
  const script = { hook: sum('hook', 'scriptMs'), none: sum('none', 'scriptMs') };
  const synth = {
    hook: median(synthetic.hook),
    none: median(synthetic.none),
    empty: median(synthetic.empty),
    replica: median(synthetic.replica),
  };
  const perUs = (ms: number) => round((ms * 1000) / synthFrames, 3);
  const pairRatios = runs.hook.map((h, i) => h.taskMs / (runs.none[i]?.taskMs ?? Number.NaN));
  const ratio = median(pairRatios);
  const pooled = task.hook / task.none;
  const hookUs = ((synth.hook - synth.none) * 1000) / synthFrames;
  return {
    id: 'ws-hook',
    title: 'Page overhead of the OneChat WebSocket hook (frames of no interest)',
    params: { frames: total, chunk, pairs, mix: '1 ping : 4 data frames of another channel' },
    figures: [
      figure(
        `main-thread TaskDuration, ${total} frames`,
        round(task.hook, 1),
        'ms',
        round(task.none, 1),
        'same page, no hook',
      ),
      figure(
        `ScriptDuration, ${total} frames`,
        round(script.hook, 1),
        'ms',
        round(script.none, 1),
        'same page, no hook',
      ),
      figure(
        'main-thread time per frame',
        perFrameUs(task.hook),
        'µs',
        perFrameUs(task.none),
        'same page, no hook',
      ),
      figure(`median of ${pairs} paired ${chunk}-frame TaskDuration ratios`, round(ratio, 3), '×'),
      figure(
        "TaskDuration, plain page + a page-world replica of the hook's check",
        round(task.replica, 1),
        'ms',
        round(task.none, 1),
        'same page, no hook',
      ),
      figure('median paired ratio, replica listener vs none', round(median(replicaRatios), 3), '×'),
      figure(
        'wall time first → last frame, summed',
        round(sum('hook', 'wallMs'), 1),
        'ms',
        round(sum('none', 'wallMs'), 1),
        'same page, no hook',
      ),
      figure(
        `synthetic dispatch of ${synthFrames} MessageEvents (median of ${SYNTH_ROUNDS})`,
        round(synth.hook, 2),
        'ms',
        round(synth.none, 2),
        'same page, no hook',
      ),
      figure('hook cost per frame (synthetic difference)', round(hookUs, 3), 'µs'),
      // Less noisy than the flood pairs on a shared 2-core machine: the synthetic hook cost against the
      // flood's own main-thread time per frame without the hook.
      figure(
        'estimated ratio: 1 + hook cost per frame / page time per frame (flood, no hook)',
        round(1 + hookUs / ((task.none * 1000) / total), 3),
        '×',
      ),
      figure(
        'one more empty listener on the plain page, per frame',
        perUs(synth.empty - synth.none),
        'µs',
        perUs(synth.none),
        'dispatch + onmessage (JSON.parse) per frame',
      ),
      figure(
        "replica of the hook's check as a page listener, per frame",
        perUs(synth.replica - synth.none),
        'µs',
        perUs(synth.empty - synth.none),
        'empty listener',
      ),
    ],
    budgets: [
      {
        label: 'main-thread time, frames of no interest (median paired ratio)',
        limit: '≤ 1.05× without the hook',
        actual: round(ratio, 3),
        unit: '×',
        met: ratio <= 1.05,
      },
    ],
    notes: [
      `Two tabs of one browser with the bench build: the page on 127.0.0.2 (a site configured for OneChat: hook-onechat.js in the MAIN world at document_start, plus the bridge) and the same page on 127.0.0.3 (not configured: no extension script). Checked: the first page's WebSocket is the hook's Proxy, the second's is native.`,
      `Each page opens ws://<own origin>/cable (subprotocol actioncable-v1-json) and JSON.parses every frame in onmessage, like ActionCable. ${pairs} rounds of ${chunk}-frame floods in alternating order over three variants — hook, no hook, and the plain page with a page-world replica of the hook's check as one more listener — (server sends as fast as it can; ${total} frames per variant in all) after a warm-up; TaskDuration/ScriptDuration are CDP Performance.getMetrics deltas (thread ticks) of each page's renderer main thread. Budget on the median of the paired ratios; pooled ratio ${pooled.toFixed(3)}.`,
      `Paired TaskDuration ratios, hook vs none: ${pairRatios.map((x) => x.toFixed(3)).join(', ')}; replica listener vs none: ${replicaRatios.map((x) => x.toFixed(3)).join(', ')}.`,
      `The hook adds no listener of its own to a socket whose page sets onmessage (ActionCable does): it wraps that handler, so the per-frame cost is the check alone. The replica is the same check as one more listener, added by the page itself on the plain page (no extension involved): ${median(replicaRatios).toFixed(2)}× against ${ratio.toFixed(2)}× for the hook; the difference is Blink's price of one more listener call (context entry and microtask checkpoint), the "empty listener" figure. What remains is a MessageEvent.data read and two scans, against a page whose own work per frame is only a JSON.parse of ~150 B. Synthetic split per frame: an empty extra listener ${perUs(synth.empty - synth.none).toFixed(2)} µs, the replica ${perUs(synth.replica - synth.none).toFixed(2)} µs, the hook ${perUs(synth.hook - synth.none).toFixed(2)} µs, the page's own dispatch + onmessage ${perUs(synth.none).toFixed(2)} µs.`,
      "Synthetic dispatch: the page dispatches MessageEvents on its own socket in a loop (no network; MessageEvent construction included), so the difference between the pages is the hook alone: the wrapper around the page's onmessage, one data-getter read, the ping prefix test and, for other frames, two indexOf scans.",
    ],
    raw: { runs, syntheticMs: synthetic, pairRatios, replicaRatios },
  };
}
