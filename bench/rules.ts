// 3. Rule engine throughput (Node, no browser): events/s through what the worker does per event between
// normalisation and actions — RuleIndex.match (selectors, platforms, `where` conditions) and RuleGate —
// with 10…10,000 rules, for 0, 1 and 10 matching rules, and for the worst case where every rule listens
// to the event's type. Baselines: the same case with 10 rules, and an unindexed linear scan.
import { performance } from 'node:perf_hooks';
import type { BridgeEvent, CaptureContext } from '../src/events/model';
import { CANONICAL_TYPES } from '../src/events/types';
import { normalizeRoxchat } from '../src/platforms/roxchat/normalize';
import { RuleGate } from '../src/rules/gate';
import { explainRule, RuleIndex } from '../src/rules/matcher';
import { type Rule, RuleSchema } from '../src/rules/schema';
import { envInt, envList, median, round } from './lib/stats';
import { type BenchResult, type Figure, figure } from './lib/types';

const OTHER_TYPES = CANONICAL_TYPES.filter((t) => t !== 'message.created');

function rule(i: number, events: string[], where: unknown[]): Rule {
  return RuleSchema.parse({
    id: `r${i}`,
    name: `rule ${i}`,
    when: { events, where },
    then: [{ kind: 'log', message: 'chat {{ conversation.id }}' }],
  });
}

/**
 * `total` rules, `matching` of them listening to message.created with a condition that holds; the rest
 * listen to other canonical types (or, with `allCandidates`, to message.created with a condition that
 * fails), each with one condition so a candidate costs a real test.
 */
function ruleSet(total: number, matching: number, allCandidates = false): Rule[] {
  const out: Rule[] = [];
  const every = matching > 0 ? Math.max(1, Math.floor(total / matching)) : Number.POSITIVE_INFINITY;
  let placed = 0;
  for (let i = 0; i < total; i++) {
    // Matching rules spread through the list (rule order is execution order).
    if (placed < matching && (i % every === every - 1 || total - i <= matching - placed)) {
      out.push(rule(i, ['message.created'], [{ op: 'exists', path: 'contact.platformId' }]));
      placed++;
    } else if (allCandidates) {
      out.push(
        rule(i, ['message.created'], [{ op: 'equals', path: 'conversation.id', value: `other-${i}` }]),
      );
    } else {
      out.push(
        rule(
          i,
          [OTHER_TYPES[i % OTHER_TYPES.length] as string],
          [{ op: 'equals', path: 'conversation.id', value: `c${i}` }],
        ),
      );
    }
  }
  return out;
}

const CTX: CaptureContext = {
  receivedAt: 0,
  origin: 'https://acme.rox.chat',
  page: { url: 'https://crm.example.com/', title: 'CRM' },
  tabId: 1,
  frameId: 0,
};

function rawMessage(i: number): unknown {
  return {
    source: 'roxchat',
    event: 'newMessageAdded',
    params: {
      roxchatVisitorId: `visitor-${i % 50}`,
      providedVisitorId: '12345',
      chatId: 1000 + (i % 50),
      sessionId: 'c9905a4eab2a4148add9b1c8ac97ad7d',
      kind: i % 2 ? 'visitor' : 'operator',
      messageText: `Greetings ${i}!`,
      siebelId: '4-1GQDLH42',
    },
  };
}

function events(n: number): BridgeEvent[] {
  const out: BridgeEvent[] = [];
  for (let i = 0; i < n; i++) {
    const r = normalizeRoxchat(rawMessage(i), { ...CTX, receivedAt: Date.now() });
    if (!r.ok || !r.events[0]) throw new Error('fixture did not normalise');
    out.push(r.events[0]);
  }
  return out;
}

let sink = 0;

/** Iterations that take about `ms` (the calibration doubles as JIT warm-up). */
function calibrate(step: (i: number) => void, ms: number): number {
  let n = 64;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) step(i);
    const took = performance.now() - t;
    if (took >= ms / 4 || n > 1e8) return Math.max(16, Math.ceil((n * ms) / Math.max(took, 0.001)));
    n *= 4;
  }
}

function rate(step: (i: number) => void, n: number): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) step(i);
  return (n * 1000) / (performance.now() - t);
}

interface Job {
  key: string;
  step: (i: number) => void;
  n: number;
  rates: number[];
}

/** Every job calibrated first, then `reps` rounds over all jobs (noise spreads evenly); medians. */
function measureAll(jobs: Array<Omit<Job, 'n' | 'rates'>>, ms: number, reps: number): Map<string, number> {
  const list: Job[] = jobs.map((j) => ({ ...j, n: calibrate(j.step, ms), rates: [] }));
  for (let r = 0; r < reps; r++) for (const j of list) j.rates.push(rate(j.step, j.n));
  return new Map(list.map((j) => [j.key, median(j.rates)]));
}

export async function runRules(): Promise<Omit<BenchResult, 'durationMs'>> {
  const sizes = envList('BENCH_RULES_SIZES', [10, 100, 1000, 10_000]);
  const ms = envInt('BENCH_RULES_MS', 100);
  const reps = Math.max(1, envInt('BENCH_RULES_REPS', 5));
  const evs = events(256);
  const now = Date.now();

  const engine = (rules: Rule[]) => {
    const index = new RuleIndex(rules);
    const gate = new RuleGate();
    return (i: number) => {
      const e = evs[i & 255] as BridgeEvent;
      const matched = index.match(e);
      for (const r of matched) if (gate.check(r, e, now) === undefined) sink++;
    };
  };
  const linear = (rules: Rule[]) => (i: number) => {
    const e = evs[i & 255] as BridgeEvent;
    for (const r of rules) if (explainRule(r, e).matched) sink++;
  };

  const cases = [
    { key: 'none', label: '0 matching (all rules on other types)', build: (n: number) => ruleSet(n, 0) },
    { key: 'one', label: '1 matching', build: (n: number) => ruleSet(n, 1) },
    { key: 'ten', label: '10 matching', build: (n: number) => ruleSet(n, Math.min(10, n)) },
    {
      key: 'all',
      label: 'all listen to the type, 1 passes its condition',
      build: (n: number) => ruleSet(n, 1, true),
    },
  ] as const;

  const buildMs: Record<number, number> = {};
  const jobs: Array<Omit<Job, 'n' | 'rates'>> = [];
  for (const n of sizes) {
    for (const c of cases) {
      const rules = c.build(n);
      if (c.key === 'one') {
        const t = performance.now();
        for (let k = 0; k < 5; k++) new RuleIndex(rules);
        buildMs[n] = (performance.now() - t) / 5;
        jobs.push({ key: `linear/${n}`, step: linear(rules) });
      }
      jobs.push({ key: `${c.key}/${n}`, step: engine(rules) });
    }
  }
  // The whole CPU path of one capture without I/O: zod validation + normalisation + match + gate.
  const fullN = sizes.includes(1000) ? 1000 : (sizes[sizes.length - 1] as number);
  {
    const index = new RuleIndex(ruleSet(fullN, 1));
    const gate = new RuleGate();
    const raws = Array.from({ length: 256 }, (_, i) => rawMessage(i));
    jobs.push({
      key: 'full',
      step: (i) => {
        const r = normalizeRoxchat(raws[i & 255], CTX);
        if (!r.ok) return;
        for (const e of r.events) for (const m of index.match(e)) if (!gate.check(m, e, now)) sink++;
      },
    });
  }
  const measured = measureAll(jobs, ms, reps);
  const table: Record<string, Record<number, number>> = Object.fromEntries(cases.map((c) => [c.key, {}]));
  const linearTable: Record<number, number> = {};
  for (const n of sizes) {
    for (const c of cases) {
      const row = table[c.key] as Record<number, number>;
      row[n] = measured.get(`${c.key}/${n}`) ?? Number.NaN;
    }
    linearTable[n] = measured.get(`linear/${n}`) ?? Number.NaN;
  }
  const full = measured.get('full') ?? Number.NaN;

  const smallest = sizes[0] as number;
  const figures: Figure[] = [];
  for (const c of cases) {
    for (const n of sizes) {
      const v = round(table[c.key]?.[n] ?? Number.NaN, 0);
      const base = round(table[c.key]?.[smallest] ?? Number.NaN, 0);
      figures.push(figure(`${n} rules, ${c.label}`, v, 'events/s', base, `${smallest} rules`));
    }
  }
  for (const n of sizes) {
    figures.push(
      figure(
        `${n} rules, 1 matching: indexed vs linear scan`,
        round(table.one?.[n] ?? Number.NaN, 0),
        'events/s',
        round(linearTable[n] ?? Number.NaN, 0),
        'linear scan (explainRule over every rule)',
      ),
    );
  }
  figures.push(
    figure(
      `${fullN} rules, 1 matching, with zod validation + normalisation`,
      round(full, 0),
      'events/s',
      round(table.one?.[fullN] ?? Number.NaN, 0),
      'match + gate only',
    ),
  );
  for (const n of sizes) figures.push(figure(`RuleIndex build, ${n} rules`, round(buildMs[n] ?? 0, 3), 'ms'));

  const budgetCase = (k: 'one' | 'ten') => table[k]?.[1000];
  const budgets = (['one', 'ten'] as const)
    .filter((k) => budgetCase(k) !== undefined)
    .map((k) => ({
      label: `1,000 rules, ${k === 'one' ? '1' : '10'} matching`,
      limit: '≥ 20,000 events/s',
      actual: round(budgetCase(k) as number, 0),
      unit: 'events/s',
      met: (budgetCase(k) as number) >= 20_000,
    }));
  if (sink < 0) console.log(sink);
  return {
    id: 'rules',
    title: 'Rule engine throughput (Node, RuleIndex.match + RuleGate)',
    params: { sizes, msPerRun: ms, reps, node: process.version },
    figures,
    budgets,
    notes: [
      'Per event: RuleIndex.match (selector lookup, platform filter, `where` conditions of each candidate) and RuleGate.check for each match, as in App.ingest; templates and actions excluded.',
      'Rules not listening to the event type each listen to one of the other 28 canonical types and carry one `equals` condition; matching rules carry an `exists` condition that holds.',
      `Median of ${reps} runs of ~${ms} ms per case, interleaved across cases, after a calibration run per case; V8 in Node ${process.version} (the worker runs V8 too).`,
      'Cost grows with candidate rules (rules listening to the type), not with all rules: compare "0 matching" across sizes with "all listen to the type".',
    ],
    raw: {
      eventsPerSecond: table,
      linear: linearTable,
      buildMs,
      fullPath: { rules: fullN, eventsPerSecond: full },
    },
  };
}
