// MAIN-world hook for OneChat's ActionCable WebSocket (seed 001: "<your installation url>/cable").
// Pure and dependency-free: it runs in the page at document_start, so it imports only wire constants.
//
// `window.WebSocket` becomes a Proxy of the native constructor with a single `construct` trap: the
// socket is built natively (same arguments, same new.target, so `new WebSocket(url, protocols)`,
// subclassing, `instanceof`, WebSocket.OPEN…, `binaryType`, `onmessage` and `addEventListener` all
// behave as before) and, when its URL path ends with the configured suffix (default `/cable`), it gets
// three listeners of our own: open, close and message. Every other socket is returned untouched.
//
// Per frame of a watched socket: one cheap check (pings, every 3 s, start with `{"type":"ping"` and
// return at once); only frames carrying `"event"` or an ActionCable control type are relayed, raw, to
// the bridge, which parses them in the isolated world (never with the page's JSON).
//
// Every native used after install is captured at install, before page scripts can replace them, and
// called through the captured Reflect.apply; no array iteration protocol, no prototype lookups on our
// own objects (null-prototype handler, messages and event init). Never throws into the page.
import { HOOK_COMMAND_EVENT, HOOK_EVENT, type HookMessage } from '../../messaging/hook-protocol';

/** `HookMessage.p` / `HookCommand.p` for this platform. */
export const ONECHAT_HOOK_ID = 'onechat';
/** HookCommand target the bridge uses to send `args: [socketUrlSuffix]` (no reply). */
export const HOOK_CONFIG_TARGET = '__config';
export const DEFAULT_SOCKET_SUFFIX = '/cable';
/** The fast path: Rails ActionCable's ping frame, `{"type":"ping","message":1627061456}`. */
export const PING_PREFIX = '{"type":"ping"';
/** Control frames relayed for the connection state (confirm/reject carry `"identifier"` first in Rails). */
const CONTROL = [
  '"type":"welcome"',
  '"type":"confirm_subscription"',
  '"type":"reject_subscription"',
  '"type":"disconnect"',
];

type Fn = (...args: unknown[]) => unknown;
type Getter = (() => unknown) | undefined;
interface Watched {
  ws: object;
  u: string;
  /** Listening (attached) and relaying (on). */
  attached: boolean;
  on: boolean;
}

/** Sends each message as `document` CustomEvent(HOOK_EVENT, {detail: JSON string}) with natives captured now. */
export function domEmitter(win: Window & typeof globalThis): (m: HookMessage) => void {
  const apply = Reflect.apply;
  const stringify = JSON.stringify;
  const dispatch = win.EventTarget.prototype.dispatchEvent;
  const CE = win.CustomEvent;
  const doc = win.document;
  return (m) => {
    apply(dispatch, doc, [new CE(HOOK_EVENT, { __proto__: null, detail: stringify(m) } as CustomEventInit)]);
  };
}

/**
 * Installs the WebSocket tap on `win`. `emit` defaults to {@link domEmitter}; a throwing `emit` only
 * drops that relay. Sockets created before the bridge's `__config` command are kept (at most 50) and
 * re-checked against the configured suffix when it arrives.
 */
export function installOnechatHook(win: Window & typeof globalThis, emit?: (m: HookMessage) => void): void {
  try {
    const WS = win.WebSocket as unknown as (new (...a: unknown[]) => object) | undefined;
    if (typeof WS !== 'function') return;
    const apply = Reflect.apply;
    const construct = Reflect.construct;
    const gopd = Object.getOwnPropertyDescriptor;
    const parse = JSON.parse;
    const SP = String.prototype;
    const indexOf = SP.indexOf;
    const startsWith = SP.startsWith;
    const endsWith = SP.endsWith;
    const slice = SP.slice;
    const on = win.EventTarget.prototype.addEventListener;
    const doc = win.document;
    const send = emit ?? domEmitter(win);
    const getter = (C: unknown, k: string): Getter => {
      try {
        return gopd((C as { prototype: object }).prototype, k)?.get as Getter;
      } catch {
        return undefined;
      }
    };
    const urlGet = getter(WS, 'url');
    const dataGet = getter(win.MessageEvent, 'data');
    const codeGet = getter((win as unknown as { CloseEvent?: unknown }).CloseEvent, 'code');
    const detailGet = getter(win.CustomEvent, 'detail');
    const read = (g: Getter, o: object, k: string): unknown =>
      g ? apply(g, o, []) : (o as Record<string, unknown>)[k];
    const has = (s: string, x: string) => (apply(indexOf, s, [x]) as number) >= 0;

    let suffix = DEFAULT_SOCKET_SUFFIX;
    let configured = false;
    let early: Watched[] = [];

    const matches = (u: string) => {
      const q = apply(indexOf, u, ['?']) as number;
      return apply(endsWith, q < 0 ? u : (apply(slice, u, [0, q]) as string), [suffix]) as boolean;
    };
    const relay = (m: HookMessage) => {
      try {
        // Null prototype: JSON.stringify must not find a page-defined Object.prototype.toJSON.
        send({ __proto__: null, ...m } as unknown as HookMessage);
      } catch {
        /* the bridge is gone or detail does not serialise: the page must not notice */
      }
    };
    const attach = (w: Watched) => {
      w.on = true;
      if (w.attached) return;
      w.attached = true;
      const { ws, u } = w;
      apply(on, ws, [
        'open',
        () => {
          if (w.on) relay({ k: 'socket', p: ONECHAT_HOOK_ID, u, s: 'open' });
        },
      ]);
      apply(on, ws, [
        'close',
        (e: Event) => {
          if (!w.on) return;
          let code: unknown;
          try {
            code = read(codeGet, e, 'code');
          } catch {}
          relay({
            k: 'socket',
            p: ONECHAT_HOOK_ID,
            u,
            s: 'closed',
            code: typeof code === 'number' ? code : undefined,
          });
        },
      ]);
      apply(on, ws, [
        'message',
        (e: Event) => {
          try {
            const d = read(dataGet, e, 'data');
            if (typeof d !== 'string' || apply(startsWith, d, [PING_PREFIX]) || !w.on) return;
            let ok = has(d, '"event"');
            for (let i = 0; !ok && i < CONTROL.length; i++) ok = has(d, CONTROL[i] as string);
            if (ok) relay({ k: 'frame', p: ONECHAT_HOOK_ID, u, d });
          } catch {}
        },
      ]);
    };

    let proxy: unknown;
    const handler = {
      __proto__: null,
      construct(target: Fn, args: unknown[], newTarget: Fn) {
        // Built natively: a bad URL throws the native error to the page, exactly as before.
        const ws = construct(target as never, args, newTarget === proxy ? target : newTarget) as object;
        try {
          const u = read(urlGet, ws, 'url');
          if (typeof u === 'string') {
            // Every field own and no prototype: reads and writes never reach page-defined accessors.
            const w = { __proto__: null, ws, u, attached: false, on: false } as Watched;
            if (matches(u)) attach(w);
            if (!configured && early.length < 50) early[early.length] = w;
          }
        } catch {}
        return ws;
      },
    };
    proxy = new Proxy(WS, handler as unknown as ProxyHandler<typeof WS>);
    try {
      // `socket.constructor === WebSocket` stays true (the property is writable and configurable).
      Object.defineProperty(WS.prototype, 'constructor', { value: proxy });
    } catch {}
    (win as unknown as { WebSocket: unknown }).WebSocket = proxy;

    // Bridge → hook: the configured suffix. Sockets seen before it are re-checked once.
    apply(on, doc, [
      HOOK_COMMAND_EVENT,
      (ev: Event) => {
        try {
          const c = parse(read(detailGet, ev, 'detail') as string) as {
            p?: unknown;
            target?: unknown;
            args?: unknown[];
          };
          if (c.p !== ONECHAT_HOOK_ID || c.target !== HOOK_CONFIG_TARGET) return;
          const s = c.args?.[0];
          if (typeof s === 'string' && s !== '') suffix = s;
          const list = early;
          early = [];
          configured = true;
          for (let i = 0; i < list.length; i++) {
            const w = list[i] as Watched;
            if (matches(w.u)) attach(w);
            else w.on = false;
          }
        } catch {}
      },
    ]);
  } catch {
    /* never throw into the page */
  }
}
