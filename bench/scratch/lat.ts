import { runLatency } from '../latency';
const t = Date.now();
const r = await runLatency();
console.log(JSON.stringify(r, null, 1), Date.now() - t);
