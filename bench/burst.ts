// 6. Burst: 10,000 events in 10 s from one workspace iframe. Counted at both ends: what the simulator
// sent, and the event entries in the journal (journalLimit raised above the burst for this run).

import type { EventEntry, JournalEntry, RejectedEntry } from '../src/journal/types';
import { startDemoServers } from '../test/harness/servers';
import {
  benchBuildDir,
  configure,
  journalAll,
  noteRule,
  openCrm,
  roxSettings,
  send,
  startEnv,
  waitFor,
  workspaceDetected,
} from './lib/env';
import { emitAtRate, parseStamp } from './lib/sim';
import { envInt, percentile, round } from './lib/stats';
import { epochNow } from './lib/tap';
import { type BenchResult, figure } from './lib/types';

export async function runBurst(): Promise<Omit<BenchResult, 'durationMs'>> {
  const count = envInt('BENCH_BURST_EVENTS', 10_000);
  const seconds = Math.max(1, envInt('BENCH_BURST_SECONDS', 10));
  const withRule = envInt('BENCH_BURST_RULE', 0) === 1;
  const drainTimeout = envInt('BENCH_BURST_DRAIN_S', 300) * 1000;
  const tag = 'burst';

  const servers = await startDemoServers();
  const env = await startEnv(benchBuildDir(), servers);
  let sent = 0;
  let emitMs = 0;
  let drainedMs = Number.NaN;
  let deliveredMs = Number.NaN;
  let delivered = 0;
  let entries: JournalEntry[] = [];
  const progress: Array<{ t: number; journaled: number }> = [];
  try {
    await configure(
      env,
      roxSettings(servers, {
        rules: withRule ? [noteRule(servers.crm.origin)] : [],
        journalLimit: Math.min(100_000, Math.max(count * 2, 1000)),
      }),
    );
    const { frame } = await openCrm(env.browser, servers);
    await workspaceDetected(env.browser, servers.crm.origin);
    await send(env.browser, { type: 'journal.clear' });
    const t0 = epochNow();
    const rep = await emitAtRate(frame, { count, perSecond: count / seconds, tag, chats: 50 });
    sent = rep.sent;
    emitMs = rep.lastAt - rep.firstAt;
    // Drained when the newest entry is the last event sent, or when nothing moves for 15 s.
    let newest = -1;
    let movedAt = Date.now();
    await waitFor(
      async () => {
        const r = await send<{ entries: JournalEntry[] }>(env.browser, { type: 'journal.recent', limit: 1 });
        const e = r.entries[0];
        const i = e?.kind === 'event' ? (parseStamp(e.event.message?.text, tag)?.index ?? -1) : -1;
        if (i !== newest) {
          newest = i;
          movedAt = Date.now();
          progress.push({ t: round(epochNow() - t0, 0), journaled: i + 1 });
        }
        if (i >= count - 1) drainedMs = epochNow() - t0;
        return i >= count - 1 || Date.now() - movedAt > 15_000;
      },
      'burst journaled',
      drainTimeout,
      250,
    ).catch(() => undefined);
    if (withRule) {
      // Deliveries: unique notes the CRM API received for this burst (the outbox retries; count once).
      const notes = () => {
        const got = new Set<number>();
        for (const r of servers.api.received) {
          if (r.method !== 'POST' || !r.path.startsWith('/api/notes')) continue;
          const i = parseStamp((r.body as { text?: unknown } | undefined)?.text, tag)?.index;
          if (i !== undefined) got.add(i);
        }
        return got.size;
      };
      let last = -1;
      let movedAt = Date.now();
      await waitFor(
        () => {
          const n = notes();
          if (n !== last) {
            last = n;
            movedAt = Date.now();
          }
          if (n >= sent) deliveredMs = epochNow() - t0;
          return n >= sent || Date.now() - movedAt > 15_000;
        },
        'burst delivered',
        drainTimeout,
        250,
      ).catch(() => undefined);
      delivered = notes();
    }
    entries = await journalAll(env.browser);
  } finally {
    await env.close();
    await servers.close();
  }

  const events = entries.filter((e): e is EventEntry => e.kind === 'event');
  const rejected = entries.filter((e): e is RejectedEntry => e.kind === 'rejected');
  const seen = new Set<number>();
  let dupes = 0;
  const lags: number[] = [];
  for (const e of events) {
    const s = parseStamp(e.event.message?.text, tag);
    if (!s) continue;
    if (seen.has(s.index)) dupes++;
    seen.add(s.index);
    lags.push(e.at - s.t0);
  }
  const journaled = seen.size;
  const lost = sent - journaled;
  const rejectedCount = rejected.reduce((n, r) => n + r.count, 0);
  return {
    id: 'burst',
    title: `Burst: ${count.toLocaleString('en-US')} events in ${seconds} s from one iframe`,
    params: {
      count,
      seconds,
      rule: withRule ? 'message.created → POST note' : 'none',
      journalLimit: count * 2,
    },
    figures: [
      figure('events journaled', journaled, 'events', sent, 'sent by the simulator'),
      ...(withRule
        ? [
            figure('notes delivered to the CRM API', delivered, 'notes', sent, 'sent by the simulator'),
            figure(
              'time to deliver the last note',
              round(deliveredMs / 1000, 2),
              's',
              round(emitMs / 1000, 2),
              'send duration',
            ),
          ]
        : []),
      figure(
        'time to journal the last event',
        round(drainedMs / 1000, 2),
        's',
        round(emitMs / 1000, 2),
        'send duration',
      ),
      figure('journal lag p50 (iframe send → journal entry)', round(percentile(lags, 50), 0), 'ms'),
      figure('journal lag max', round(percentile(lags, 100), 0), 'ms'),
      figure(
        'sustained journaling rate',
        round(journaled / (drainedMs / 1000), 0),
        'events/s',
        round(sent / (emitMs / 1000), 0),
        'send rate',
      ),
    ],
    budgets: [
      {
        label: 'no event lost between the iframe and the journal',
        limit: 'journaled = sent',
        actual: lost,
        unit: 'lost',
        met: lost === 0 && sent === count,
      },
    ],
    notes: [
      `Sent ${sent} newMessageAdded events (unique texts, 50 chats) from the Rox.Chat simulator at ${count / seconds}/s (several per timer tick); journalLimit ${Math.min(100_000, Math.max(count * 2, 1000))}; rules: ${withRule ? 'message.created → POST note' : 'none (set BENCH_BURST_RULE=1 to add the note rule)'}.`,
      `Journal: ${events.length} event entries (${dupes} duplicates), ${rejected.length} rejection entries standing for ${rejectedCount} messages${rejected.length ? `: ${[...new Set(rejected.map((r) => r.reason))].join('; ')}` : ''}.`,
      `The worker processes captures one at a time (journal order = capture order): the burst queues in the worker and drains at its journaling rate. Progress (ms → journaled): ${progress
        .filter((_, i) => i % Math.max(1, Math.ceil(progress.length / 12)) === 0 || i === progress.length - 1)
        .map((p) => `${p.t}→${p.journaled}`)
        .join(', ')}.`,
    ],
    raw: {
      sent,
      journaled,
      lost,
      dupes,
      rejected: rejectedCount,
      emitMs,
      drainedMs,
      progress,
      ...(withRule ? { delivered, deliveredMs } : {}),
    },
  };
}
