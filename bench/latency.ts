// 1. Pipeline latency: postMessage from the Rox.Chat workspace iframe → request received by the CRM API,
// for CRM Bridge (rule message.created → POST note, through validation, journal and outbox) and for a
// bare relay extension (content script → worker → fetch), same servers, simulator and pacing.
import type { EventEntry } from '../src/journal/types';
import type { DemoServers } from '../test/harness/servers';
import { startDemoServers } from '../test/harness/servers';
import {
  benchBuildDir,
  configure,
  journalAll,
  noteRule,
  openCrm,
  roxSettings,
  startEnv,
  waitFor,
  workspaceDetected,
} from './lib/env';
import { quietCrmPage } from './lib/quiet';
import { writeRelayExtension } from './lib/relay';
import { emitAtRate, emitOne, parseStamp } from './lib/sim';
import { envInt, mean, median, percentile, round, sleep } from './lib/stats';
import { type Arrival, ArrivalTap, epochNow } from './lib/tap';
import { type BenchResult, figure } from './lib/types';
import { countWorkerCalls, type Probe, recordFetches, workerProbe } from './lib/worker-probes';

type Variant = 'relay' | 'bridge';
type Stage = 'toWorker' | 'inWorker' | 'toServer' | 'toFetch';

interface RoundResult {
  latencies: number[];
  lost: number;
  /** Median offset of the iframe clock against Node's (ms; positive: iframe ahead). */
  skew: number;
  /** CRM Bridge only: per-stage medians from the journal (whole ms). */
  stages?: { toWorker: number[]; inWorker: number[]; toServer: number[]; toFetch: number[] };
  /** fetch() called in the worker → request at the server (ms; both variants: the network leg). */
  onWire: number[];
  /** CRM Bridge only: cost of the worker's round trips on this machine (ms, medians). */
  probe?: Probe;
  /** CRM Bridge only: IndexedDB transactions (by store:mode), fetches and permission checks per event. */
  perEvent?: Record<string, number>;
}

const ENDPOINT = '/api/notes';

/** Iframe clock minus Node clock, from the tightest of several bracketed reads. */
async function clockSkew(read: () => Promise<number>): Promise<number> {
  let best = { width: Number.POSITIVE_INFINITY, skew: 0 };
  for (let i = 0; i < 15; i++) {
    const before = epochNow();
    const t = await read();
    const after = epochNow();
    if (after - before < best.width) best = { width: after - before, skew: t - (before + after) / 2 };
  }
  return best.skew;
}

async function runVariant(
  variant: Variant,
  extDir: string,
  servers: DemoServers,
  tap: ArrivalTap,
  opts: {
    count: number;
    warmup: number;
    perSecond: number;
    gapMs: number;
    mode: 'closed' | 'paced';
    tag: string;
  },
): Promise<RoundResult> {
  const env = await startEnv(extDir, servers);
  try {
    const crm = servers.crm.origin;
    if (variant === 'bridge') {
      const rule = noteRule(crm, `${crm}${ENDPOINT}?m={{ message.text }}`);
      await configure(env, roxSettings(servers, { rules: [rule] }));
    }
    const { page: crmPage, frame } = await openCrm(env.browser, servers, quietCrmPage);
    if (variant === 'bridge') await workspaceDetected(env.browser, crm);
    else await new Promise((r) => setTimeout(r, 300));

    /** Paced: the iframe sends at a fixed rate. Closed loop: one event in flight, the next `gapMs` after. */
    const deliver = async (tag: string, count: number): Promise<number> => {
      const mine = (a: Arrival) => a.method === 'POST' && a.path === ENDPOINT && !!parseStamp(a.m, tag);
      if (opts.mode === 'closed') {
        let got = 0;
        for (let i = 0; i < count; i++) {
          const arrival = tap.next((a) => mine(a) && parseStamp(a.m, tag)?.index === i, 30_000);
          await emitOne(frame, tag, i, 1000 + (i % 10));
          if (await arrival) got++;
          await sleep(opts.gapMs);
        }
        return got;
      }
      await emitAtRate(frame, { count, perSecond: opts.perSecond, tag });
      const arrived = () => tap.arrivals.filter(mine).length;
      await waitFor(() => arrived() >= count, `${count} requests (${variant}, ${tag})`, 60_000, 50).catch(
        () => undefined,
      );
      return arrived();
    };
    await deliver(`${opts.tag}-warm`, opts.warmup);
    const skew = await clockSkew(() => frame.evaluate(() => performance.timeOrigin + performance.now()));
    tap.reset();
    servers.api.reset();
    const fetches = await recordFetches(env.browser);
    const got = await deliver(opts.tag, opts.count);
    const fetchAt = await fetches();
    const latencies: number[] = [];
    const arrivalByIndex = new Map<number, number>();
    const onWire: number[] = [];
    for (const a of tap.posts(ENDPOINT)) {
      const s = parseStamp(a.m, opts.tag);
      if (!s || arrivalByIndex.has(s.index)) continue;
      arrivalByIndex.set(s.index, a.at);
      latencies.push(a.at - s.t0);
      const called = a.m === undefined ? undefined : fetchAt.get(a.m);
      if (called !== undefined) onWire.push(a.at - called);
    }
    const lost = opts.count - Math.min(got, arrivalByIndex.size);
    const result: RoundResult = { latencies, lost, skew, onWire };
    if (variant === 'bridge') {
      const stages = {
        toWorker: [] as number[],
        inWorker: [] as number[],
        toServer: [] as number[],
        toFetch: [] as number[],
      };
      const entries = (await journalAll(env.browser, opts.count + opts.warmup + 100)).filter(
        (e): e is EventEntry => e.kind === 'event',
      );
      for (const e of entries) {
        const s = parseStamp(e.event.message?.text, opts.tag);
        const arrived = s && arrivalByIndex.get(s.index);
        if (!s || !arrived) continue;
        stages.toWorker.push(e.event.receivedAt - s.t0);
        stages.inWorker.push(e.at - e.event.receivedAt);
        stages.toServer.push(arrived - e.at);
        const called = fetchAt.get(e.event.message?.text ?? '');
        if (called !== undefined) stages.toFetch.push(called - e.at);
      }
      result.stages = stages;
      result.probe = await workerProbe(env.browser);
      result.perEvent = await countWorkerCalls(env.browser, () => deliver(`${opts.tag}-count`, 50), 50);
    }
    await crmPage.close();
    return result;
  } finally {
    await env.close();
  }
}

export async function runLatency(): Promise<Omit<BenchResult, 'durationMs'>> {
  const count = envInt('BENCH_LATENCY_EVENTS', 1000);
  const warmup = envInt('BENCH_LATENCY_WARMUP', 100);
  // Set BENCH_LATENCY_INTERVAL_MS for fixed pacing from the iframe; by default the loop is closed.
  const intervalMs = envInt('BENCH_LATENCY_INTERVAL_MS', 0);
  const mode = intervalMs > 0 ? ('paced' as const) : ('closed' as const);
  const gapMs = envInt('BENCH_LATENCY_GAP_MS', 5);
  const rounds = Math.max(1, envInt('BENCH_LATENCY_ROUNDS', 2));
  const perRound = Math.ceil(count / rounds);
  const perSecond = 1000 / Math.max(1, intervalMs);

  const servers = await startDemoServers();
  const tap = new ArrivalTap(servers.crm.server);
  const relay = writeRelayExtension({ crmOrigin: servers.crm.origin, endpointPath: ENDPOINT });
  const dirs: Record<Variant, string> = { relay: relay.dir, bridge: benchBuildDir() };
  const all: Record<Variant, RoundResult[]> = { relay: [], bridge: [] };
  try {
    for (let r = 0; r < rounds; r++) {
      // Alternate the order so drift (page cache, CPU frequency) does not favour one variant.
      const order: Variant[] = r % 2 === 0 ? ['relay', 'bridge'] : ['bridge', 'relay'];
      for (const v of order) {
        all[v].push(
          await runVariant(v, dirs[v], servers, tap, {
            count: perRound,
            warmup,
            perSecond,
            gapMs,
            mode,
            tag: `${v}${r}`,
          }),
        );
      }
    }
  } finally {
    tap.detach();
    relay.remove();
    await servers.close();
  }

  const lat = (v: Variant) => all[v].flatMap((x) => x.latencies);
  const lost = (v: Variant) => all[v].reduce((n, x) => n + x.lost, 0);
  const skews = [...all.relay, ...all.bridge].map((x) => x.skew);
  const b = lat('bridge');
  const base = lat('relay');
  const q = (xs: number[], p: number) => round(percentile(xs, p), 3);
  const figures = [
    figure('p50 latency', q(b, 50), 'ms', q(base, 50), 'bare relay'),
    figure('p95 latency', q(b, 95), 'ms', q(base, 95), 'bare relay'),
    figure('p99 latency', q(b, 99), 'ms', q(base, 99), 'bare relay'),
    figure('mean latency', round(mean(b), 3), 'ms', round(mean(base), 3), 'bare relay'),
    figure('events measured', b.length, 'events', base.length, 'bare relay'),
  ];
  const ratio95 = q(b, 95) / q(base, 95);
  const stages = all.bridge.flatMap((x) => (x.stages ? [x.stages] : []));
  const wire = (v: Variant) => all[v].flatMap((x) => x.onWire);
  const stage = (k: Stage) => stages.flatMap((s) => s[k]);
  const st = (k: Stage) =>
    `${percentile(stage(k), 50).toFixed(1)} / ${percentile(stage(k), 95).toFixed(1)} ms`;
  const pq = (xs: number[]) =>
    xs.length ? `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)} ms` : 'not measured';
  const notes = [
    `${rounds} round(s) per variant, alternating order; each round: a fresh browser, ${warmup} warm-up events, then ${perRound} events, ${
      mode === 'closed'
        ? `one in flight: each sent ${gapMs} ms after the previous one reached the server (same rule for both variants, so neither queues)`
        : `paced at one per ${intervalMs} ms from inside the iframe`
    }.`,
    'Latency = arrival at the demo server (Node, high-resolution request tap) − performance.timeOrigin + performance.now() in the iframe just before postMessage.',
    `Iframe clock − Node clock, measured per round: ${skews.map((s) => s.toFixed(2)).join(', ')} ms (not subtracted; it applies to both variants alike).`,
    'The demo CRM page polls GET /api/notes and /api/contacts every 700 ms and re-renders the list; those GETs are answered with [] by Playwright routing in both variants so the page does not re-render 1,000 notes mid-measurement.',
  ];
  if (stages.length) {
    notes.push(
      `CRM Bridge stages (whole-ms clocks from the journal; p50 / p95): iframe → capture starts in the worker (bridge, capture-port message, zod check of the message, worker queue) ${st('toWorker')}; capture → journal entry built (validate + normalise, dedupe, rules) ${st('inWorker')}; entry built → request at the server ${st('toServer')}, of which entry built → fetch() called in the worker (the http action rendered, its outbox row and the entry handed to one IndexedDB transaction, the outbox pass) ${st('toFetch')}.`,
      `fetch() called in the worker → request at the server (p50 / p95, worker and Node high-resolution clocks): CRM Bridge ${pq(wire('bridge'))}, bare relay ${pq(wire('relay'))}.`,
    );
  }
  const probes = all.bridge.flatMap((x) => (x.probe ? [x.probe] : []));
  const perEvent = all.bridge.find((x) => x.perEvent)?.perEvent;
  if (probes.length) {
    const p = (k: keyof Probe) => median(probes.map((x) => x[k])).toFixed(2);
    notes.push(
      `What the extra time is made of, measured in the same worker: one IndexedDB readwrite transaction ${p('idbReadwrite')} ms, one readonly ${p('idbReadonly')} ms, chrome.permissions.contains ${p('permissionsContains')} ms (medians of 60 sequential calls on a scratch database).${
        perEvent
          ? ` Calls per event (counted over 50 more events): ${Object.entries(perEvent)
              .map(([k, v]) => `${k} ×${v}`)
              .join(', ')}; the bare relay makes one fetch and nothing else.`
          : ''
      }`,
    );
  }
  if (lost('bridge') || lost('relay'))
    notes.push(`Requests missing after 60 s: CRM Bridge ${lost('bridge')}, bare relay ${lost('relay')}.`);
  return {
    id: 'latency',
    title: 'Pipeline latency (iframe postMessage → CRM API request)',
    params: { count, warmup, mode, ...(mode === 'closed' ? { gapMs } : { intervalMs }), rounds },
    figures,
    budgets: [
      {
        label: 'p95 vs bare relay',
        limit: '≤ 1.2×',
        actual: round(ratio95, 2),
        unit: '×',
        met: ratio95 <= 1.2,
      },
    ],
    notes,
    raw: {
      lost: { bridge: lost('bridge'), relay: lost('relay') },
      skewMs: skews,
      workerProbeMs: probes,
      workerCallsPerEvent: perEvent,
      stagesMs: stages.length
        ? Object.fromEntries(
            (['toWorker', 'inWorker', 'toServer', 'toFetch'] as const).map((k) => [
              k,
              { p50: percentile(stage(k), 50), p95: percentile(stage(k), 95), p99: percentile(stage(k), 99) },
            ]),
          )
        : undefined,
      onWireMs: {
        bridge: { p50: q(wire('bridge'), 50), p95: q(wire('bridge'), 95) },
        relay: { p50: q(wire('relay'), 50), p95: q(wire('relay'), 95) },
      },
      bridge: { p50: q(b, 50), p95: q(b, 95), p99: q(b, 99), max: q(b, 100) },
      relay: { p50: q(base, 50), p95: q(base, 95), p99: q(base, 99), max: q(base, 100) },
    },
  };
}
