import { normalizeRoxchat } from '../../src/platforms/roxchat/normalize';
const raw = (i: number) => ({ source: 'roxchat', event: 'newMessageAdded', params: { roxchatVisitorId: 'v', providedVisitorId: '1', chatId: i, sessionId: 's', kind: 'visitor', messageText: 'hi ' + i, siebelId: 'x' } });
const ctx = { receivedAt: 0, origin: 'o', page: { url: 'u', title: 't' }, tabId: 1, frameId: 0 };
for (let i = 0; i < 100000; i++) normalizeRoxchat(raw(i), ctx);
