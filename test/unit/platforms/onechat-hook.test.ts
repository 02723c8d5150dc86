import { afterEach, describe, expect, it } from 'vitest';
import { HookChannel } from '../../../src/content/hook-channel';
import {
  HOOK_COMMAND_EVENT,
  HOOK_EVENT,
  HOOK_HELLO_EVENT,
  HOOK_PORT_EVENT,
  type HookMessage,
  makeDomEmitter,
} from '../../../src/messaging/hook-protocol';
import { socketUrlMatches } from '../../../src/platforms/onechat/cable-wire';
import { installOnechatHook } from '../../../src/platforms/onechat/hook';

type Win = Window & typeof globalThis;

/** A fresh WebSocket look-alike per test: native-like statics, an `onmessage` attribute, a url getter. */
function makeWebSocket() {
  const sockets: FakeWS[] = [];
  class FakeWS extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly args: unknown[];
    readyState = 0;
    binaryType = 'blob';
    readonly #url: string;
    #handler: ((e: Event) => unknown) | null = null;
    #registered = false;
    constructor(url: string, protocols?: string | string[]) {
      super();
      const u = new URL(url, 'http://dash.test/app');
      if (u.protocol === 'http:') u.protocol = 'ws:';
      if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new SyntaxError(`bad scheme ${u.protocol}`);
      this.#url = u.href;
      this.args = protocols === undefined ? [url] : [url, protocols];
      sockets.push(this);
    }
    get url() {
      return this.#url;
    }
    get onmessage() {
      return this.#handler;
    }
    set onmessage(f) {
      this.#handler = f;
      if (this.#registered) return;
      this.#registered = true;
      this.addEventListener('message', (e) => this.#handler?.(e));
    }
    // ---- what the network does
    frame(data: unknown) {
      this.dispatchEvent(new MessageEvent('message', { data }));
    }
    opened() {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    }
    closed(code: number) {
      this.readyState = 3;
      const e = new Event('close');
      Object.defineProperty(e, 'code', { value: code });
      this.dispatchEvent(e);
    }
  }
  return { FakeWS, sockets };
}

/**
 * Node 20's MessageEvent ignores `cancelable` (so preventDefault does nothing); Chromium's honours it,
 * and the handshake relies on it (hook-protocol.ts HOOK_PORT_EVENT). The bridge side builds its port
 * event with this stand-in while a test page is set up.
 */
class PortEvent extends Event {
  readonly ports: readonly MessagePort[];
  constructor(type: string, init: { ports?: MessagePort[]; cancelable?: boolean } = {}) {
    super(type, init);
    this.ports = init.ports ?? [];
  }
}
function withPortEvent<T>(fn: () => T): T {
  const saved = globalThis.MessageEvent;
  globalThis.MessageEvent = PortEvent as unknown as typeof MessageEvent;
  try {
    return fn();
  } finally {
    globalThis.MessageEvent = saved;
  }
}

/** Every port a test page's hook took: closed after each test so no port keeps the worker alive. */
const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

type Order = 'hook first' | 'bridge first' | 'no bridge';

/**
 * A fake page with the hook installed; `added` records every listener the hook adds (per target).
 * `order`: whether the bridge's end of the private channel (src/content/hook-channel.ts) is opened
 * before the hook is installed (document_start order is not specified), after, or never.
 */
function page(emit?: (m: HookMessage) => void, order: Order = 'hook first') {
  const { FakeWS, sockets } = makeWebSocket();
  const added: Array<[EventTarget, string]> = [];
  const log: Array<[EventTarget, string, unknown, 'add' | 'remove']> = [];
  const native = EventTarget.prototype;
  const SpyET = {
    prototype: {
      addEventListener(this: EventTarget, ...a: Parameters<EventTarget['addEventListener']>) {
        added.push([this, a[0]]);
        log.push([this, a[0], a[1], 'add']);
        return native.addEventListener.apply(this, a);
      },
      removeEventListener(this: EventTarget, ...a: Parameters<EventTarget['removeEventListener']>) {
        log.push([this, a[0], a[1], 'remove']);
        return native.removeEventListener.apply(this, a);
      },
      dispatchEvent: native.dispatchEvent,
    },
  };
  const document = new EventTarget();
  const w: Record<string, unknown> = {
    WebSocket: FakeWS,
    document,
    EventTarget: SpyET,
    MessageEvent,
    CustomEvent,
  };
  const sent: HookMessage[] = [];
  const channel = new HookChannel(document as unknown as Document);
  let hookPort: MessagePort | undefined;
  document.addEventListener(HOOK_PORT_EVENT, (e) => {
    hookPort = (e as PortEvent).ports?.[0];
    if (hookPort) ports.push(hookPort);
  });
  withPortEvent(() => {
    if (order === 'bridge first') channel.open();
    installOnechatHook(w as unknown as Win, emit ?? ((m) => sent.push(JSON.parse(JSON.stringify(m)))));
    if (order === 'hook first') channel.open();
  });
  const WS = w.WebSocket as typeof FakeWS;
  const listenersOn = (t: EventTarget) => added.filter(([x]) => x === t).map(([, type]) => type);
  /** How many `message` listeners of ours `t` has now (each add/remove recorded with its function). */
  const messageListeners = (t: EventTarget) => {
    const live = new Set<unknown>();
    for (const [x, type, fn, op] of log)
      if (x === t && type === 'message') op === 'add' ? live.add(fn) : live.delete(fn);
    return live.size;
  };
  /** The bridge sends the suffix over its port; resolves once the hook's handler has run. */
  const configure = (suffix: string) =>
    new Promise<void>((resolve, reject) => {
      if (!hookPort) return reject(new Error('no handshake: the hook holds no port'));
      hookPort.addEventListener('message', () => resolve(), { once: true });
      channel.post(suffix);
    });
  return { w, WS, FakeWS, sockets, sent, listenersOn, messageListeners, configure, document, channel };
}

const ID = '{"channel":"RoomChannel","pubsub_token":"t"}';
const data = JSON.stringify({ identifier: ID, message: { event: 'message.created', data: { id: 1 } } });
const ping = '{"type":"ping","message":1627061456}';

describe('OneChat hook: WebSocket constructor semantics are preserved', () => {
  it('new, arguments, instanceof, constructor, statics, prototype, subclassing, errors', () => {
    const { WS, FakeWS } = page();
    expect(WS).not.toBe(FakeWS);
    const ws = new WS('ws://chat.test/cable', ['actioncable-v1-json', 'actioncable-unsupported']);
    expect(ws.args).toEqual(['ws://chat.test/cable', ['actioncable-v1-json', 'actioncable-unsupported']]);
    expect(new WS('wss://x.test/other').args).toEqual(['wss://x.test/other']);
    expect(ws instanceof WS).toBe(true);
    expect(ws instanceof FakeWS).toBe(true);
    expect(ws.constructor).toBe(WS);
    expect(Object.getPrototypeOf(ws)).toBe(FakeWS.prototype);
    expect(WS.prototype).toBe(FakeWS.prototype);
    expect([WS.CONNECTING, WS.OPEN, WS.CLOSING, WS.CLOSED]).toEqual([0, 1, 2, 3]);
    // @rails/actioncable's getState() enumerates the constructor's statics with for…in.
    const keys: string[] = [];
    for (const k in WS) keys.push(k);
    expect(keys).toEqual(expect.arrayContaining(['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']));
    expect(ws.binaryType).toBe('blob');
    ws.binaryType = 'arraybuffer';
    expect(ws.binaryType).toBe('arraybuffer');
    // Relative URLs resolve as natively.
    expect(new WS('/cable').url).toBe('ws://dash.test/cable');
    class Sub extends WS {
      marker = 'sub';
    }
    const sub = new Sub('ws://chat.test/cable');
    expect(sub instanceof Sub && sub instanceof WS && sub.marker === 'sub').toBe(true);
    // Native errors reach the page unchanged; calling without `new` still throws a TypeError.
    expect(() => new WS('ftp://x.test/cable')).toThrow(SyntaxError);
    expect(() => (WS as unknown as () => unknown)()).toThrow(TypeError);
  });
});

describe('OneChat hook: what is observed and relayed', () => {
  it('relays event and control frames of /cable sockets; page handlers still get every frame', () => {
    const { WS, sent } = page();
    const ws = new WS('ws://chat.test/cable?client=1');
    const viaProp: unknown[] = [];
    const viaListener: unknown[] = [];
    ws.onmessage = (e: Event) => viaProp.push((e as MessageEvent).data);
    ws.addEventListener('message', (e) => viaListener.push((e as MessageEvent).data));
    const u = 'ws://chat.test/cable?client=1';
    ws.opened();
    const frames = [
      '{"type":"welcome"}',
      ping,
      `{"identifier":${JSON.stringify(ID)},"type":"confirm_subscription"}`,
      data,
      '{"type":"ping","message":1,"event":"not-after-the-fast-path"}',
      `{"identifier":${JSON.stringify(ID)},"type":"reject_subscription"}`,
      '{"type":"disconnect","reason":"server_restart","reconnect":true}',
      '{"type":"something_else"}',
      // Control types count only as the frame's first "type" value, not anywhere in a data frame.
      '{"abcd":"welcome","x":1}',
      '{"type":"other","nested":{"type":"welcome"}}',
      'not json at all',
    ];
    for (const f of frames) ws.frame(f);
    ws.frame(new ArrayBuffer(4));
    ws.closed(1006);
    expect(viaProp).toHaveLength(frames.length + 1);
    expect(viaListener).toEqual(viaProp);
    expect(sent).toEqual([
      { k: 'socket', p: 'onechat', u, s: 'open' },
      { k: 'frame', p: 'onechat', u, d: frames[0] },
      { k: 'frame', p: 'onechat', u, d: frames[2] },
      { k: 'frame', p: 'onechat', u, d: data },
      { k: 'frame', p: 'onechat', u, d: frames[5] },
      { k: 'frame', p: 'onechat', u, d: frames[6] },
      { k: 'socket', p: 'onechat', u, s: 'closed', code: 1006 },
    ]);
  });

  it('wraps the page onmessage handler instead of listening: one relay per frame, page semantics kept', () => {
    const { WS, sent, messageListeners } = page();
    const ws = new WS('ws://chat.test/cable');
    expect(messageListeners(ws)).toBe(1);
    const seen: Array<[unknown, unknown]> = [];
    const handler = function (this: unknown, e: Event) {
      seen.push([this, (e as MessageEvent).data]);
      return 'kept';
    };
    ws.onmessage = handler;
    // The page reads back what it set; our own listener is off while the wrapper sees every frame.
    expect(ws.onmessage).toBe(handler);
    expect(messageListeners(ws)).toBe(0);
    ws.frame(data);
    ws.frame(ping);
    expect(seen).toEqual([
      [ws, data],
      [ws, ping],
    ]);
    expect(sent.filter((m) => m.k === 'frame')).toHaveLength(1);
    // Back to no handler (a page switching to addEventListener): our listener takes over, still once.
    ws.onmessage = null;
    expect(ws.onmessage).toBeNull();
    expect(messageListeners(ws)).toBe(1);
    const viaListener: unknown[] = [];
    ws.addEventListener('message', (e) => viaListener.push((e as MessageEvent).data));
    ws.frame(data);
    expect(sent.filter((m) => m.k === 'frame')).toHaveLength(2);
    // And a handler again, with that listener of the page's still there: once per frame, both called.
    ws.onmessage = handler;
    ws.frame(data);
    expect(sent.filter((m) => m.k === 'frame')).toHaveLength(3);
    expect(viaListener).toEqual([data, data]);
    expect(seen).toHaveLength(3);
  });

  it('before configuration every socket is watched (nothing lost); after it only the configured suffix', async () => {
    const { WS, sent, configure, messageListeners } = page();
    const ws = new WS('ws://x.test/ws/chat');
    const other = new WS('ws://x.test/echo');
    const got: unknown[] = [];
    const handler = (e: Event) => got.push((e as MessageEvent).data);
    ws.onmessage = handler;
    other.onmessage = handler;
    // A frame before the suffix is known is relayed, whatever the path: the bridge filters by path.
    ws.frame(data);
    other.frame(data);
    expect(sent.map((m) => (m as { u: string }).u)).toEqual(['ws://x.test/ws/chat', 'ws://x.test/echo']);
    await configure('/ws/chat');
    // The matching socket stays wrapped (the page reads back its own handler, no listener of ours) …
    expect(ws.onmessage).toBe(handler);
    expect(messageListeners(ws)).toBe(0);
    ws.frame(data);
    // … the other one goes quiet; both page handlers still get every frame.
    other.frame(data);
    other.opened();
    expect(got).toEqual([data, data, data, data]);
    expect(sent.map((m) => (m as { u: string }).u)).toEqual([
      'ws://x.test/ws/chat',
      'ws://x.test/echo',
      'ws://x.test/ws/chat',
    ]);
  });

  it('after configuration, every other socket is left untouched: no listener, no relay', async () => {
    const { WS, sent, listenersOn, configure } = page();
    await configure('/cable');
    for (const url of [
      'ws://x.test/echo',
      'ws://x.test/cable/extra',
      'ws://x.test/mycable',
      'ws://x.test/?p=/cable',
    ]) {
      const ws = new WS(url);
      ws.opened();
      ws.frame(data);
      expect(listenersOn(ws)).toEqual([]);
    }
    expect(sent).toEqual([]);
    const cable = new WS('wss://x.test/app/cable');
    expect(listenersOn(cable).sort()).toEqual(['close', 'message', 'open']);
  });

  it.each<Order>([
    'hook first',
    'bridge first',
  ])('%s: the bridge configures the suffix; earlier sockets are re-checked, later ones use it', async (order) => {
    const { WS, sent, configure } = page(undefined, order);
    const before = new WS('ws://x.test/ws/chat');
    const defaultOne = new WS('ws://x.test/cable');
    await configure('/ws/chat');
    const after = new WS('ws://x.test/ws/chat?v=2');
    const ignored = new WS('ws://x.test/cable');
    for (const ws of [before, defaultOne, after, ignored]) ws.frame(data);
    expect(sent.map((m) => (m as { u: string }).u)).toEqual([
      'ws://x.test/ws/chat',
      'ws://x.test/ws/chat?v=2',
    ]);
  });

  it('its default emitter (makeDomEmitter) dispatches a CustomEvent whose detail is the JSON string', () => {
    const document = new EventTarget();
    const w = { document, EventTarget, CustomEvent } as unknown as Win;
    const got: unknown[] = [];
    document.addEventListener(HOOK_EVENT, (e) => got.push((e as CustomEvent).detail));
    makeDomEmitter(w)({ k: 'frame', p: 'onechat', u: 'ws://x/cable', d: '{}' });
    expect(got).toEqual(['{"k":"frame","p":"onechat","u":"ws://x/cable","d":"{}"}']);
  });
});

describe('OneChat hook: robustness', () => {
  it('never throws into the page: a failing emit, odd events, a missing WebSocket', () => {
    const { WS, document } = page(() => {
      throw new Error('bridge gone');
    }, 'no bridge');
    const ws = new WS('ws://x.test/cable');
    const got: unknown[] = [];
    ws.onmessage = (e: Event) => got.push((e as MessageEvent).data);
    expect(() => {
      ws.opened();
      ws.frame(data);
      ws.closed(1000);
      document.dispatchEvent(new CustomEvent(HOOK_COMMAND_EVENT, { detail: '{not json' }));
      document.dispatchEvent(new Event(HOOK_PORT_EVENT));
      document.dispatchEvent(new PortEvent(HOOK_PORT_EVENT, { ports: [] }));
    }).not.toThrow();
    expect(got).toEqual([data]);
    expect(() => installOnechatHook({ document: new EventTarget() } as unknown as Win)).not.toThrow();
  });

  it('uses natives captured at install: page overrides after install change nothing', () => {
    const { WS, sent } = page();
    const ws = new WS('ws://x.test/cable');
    const saved = {
      indexOf: String.prototype.indexOf,
      startsWith: String.prototype.startsWith,
      endsWith: String.prototype.endsWith,
      apply: Reflect.apply,
      construct: Reflect.construct,
      iterator: Array.prototype[Symbol.iterator],
      stringify: JSON.stringify,
    };
    const boom = () => {
      throw new Error('page override called');
    };
    let created: InstanceType<typeof WS> | undefined;
    // Events built before the overrides: only the dispatch (what the network does) runs under them.
    const [e1, e2, e3] = [ping, data, data].map((d) => new MessageEvent('message', { data: d }));
    try {
      String.prototype.indexOf = boom;
      String.prototype.startsWith = boom;
      String.prototype.endsWith = boom;
      Reflect.apply = boom;
      Reflect.construct = boom;
      Array.prototype[Symbol.iterator] = boom;
      ws.dispatchEvent(e1 as Event);
      ws.dispatchEvent(e2 as Event);
      created = new WS('ws://x.test/cable');
      created.dispatchEvent(e3 as Event);
    } finally {
      Object.assign(String.prototype, {
        indexOf: saved.indexOf,
        startsWith: saved.startsWith,
        endsWith: saved.endsWith,
      });
      Reflect.apply = saved.apply;
      Reflect.construct = saved.construct;
      Array.prototype[Symbol.iterator] = saved.iterator;
    }
    expect(created).toBeInstanceOf(WS);
    expect(sent.map((m) => m.k)).toEqual(['frame', 'frame']);
    expect(JSON.stringify).toBe(saved.stringify);
  });

  it('page-defined Object.prototype accessors and toJSON are never reached', () => {
    const document = new EventTarget();
    const { FakeWS } = makeWebSocket();
    const w = { WebSocket: FakeWS, document, EventTarget, MessageEvent, CustomEvent } as unknown as Win;
    installOnechatHook(w);
    const details: string[] = [];
    document.addEventListener(HOOK_EVENT, (e) => details.push((e as CustomEvent<string>).detail));
    const WS = (w as unknown as { WebSocket: typeof FakeWS }).WebSocket;
    const touched: string[] = [];
    const OP = Object.prototype as unknown as Record<string, unknown>;
    const ev = new MessageEvent('message', { data });
    try {
      for (const k of ['attached', 'on', 'bubbles', 'ws', 'u', 'h'])
        Object.defineProperty(Object.prototype, k, {
          configurable: true,
          get: () => void touched.push(`get ${k}`),
          set: () => void touched.push(`set ${k}`),
        });
      OP.toJSON = () => 'hijacked';
      const ws = new WS('ws://x.test/cable');
      ws.dispatchEvent(ev);
    } finally {
      for (const k of ['attached', 'on', 'bubbles', 'ws', 'u', 'h', 'toJSON']) delete OP[k];
    }
    expect(touched).toEqual([]);
    expect(details).toEqual([JSON.stringify({ k: 'frame', p: 'onechat', u: 'ws://x.test/cable', d: data })]);
  });
});

describe('OneChat hook: the configuration comes from the bridge only (issue 14 item 9)', () => {
  const fakeConfig = (document: EventTarget) => {
    // The old wire: a `__config` hook command any page script could dispatch first, or again.
    const detail = {
      id: 'config',
      p: 'onechat',
      target: '__config',
      method: 'socketUrlSuffix',
      args: ['/x'],
    };
    document.dispatchEvent(new CustomEvent(HOOK_COMMAND_EVENT, { detail: JSON.stringify(detail) }));
    // A port of the page's own, offered as the bridge offers its own.
    const ch = new MessageChannel();
    ports.push(ch.port1);
    const taken = !document.dispatchEvent(
      new PortEvent(HOOK_PORT_EVENT, { ports: [ch.port2], cancelable: true }),
    );
    ch.port1.postMessage('/x');
    return taken;
  };

  it.each<Order>([
    'hook first',
    'bridge first',
  ])('%s: a configuration the page dispatches, before or after the bridge’s, is ignored', async (order) => {
    const { WS, sent, configure, document } = page(undefined, order);
    expect(fakeConfig(document)).toBe(false);
    const early = new WS('ws://x.test/cable');
    await configure('/cable');
    expect(fakeConfig(document)).toBe(false);
    await new Promise((r) => setTimeout(r, 20)); // what the page's port would have delivered by now
    const late = new WS('ws://x.test/cable?v=2');
    early.frame(data);
    late.frame(data);
    expect(sent.map((m) => (m as { u: string }).u)).toEqual(['ws://x.test/cable', 'ws://x.test/cable?v=2']);
  });

  it('a page asking for the port (hello) after the handshake gets nothing', () => {
    const { document, channel } = page();
    const offered: unknown[] = [];
    document.addEventListener(HOOK_PORT_EVENT, (e) => offered.push(e));
    withPortEvent(() => document.dispatchEvent(new Event(HOOK_HELLO_EVENT)));
    expect(offered).toEqual([]);
    // Nor once the bridge is configured when no hook ever took it (a site without a WebSocket hook).
    const lone = new EventTarget();
    const bridge = new HookChannel(lone as unknown as Document);
    withPortEvent(() => bridge.open());
    bridge.close();
    lone.addEventListener(HOOK_PORT_EVENT, (e) => offered.push(e));
    withPortEvent(() => lone.dispatchEvent(new Event(HOOK_HELLO_EVENT)));
    expect(offered).toEqual([]);
    expect(channel).toBeInstanceOf(HookChannel);
  });

  it('without a handshake (no bridge) every socket stays watched: nothing is lost, the bridge would filter', () => {
    const { WS, sent, document } = page(undefined, 'no bridge');
    const dispatchCommand = (d: unknown) =>
      document.dispatchEvent(new CustomEvent(HOOK_COMMAND_EVENT, { detail: JSON.stringify(d) }));
    dispatchCommand({
      id: 'config',
      p: 'onechat',
      target: '__config',
      method: 'socketUrlSuffix',
      args: ['/x'],
    });
    const a = new WS('ws://x.test/cable');
    const b = new WS('ws://x.test/elsewhere');
    a.frame(data);
    b.frame(data);
    expect(sent.map((m) => (m as { u: string }).u)).toEqual(['ws://x.test/cable', 'ws://x.test/elsewhere']);
  });
});

describe('hook and bridge share one socket URL rule (cable-wire.ts)', () => {
  it.each([
    ['ws://x.test/cable', '/cable', true],
    ['wss://x.test/app/cable?client=1', '/cable', true],
    ['ws://x.test/agent/socket?client=early', '/agent/socket', true],
    ['ws://x.test/echo', '/cable', false],
    ['ws://x.test/cable/extra', '/cable', false],
    ['ws://x.test/?p=/cable', '/cable', false],
    ['ws://x.test/anything', '', true], // the bridge's rule for a platform with no suffix
  ])('%s with suffix %s → %s', (url, suffix, expected) => {
    expect(socketUrlMatches(url, suffix)).toBe(expected);
  });
});
