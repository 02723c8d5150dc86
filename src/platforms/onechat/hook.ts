// MAIN-world hook for OneChat's ActionCable WebSocket (seed 001: "<your installation url>/cable").
// Pure and dependency-free: it runs in the page at document_start, so it imports only wire constants.
//
// `window.WebSocket` becomes a Proxy of the native constructor with a single `construct` trap: the
// socket is built natively (same arguments, same new.target, so `new WebSocket(url, protocols)`,
// subclassing, `instanceof`, WebSocket.OPEN…, `binaryType` and `addEventListener` all behave as
// before) and, when its URL path ends with the configured suffix (default `/cable`; every socket until
// the bridge has sent the configuration, see installOnechatHook), it is watched:
// open and close listeners of our own, and the frames, seen one of two ways:
// - the page's `onmessage` handler (what @rails/actioncable's Connection#installEventHandlers sets) is
//   wrapped: an own `onmessage` accessor on the socket stores the page's function (the getter returns
//   it unchanged) and gives the native attribute a wrapper that checks the frame, then calls it. No
//   listener of our own is dispatched per frame: in Blink each listener call costs a context entry and
//   a microtask checkpoint, about as much as our check itself (bench/ws-hook.ts; docs/benchmarks.md, "What limits…");
// - while no `onmessage` function is set (a page using only addEventListener), a `message` listener of
//   our own does the same check. Exactly one of the two is active at a time, so no frame is missed or
//   relayed twice.
import {
  HOOK_HELLO_EVENT,
  HOOK_PORT_EVENT,
  type HookMessage,
  makeDomEmitter,
} from '../../messaging/hook-protocol';
import { apply, DEFAULT_SOCKET_SUFFIX, isRelayedFrame, socketUrlMatches } from './cable-wire';

/** `HookMessage.p` / `HookCommand.p` for this platform. */
export const ONECHAT_HOOK_ID = 'onechat';

type Fn = (...args: unknown[]) => unknown;
type Getter = (() => unknown) | undefined;
interface Watched {
  ws: object;
  u: string;
  /** Listening (attached) and relaying (on). */
  attached: boolean;
  on: boolean;
  /** The page's `onmessage` value as it set it (what the getter returns). */
  h: unknown;
}

/**
 * Installs the WebSocket tap on `win`. `emit` defaults to {@link makeDomEmitter}; a throwing `emit` only
 * drops that relay. The configured suffix comes only through the bridge's private port (hook-protocol.ts
 * HOOK_PORT_EVENT), taken once at install: nothing a page dispatches later is accepted. Sockets created
 * before it arrives are all watched, and kept (at most 50) to be re-checked against the suffix when it
 * arrives: those of other paths then go quiet (their listeners and wrapper return at once). Without a
 * handshake (no bridge) every socket stays watched: safe, the bridge filters relays by the suffix.
 */
export function installOnechatHook(win: Window & typeof globalThis, emit?: (m: HookMessage) => void): void {
  try {
    const WS = win.WebSocket as unknown as (new (...a: unknown[]) => object) | undefined;
    if (typeof WS !== 'function') return;
    const construct = Reflect.construct;
    const gopd = Object.getOwnPropertyDescriptor;
    const ET = win.EventTarget.prototype;
    const on = ET.addEventListener;
    const off = ET.removeEventListener;
    const defineProperty = Object.defineProperty;
    const doc = win.document;
    const send = emit ?? makeDomEmitter(win);
    const desc = (C: unknown, k: string): PropertyDescriptor | undefined => {
      try {
        return gopd((C as { prototype: object }).prototype, k);
      } catch {
        return undefined;
      }
    };
    const urlGet = desc(WS, 'url')?.get as Getter;
    const dataGet = desc(win.MessageEvent, 'data')?.get as Getter;
    const handlerAttr = desc(WS, 'onmessage');
    const handlerGet = handlerAttr?.get as Getter;
    const handlerSet = handlerAttr?.set as ((v: unknown) => void) | undefined;
    const codeGet = desc((win as unknown as { CloseEvent?: unknown }).CloseEvent, 'code')?.get as Getter;
    const read = (g: Getter, o: object, k: string): unknown =>
      g ? apply(g, o, []) : (o as Record<string, unknown>)[k];

    let suffix = DEFAULT_SOCKET_SUFFIX;
    let configured = false;
    let early: Watched[] = [];

    // `k` and `p` (this platform) first, as in HookMessage; the rest of the message after them.
    const relay = <K extends 'socket' | 'frame'>(
      k: K,
      m: Omit<Extract<HookMessage, { k: K }>, 'k' | 'p'>,
    ) => {
      try {
        // Null prototype: JSON.stringify must not find a page-defined Object.prototype.toJSON.
        send({ __proto__: null, k, p: ONECHAT_HOOK_ID, ...m } as unknown as HookMessage);
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
          if (w.on) relay('socket', { u, s: 'open' });
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
          relay('socket', {
            u,
            s: 'closed',
            code: typeof code === 'number' ? code : undefined,
          });
        },
      ]);
      // Our own `message` listener and the body of the onmessage wrapper alike.
      const check = (e: Event) => {
        try {
          if (!w.on) return;
          const d = read(dataGet, e, 'data');
          if (typeof d === 'string' && isRelayedFrame(d)) relay('frame', { u, d });
        } catch {}
      };
      const listen = () => apply(on, ws, ['message', check]);
      // Only with the native attribute's own accessors can a handler be wrapped; otherwise listen.
      if (!handlerGet || !handlerSet) return void listen();
      // Never throws into the page: whatever fails, the page's handler is set and we listen instead.
      const setHandler = (h: unknown) => {
        w.h = h;
        if (typeof h === 'function') {
          try {
            apply(off, ws, ['message', check]);
            apply(handlerSet, ws, [
              function (this: unknown, e: Event) {
                check(e);
                return apply(h as Fn, this, [e]);
              },
            ]);
            return;
          } catch {}
        }
        try {
          apply(handlerSet, ws, [h]);
        } catch {}
        try {
          listen();
        } catch {}
      };
      try {
        // A handler set before we attached (a socket re-checked at configuration) is wrapped too.
        const current = apply(handlerGet, ws, []);
        defineProperty(ws, 'onmessage', {
          __proto__: null,
          // Not enumerable, like no own property at all: Object.keys(socket) stays [].
          configurable: true,
          get: () => w.h,
          set: setHandler,
        } as PropertyDescriptor);
        setHandler(current);
      } catch {
        listen();
      }
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
            const w = { __proto__: null, ws, u, attached: false, on: false, h: null } as Watched;
            // Until the bridge's port names the suffix, every socket is watched: a frame that
            // arrives before it would be lost otherwise. The bridge drops those of other paths.
            if (!configured || socketUrlMatches(u, suffix)) attach(w);
            if (!configured && early.length < 50) early[early.length] = w;
          }
        } catch {}
        return ws;
      },
    };
    proxy = new Proxy(WS, handler as unknown as ProxyHandler<typeof WS>);
    try {
      // `socket.constructor === WebSocket` stays true (the property is writable and configurable).
      defineProperty(WS.prototype, 'constructor', { value: proxy });
    } catch {}
    (win as unknown as { WebSocket: unknown }).WebSocket = proxy;

    // Bridge → hook: the configured suffix, over the private port only. Sockets seen before it are
    // re-checked once. Later messages (settings changed) can only come from the bridge too.
    const configure = (e: Event) => {
      try {
        const s = read(dataGet, e, 'data');
        if (s && typeof s === 'string') suffix = s;
        const list = early;
        early = [];
        configured = true;
        for (let i = 0; i < list.length; i++) {
          const w = list[i] as Watched;
          if (socketUrlMatches(w.u, suffix)) attach(w);
          else w.on = false;
        }
      } catch {}
    };
    // The handshake runs at document_start (at install, or when the bridge is injected), before any
    // page script: the natives are still the page's originals, so plain calls are safe here.
    // Cannot throw: `ports` is a (possibly empty) array of MessagePorts, or undefined on another event type.
    const take = (ev: Event) => {
      const port = (ev as MessageEvent).ports?.[0];
      if (!port) return;
      doc.removeEventListener(HOOK_PORT_EVENT, take);
      ev.preventDefault(); // tells the bridge, synchronously, that its port is taken
      port.onmessage = configure;
    };
    doc.addEventListener(HOOK_PORT_EVENT, take);
    doc.dispatchEvent(new win.CustomEvent(HOOK_HELLO_EVENT));
  } catch {
    /* never throw into the page */
  }
}
