import { performance } from 'node:perf_hooks';
import { buildEvent, fingerprint } from '../../src/platforms/kit';
import { contentHash, stableStringify } from '../../src/util/hash';
const raw = (i: number) => ({ source: 'roxchat', event: 'newMessageAdded', params: { roxchatVisitorId: 'v', providedVisitorId: '1', chatId: i, sessionId: 's', kind: 'visitor', messageText: 'hi ' + i, siebelId: 'x' } });
const ctx = { receivedAt: 0, origin: 'o', page: { url: 'u', title: 't' }, tabId: 1, frameId: 0 };
const bench = (name: string, f: (i: number) => unknown) => { for (let i = 0; i < 2000; i++) f(i); const n = 20000; const t = performance.now(); for (let i = 0; i < n; i++) f(i); console.log(name, ((performance.now() - t) * 1000 / n).toFixed(2), 'us'); };
for (let k = 0; k < 2; k++) {
bench('stableStringify', (i) => stableStringify(raw(i)));
bench('JSON.stringify', (i) => JSON.stringify(raw(i)));
bench('contentHash', (i) => contentHash(raw(i)));
bench('fingerprint', (i) => fingerprint('roxchat', 'x', undefined, raw(i)));
bench('buildEvent', (i) => buildEvent('roxchat', 'x', ctx, raw(i), { type: 'message.created', conversation: { id: '1' } }));
}
