// Renders a bench results file (default bench/results.json) as Markdown, the tables docs/benchmarks.md holds.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fmt } from './lib/stats';
import type { RunFile } from './run';

const file = resolve(process.argv[2] ?? join(import.meta.dirname, 'results.json'));
const run = JSON.parse(readFileSync(file, 'utf8')) as RunFile;
const m = run.machine;
const esc = (s: string) => s.replace(/\|/g, '\\|');
const out: string[] = [];
out.push(
  `Run ${run.startedAt} (commit ${m.commit ?? '?'}), \`${run.command}\`${
    Object.keys(run.env).length
      ? ` with ${Object.entries(run.env)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`
      : ''
  }: ${(run.totalMs / 1000).toFixed(0)} s in all.`,
  '',
  `Machine: ${m.cpuModel}, \`nproc\` ${m.nproc}, ${m.memTotalGiB} GiB RAM, ${m.chromium}, Node ${m.node}; load average at start ${m.loadAtStart.join(' / ')}.`,
  '',
  '```',
  m.freeH,
  '```',
);
for (const r of run.results) {
  out.push(
    '',
    `### ${r.title}`,
    '',
    `${(r.durationMs / 1000).toFixed(0)} s; 1-min load average ${r.load1Before} → ${r.load1After}.`,
    '',
  );
  out.push('| figure | value | baseline | ratio |', '|---|---:|---:|---:|');
  for (const f of r.figures)
    out.push(
      `| ${esc(f.label)} | ${fmt(f.value, f.unit)} | ${f.baseline === undefined ? '' : `${fmt(f.baseline, f.unit)} (${esc(f.baselineLabel ?? 'baseline')})`} | ${f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×`} |`,
    );
  if (r.budgets.length) {
    out.push('', '| budget | limit | measured | |', '|---|---|---:|---|');
    for (const b of r.budgets)
      out.push(
        `| ${esc(b.label)} | ${esc(b.limit)} | ${fmt(b.actual, b.unit)} | ${b.met ? 'met' : '**not met**'} |`,
      );
  }
  if (r.notes.length) out.push('', ...r.notes.map((n) => `- ${n}`));
}
for (const e of run.errors) out.push('', `### ${e.id}: could not run`, '', '```', e.error, '```');
console.log(out.join('\n'));
