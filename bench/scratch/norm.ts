import { performance } from 'node:perf_hooks';
import { normalizeRoxchat } from '../../src/platforms/roxchat/normalize';
import { RoxEnvelope, roxchatSchemas } from '../../src/platforms/roxchat/schema';
import { contentHash } from '../../src/util/hash';
const raw = (i: number) => ({ source: 'roxchat', event: 'newMessageAdded', params: { roxchatVisitorId: 'v', providedVisitorId: '1', chatId: i, sessionId: 's', kind: 'visitor', messageText: 'hi ' + i, siebelId: 'x' } });
const ctx = { receivedAt: 0, origin: 'o', page: { url: 'u', title: 't' }, tabId: 1, frameId: 0 };
const bench = (name: string, f: (i: number) => unknown) => { for (let i = 0; i < 2000; i++) f(i); const n = 20000; const t = performance.now(); for (let i = 0; i < n; i++) f(i); console.log(name, ((performance.now() - t) * 1000 / n).toFixed(2), 'us'); };
for (let k = 0; k < 2; k++) {
bench('normalize', (i) => normalizeRoxchat(raw(i), ctx));
bench('envelope', (i) => RoxEnvelope.safeParse(raw(i)));
bench('params', (i) => roxchatSchemas.newMessageAdded.safeParse(raw(i).params));
bench('hash', (i) => contentHash(raw(i)));
}
