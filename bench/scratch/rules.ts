import { runRules } from '../rules';
const t = Date.now();
const r = await runRules();
for (const f of r.figures) console.log(f.label.padEnd(70), f.value, f.baseline, f.ratio?.toFixed(3));
console.log(r.budgets, Date.now() - t);
