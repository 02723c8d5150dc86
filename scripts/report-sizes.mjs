// Prints the built bundle sizes and checks the content-script budgets from DESIGN.md.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.output/chrome-mv3';
const BUDGETS = { 'bridge.js': 15 * 1024, hook: 3 * 1024 };
const cs = dir;
if (!existsSync(join(cs, 'manifest.json'))) {
  console.error(`no build at ${dir}`);
  process.exit(1);
}
let failed = false;
console.log('Content script sizes (minified):');
for (const f of readdirSync(cs)
  .filter((f) => f === 'bridge.js' || /^hook-.*\.js$/.test(f))
  .sort()) {
  const size = statSync(join(cs, f)).size;
  const budget = f === 'bridge.js' ? BUDGETS['bridge.js'] : f.startsWith('hook-') ? BUDGETS.hook : undefined;
  const verdict =
    budget === undefined ? '' : size <= budget ? `ok (budget ${budget} B)` : `OVER BUDGET (${budget} B)`;
  if (budget !== undefined && size > budget) failed = true;
  console.log(`  ${String(size).padStart(7)} B  ${f}  ${verdict}`);
}
if (failed && process.env.SIZE_BUDGET !== 'warn') process.exit(1);
