import { runWsHook } from '../ws-hook';
const t = Date.now();
const r = await runWsHook();
for (const f of r.figures) console.log(f.label.padEnd(60), f.value, f.baseline, f.ratio?.toFixed(3));
console.log(r.budgets, r.notes, Date.now() - t);
