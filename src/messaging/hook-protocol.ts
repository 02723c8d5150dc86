// The wire between MAIN-world page hooks and the isolated bridge content script. Both sides are
// in the page's reach, so the page can forge anything here: the bridge only forwards, and the worker
// validates. Details are JSON strings because Firefox cannot pass objects across worlds.
// No imports: page hooks must stay tiny and dependency-free.

/** Hook → bridge: `document` CustomEvent whose detail is JSON.stringify(HookMessage). */
export const HOOK_EVENT = 'crm-bridge:hook';
/** Bridge → hook: `document` CustomEvent whose detail is JSON.stringify(HookCommand). */
export const HOOK_COMMAND_EVENT = 'crm-bridge:command';
/**
 * The bridge's private channel to the WebSocket hook (issue 14 item 9: a page could dispatch a fake
 * configuration first and silence the real socket). Hook and bridge both run at document_start, before
 * any page script, so the handshake is over before the page can take part: the hook dispatches
 * HOOK_HELLO_EVENT (a plain event) at install; the bridge dispatches HOOK_PORT_EVENT, a cancelable
 * `MessageEvent` whose `ports[0]` is its end of a MessageChannel (a MessagePort crosses worlds, an
 * object detail would not), at start and on a hello; the hook takes the first port and cancels the
 * event, which tells the bridge synchronously that it is taken. Both sides stop listening then.
 * Configuration goes through that port only (content-script side: src/content/hook-channel.ts).
 */
export const HOOK_HELLO_EVENT = 'crm-bridge:hello';
export const HOOK_PORT_EVENT = 'crm-bridge:port';

export type HookMessage =
  /** A platform event captured in the page (payload is the platform's own shape, unvalidated). */
  | { k: 'event'; p: string; d: unknown }
  /** A raw WebSocket text frame of interest (parsed in the isolated world, never with the page's JSON). */
  | { k: 'frame'; p: string; u: string; d: string }
  /** WebSocket lifecycle seen by the hook: open / close. */
  | { k: 'socket'; p: string; u: string; s: 'open' | 'closed'; code?: number }
  /** Answer to a HookCommand. */
  | { k: 'reply'; p: string; id: string; ok: boolean; d?: unknown; e?: string };

export interface HookCommand {
  id: string;
  /** Platform the command is for. */
  p: string;
  /** Dotted path of the page API object, e.g. `jivo_api`, `crm_plugin`; `crmPlugin` for the function itself. */
  target: string;
  method: string;
  args: unknown[];
}

/** Bridge → hook: `cmd` as the `document` CustomEvent(HOOK_COMMAND_EVENT) the page hooks answer. */
export function sendHookCommand(doc: EventTarget, cmd: HookCommand): void {
  doc.dispatchEvent(new CustomEvent(HOOK_COMMAND_EVENT, { detail: JSON.stringify(cmd) }));
}

/**
 * A copy of `v` built from null-prototype objects and arrays with natives captured now, so
 * JSON.stringify finds no page-defined `toJSON` (Object.prototype.toJSON, Array.prototype.toJSON) on
 * the way: a page must not rewrite or suppress real widget events (issue 14 item 9). Own enumerable
 * string keys, as JSON.stringify reads them; functions and symbols are left out as it would leave
 * them out; deeper than 32 levels (a cycle, say) becomes null instead of losing the whole event.
 */
export function makePlainCopy(): (v: unknown) => unknown {
  const keys = Object.keys;
  const isArray = Array.isArray;
  const proto = Object.setPrototypeOf;
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (typeof v !== 'object' || v === null) return v;
    if (depth > 32) return null;
    const array = isArray(v);
    const out = proto(array ? [] : {}, null) as Record<string, unknown>;
    if (array) out.length = (v as unknown[]).length; // holes serialise as null, as before
    const k = keys(v);
    for (let i = 0; i < k.length; i++) {
      const key = k[i] as string;
      out[key] = copy((v as Record<string, unknown>)[key], depth + 1);
    }
    return out;
  };
  return (v) => copy(v, 0);
}

/** Reads a CustomEvent's detail with the native getter captured now (a page may replace it later). */
export function makeDetailReader(win: Window & typeof globalThis): (ev: Event) => unknown {
  const apply = Reflect.apply;
  let get: (() => unknown) | undefined;
  try {
    get = Object.getOwnPropertyDescriptor(win.CustomEvent.prototype, 'detail')?.get;
  } catch {}
  return (ev) => (get ? apply(get, ev, []) : (ev as CustomEvent).detail);
}

/**
 * Sends each message as a `document` CustomEvent(HOOK_EVENT) whose detail is its JSON string, with
 * natives captured now (a hook runs at document_start, before any page script), so a page that later
 * replaces JSON.stringify, CustomEvent or dispatchEvent cannot intercept, rewrite or break it. The
 * message is stringified as it is: enough for messages of strings and numbers in a null-prototype
 * object (the WebSocket hook's, whose 3 KB bundle cannot carry makePlainCopy); hooks relaying page
 * objects use {@link makeHookEmitter}.
 */
export function makeDomEmitter(win: Window & typeof globalThis): (m: HookMessage) => void {
  const doc = win.document;
  const stringify = JSON.stringify;
  const Custom = win.CustomEvent;
  const dispatch = win.EventTarget.prototype.dispatchEvent;
  const apply = Reflect.apply;
  return (m) => {
    // A null-prototype init dictionary: its members are read without reaching Object.prototype.
    apply(dispatch, doc, [
      new Custom(HOOK_EVENT, { __proto__: null, detail: stringify(m) } as CustomEventInit),
    ]);
  };
}

/**
 * The emitter page hooks relaying page objects go through: {@link makeDomEmitter} on a
 * {@link makePlainCopy} of the message, so a `toJSON` or an accessor a page defines on
 * Object.prototype or Array.prototype cannot rewrite or break it either.
 */
export function makeHookEmitter(win: Window & typeof globalThis): (m: HookMessage) => void {
  const send = makeDomEmitter(win);
  const plain = makePlainCopy();
  return (m) => send(plain(m) as HookMessage);
}
