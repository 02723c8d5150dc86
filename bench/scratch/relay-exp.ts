import { startDemoServers } from '../../demo/servers';
import { openCrm, startEnv, waitFor } from '../lib/env';
import { writeRelayExtension } from '../lib/relay';
import { emitAtRate, parseStamp } from '../lib/sim';
import { percentile } from '../lib/stats';
import { ArrivalTap } from '../lib/tap';
const servers = await startDemoServers();
const tap = new ArrivalTap(servers.crm.server);
const relay = writeRelayExtension({ crmOrigin: servers.crm.origin, endpointPath: '/api/notes' });
import { writeFileSync } from 'node:fs';
writeFileSync(relay.dir + '/content.js', `addEventListener('message', (e) => { const d = e.data; d.params.messageText += '|' + (performance.timeOrigin + performance.now()); chrome.runtime.sendMessage(d).catch(() => {}); });`);
writeFileSync(relay.dir + '/worker.js', `chrome.runtime.onMessage.addListener((m) => { const p = m.params; const text = p.messageText + '|' + (performance.timeOrigin + performance.now()); fetch('${servers.crm.origin}/api/notes?m=' + encodeURIComponent(text), {method:'POST', headers:{'content-type':'application/json'}, body: JSON.stringify({text})}).catch(() => {}); });`);
const env = await startEnv(relay.dir, servers);
const { frame } = await openCrm(env.browser, servers);
await new Promise((r) => setTimeout(r, 500));
for (const [i, interval] of [50, 20, 10, 7, 50].entries()) {
  const tag = `t${i}`;
  const n = 150;
  const rep = await emitAtRate(frame, { count: n, perSecond: 1000 / interval, tag });
  await waitFor(() => tap.posts('/api/notes').filter((a) => parseStamp(a.m, tag)).length >= n, 'arrive', 60000, 20);
  const lat = tap.posts('/api/notes').flatMap((a) => { const s = parseStamp(a.m, tag); return s ? [a.at - s.t0] : []; });
  const st = tap.posts('/api/notes').flatMap((a) => { const s = parseStamp(a.m, tag); if (!s) return []; const [, , t0, tc, tw] = a.m!.split('|').map(Number); return [[tc - t0, tw - tc, a.at - tw]]; });
  console.log('  stages p50', [0,1,2].map((k) => percentile(st.map((x) => x[k]), 50).toFixed(2)), 'p95', [0,1,2].map((k) => percentile(st.map((x) => x[k]), 95).toFixed(2)));
  console.log(interval, 'ms: p50', percentile(lat, 50).toFixed(2), 'p95', percentile(lat, 95).toFixed(2), 'emit span', (rep.lastAt - rep.firstAt).toFixed(0));
}
await env.close();
relay.remove();
await servers.close();
