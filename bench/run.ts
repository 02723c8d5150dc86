// `npm run bench`: runs every benchmark (or those named: `tsx bench/run.ts latency rules`, or
// BENCH_ONLY=latency,rules), prints a table and writes bench/results.json. Budgets missed are reported,
// not failed on: the exit code is non-zero only if a benchmark could not run.
// Sizes are configurable through BENCH_* variables (see docs/benchmarks.md); BENCH_OUT names another output.
// `tsx bench/report.ts [results.json]` renders a results file as the Markdown tables of docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runBurst } from './burst';
import { runDrain } from './drain';
import { runHostile } from './hostile';
import { runLatency } from './latency';
import { benchBuildDir, REPO_ROOT } from './lib/env';
import { load1, machine } from './lib/machine';
import { fmt } from './lib/stats';
import type { BenchFn, BenchResult } from './lib/types';
import { runMemory } from './memory';
import { runPopupJournal } from './popup-journal';
import { runRules } from './rules';
import { runSizes } from './sizes';
import { runWsHook } from './ws-hook';

const BENCHES: Array<{ id: string; run: BenchFn }> = [
  { id: 'rules', run: runRules },
  { id: 'sizes', run: runSizes },
  { id: 'popup-journal', run: runPopupJournal },
  { id: 'latency', run: runLatency },
  { id: 'ws-hook', run: runWsHook },
  { id: 'burst', run: runBurst },
  { id: 'drain', run: runDrain },
  { id: 'memory', run: runMemory },
  { id: 'hostile', run: runHostile },
];

export interface RunFile {
  startedAt: string;
  totalMs: number;
  command: string;
  env: Record<string, string>;
  machine: ReturnType<typeof machine>;
  results: Array<BenchResult & { load1Before: number; load1After: number }>;
  errors: Array<{ id: string; error: string }>;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function printResult(r: BenchResult & { load1Before: number; load1After: number }): void {
  console.log(
    `\n## ${r.title}  (${(r.durationMs / 1000).toFixed(1)} s, load ${r.load1Before} → ${r.load1After})`,
  );
  const rows = r.figures.map((f) => [
    f.label,
    fmt(f.value, f.unit),
    f.baseline === undefined ? '' : `${fmt(f.baseline, f.unit)} (${f.baselineLabel ?? 'baseline'})`,
    f.ratio === undefined ? '' : `${f.ratio.toFixed(3)}×`,
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => (row[i] as string).length), 6));
  console.log(
    `  ${pad('figure', widths[0] as number)}  ${pad('value', widths[1] as number)}  ${pad('baseline', widths[2] as number)}  ratio`,
  );
  for (const row of rows)
    console.log(`  ${row.map((c, i) => pad(c as string, widths[i] as number)).join('  ')}`.trimEnd());
  for (const b of r.budgets)
    console.log(`  budget: ${b.label}: ${fmt(b.actual, b.unit)} (${b.limit}) ${b.met ? 'met' : 'NOT MET'}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = (args.length ? args : (process.env.BENCH_ONLY ?? '').split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((id) => !BENCHES.some((b) => b.id === id));
  if (unknown.length) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.id).join(', ')}`,
    );
    process.exit(2);
  }
  const selected = only.length ? BENCHES.filter((b) => only.includes(b.id)) : BENCHES;
  const m = machine();
  console.log(
    `CRM Bridge benchmarks: ${selected.map((b) => b.id).join(', ')}\n${m.cpuModel}, ${m.nproc} CPU, ${m.memTotalGiB} GiB, ${m.chromium}, Node ${m.node}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  // Launch from a private copy: another engineer's `wxt build` may rewrite .output while this runs.
  const source = benchBuildDir();
  let copy: string | undefined;
  if (selected.some((b) => b.id !== 'rules')) {
    if (!existsSync(join(source, 'manifest.json'))) {
      console.error(`no bench build at ${source}: run \`npx wxt build --mode bench\` (npm run bench does)`);
      process.exit(2);
    }
    copy = mkdtempSync(join(tmpdir(), 'crmb-bench-build-'));
    cpSync(source, copy, { recursive: true });
    process.env.BENCH_EXT_DIR = copy;
    process.env.BENCH_BUILD_SOURCE = source;
  }
  const started = Date.now();
  const out: RunFile = {
    startedAt: new Date(started).toISOString(),
    totalMs: 0,
    command: `tsx bench/run.ts${args.length ? ` ${args.join(' ')}` : ''}`,
    env: Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] =>
          e[0].startsWith('BENCH_') && !!e[1] && e[0] !== 'BENCH_EXT_DIR' && e[0] !== 'BENCH_BUILD_SOURCE',
      ),
    ),
    machine: m,
    results: [],
    errors: [],
  };
  for (const b of selected) {
    const t = Date.now();
    const load1Before = load1();
    console.log(`\n… ${b.id}`);
    try {
      const r = await b.run();
      const full = { ...r, durationMs: Date.now() - t, load1Before, load1After: load1() };
      out.results.push(full);
      printResult(full);
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      out.errors.push({ id: b.id, error });
      console.error(`  ${b.id} failed: ${error}`);
    }
  }
  out.totalMs = Date.now() - started;
  if (copy) rmSync(copy, { recursive: true, force: true });
  // A partial run never replaces the full run's results.json (docs/benchmarks.md quotes that one).
  const name = only.length ? `results-${selected.map((b) => b.id).join('+')}.json` : 'results.json';
  const file = resolve(process.env.BENCH_OUT ?? join(import.meta.dirname, name));
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  // In the project's JSON style, so `biome check .` stays clean after a run.
  try {
    execFileSync(join(REPO_ROOT, 'node_modules/.bin/biome'), ['format', '--write', file], {
      stdio: 'ignore',
    });
  } catch {
    /* outside the project (BENCH_OUT elsewhere) or biome missing: the JSON is valid as written */
  }
  const missed = out.results.flatMap((r) =>
    r.budgets.filter((b) => !b.met).map((b) => `${r.id}: ${b.label}`),
  );
  console.log(`\nTotal ${(out.totalMs / 1000).toFixed(1)} s. Wrote ${file}.`);
  console.log(
    missed.length
      ? `Budgets not met:\n  ${missed.join('\n  ')}`
      : `All budgets met${out.errors.length ? ' (of the benchmarks that ran)' : ''}.`,
  );
  if (out.errors.length) {
    console.error(`Benchmarks that could not run: ${out.errors.map((e) => e.id).join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
