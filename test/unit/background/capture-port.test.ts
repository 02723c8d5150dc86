// The worker's end of the bridges' capture ports (src/background/handlers/capture-port.ts): the port's
// sender is classified once by classifySender; each message is validated, must be a capture, and is
// answered with its ack; the bridge's URL is taken only with the origin the browser gave the port.
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { acceptCapturePort, senderNow } from '../../../src/background/handlers/capture-port';
import { connect, route } from '../../../src/background/handlers/router';
import type { ContentSender } from '../../../src/messaging/senders';
import { CAPTURE_PORT, type ContentMessage, INSPECTOR_PORT } from '../../../src/protocol';
import { who as base, WS } from './pipeline/fakes';

type Capture = Extract<ContentMessage, { type: 'capture' }>;

const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}`;
const CRM_URL = base.url;
const contentSender = {
  id: ID,
  url: CRM_URL,
  frameId: 0,
  tab: { id: base.tabId, title: 'CRM' },
} as unknown as Browser.runtime.MessageSender;

function fakePort(sender: Browser.runtime.MessageSender | undefined, name = CAPTURE_PORT) {
  const listeners: Array<(m: unknown) => void> = [];
  const port = {
    name,
    sender,
    disconnect: vi.fn(),
    postMessage: vi.fn(),
    onMessage: { addListener: (cb: (m: unknown) => void) => listeners.push(cb) },
    onDisconnect: { addListener: vi.fn() },
  };
  const send = async (m: unknown) => {
    for (const l of listeners) l(m);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { port: port as unknown as Browser.runtime.Port, raw: port, send, listeners };
}

const capture = (over: Partial<Capture> = {}): Capture => ({
  type: 'capture',
  platform: 'roxchat',
  via: 'postMessage',
  origin: WS,
  payload: { any: 'thing' },
  cid: 'b1:1',
  ...over,
});

function deps(ack = true) {
  const seen: Array<[Capture, ContentSender]> = [];
  return {
    seen,
    d: {
      ready: Promise.resolve(),
      runtimeId: ID,
      extensionOrigin: ORIGIN,
      capture: async (m: Capture, w: ContentSender) => {
        seen.push([m, w]);
        return { ack };
      },
    },
  };
}

describe('capture port', () => {
  it.each([
    ['another extension', { ...contentSender, id: 'other' }],
    ['our own extension page (not a bridge)', { id: ID, url: `${ORIGIN}/popup.html` }],
    ['no sender at all', undefined],
  ])('a port from %s is closed at once and never read', (_name, sender) => {
    const { d, seen } = deps();
    const p = fakePort(sender as Browser.runtime.MessageSender | undefined);
    acceptCapturePort(d, p.port);
    expect(p.raw.disconnect).toHaveBeenCalled();
    expect(p.listeners).toHaveLength(0);
    expect(seen).toEqual([]);
  });

  it('a capture from our bridge is handed to the pipeline as that sender and acknowledged by cid', async () => {
    const { d, seen } = deps();
    const p = fakePort(contentSender);
    acceptCapturePort(d, p.port);
    await p.send(capture());
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[1]).toMatchObject({ kind: 'content-script', tabId: base.tabId, url: CRM_URL });
    expect(p.raw.postMessage).toHaveBeenCalledWith({ type: 'capture.ack', cid: 'b1:1', ack: true });
  });

  it('a capture the pipeline could not journal is answered ack false (the bridge sends it again)', async () => {
    const { d } = deps(false);
    const p = fakePort(contentSender);
    acceptCapturePort(d, p.port);
    await p.send(capture());
    expect(p.raw.postMessage).toHaveBeenCalledWith({ type: 'capture.ack', cid: 'b1:1', ack: false });
  });

  it.each([
    ['not a capture', { type: 'bridge.hello', cid: 'b1:2' }],
    ['an invalid capture', { ...capture(), platform: 'nope', cid: 'b1:2' }],
  ])('%s on the port reaches nothing and is refused by its cid', async (_name, message) => {
    const { d, seen } = deps();
    const p = fakePort(contentSender);
    acceptCapturePort(d, p.port);
    await p.send(message);
    expect(seen).toEqual([]);
    expect(p.raw.postMessage).toHaveBeenCalledWith({ type: 'capture.ack', cid: 'b1:2', ack: false });
  });

  it('a capture sent by runtime.sendMessage is refused: captures have one path', async () => {
    const pipeline = vi.fn();
    const r = {
      ready: Promise.resolve(),
      runtimeId: ID,
      extensionOrigin: ORIGIN,
      content: { capture: pipeline } as never,
      pages: {} as never,
    };
    expect(await route(r, capture(), contentSender)).toEqual({
      error: 'captures are sent over the capture port',
    });
    expect(pipeline).not.toHaveBeenCalled();
  });

  it('runtime.onConnect: the capture port by its name, anything else to the inspector', () => {
    const { d } = deps();
    const inspector = { accept: vi.fn() };
    const r = { ...d, content: { capture: d.capture } as never, pages: {} as never };
    const cap = fakePort(contentSender);
    connect(r, cap.port, inspector);
    expect(cap.listeners).toHaveLength(1);
    expect(inspector.accept).not.toHaveBeenCalled();
    const other = fakePort(contentSender, INSPECTOR_PORT);
    connect(r, other.port, inspector);
    expect(inspector.accept).toHaveBeenCalledWith(other.port);
  });
});

describe('senderNow: the sender as of the capture', () => {
  const who: ContentSender = { ...base, url: 'https://crm.test/contacts/1', tabTitle: 'At connect' };
  const origin = 'https://crm.test';
  it.each([
    ['no page reported: the port’s sender', undefined, who.url, 'At connect'],
    [
      'same origin, another path (history.pushState): the bridge’s URL',
      { url: 'https://crm.test/contacts/2', title: 'Now' },
      'https://crm.test/contacts/2',
      'Now',
    ],
    [
      'another origin: the port’s URL, never the claim',
      { url: 'https://evil.test/contacts/2' },
      who.url,
      'At connect',
    ],
    [
      'another scheme on the same host: the port’s URL',
      { url: 'http://crm.test/contacts/2' },
      who.url,
      'At connect',
    ],
    ['not a URL: the port’s URL', { url: 'javascript:alert(1)' }, who.url, 'At connect'],
    [
      'a blob: URL with the sender’s origin: the port’s URL',
      { url: 'blob:https://crm.test/0b1e' },
      who.url,
      'At connect',
    ],
  ])('%s', (_name, page, url, title) => {
    const now = senderNow(who, origin, page);
    expect(now).toMatchObject({ url, tabTitle: title, tabId: who.tabId, frameId: who.frameId });
  });
});
