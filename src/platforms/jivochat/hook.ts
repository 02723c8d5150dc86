// MAIN-world hook for the JivoChat widget (seed 003 "JavaScript API → Callback functions"). Pure and
// dependency-free: it runs in the page at document_start, so it imports only the wire constants.
//
// The widget calls `window.jivo_onX(...)` when it exists. We keep a callable wrapper in each of the ten
// slots that reports the call and then runs the page's own function with the same `this` and arguments,
// returning its value (and letting its exceptions through, as before).
//
// Each wrapper is bound to one page function (see wrap()), so pages that chain callbacks keep working.
// How the page's function reaches us:
//  - assigned before we load (`window.jivo_onOpen = f`): read at install, replaced by our accessor;
//  - assigned after (`window.jivo_onOpen = f`, `var jivo_onOpen = f`): our accessor's setter stores it;
//  - declared after (`function jivo_onOpen(){}` in a classic script): per ECMA-262
//    CreateGlobalFunctionBinding, the declaration REDEFINES a configurable property as a
//    non-configurable, writable data property — the setter is never called. (A non-configurable
//    accessor would make the page's script throw instead, so that is not an option.) `check()` therefore
//    re-arms: it adopts the declared function and writes the wrapper back into the writable slot. It runs
//    from a MutationObserver (a microtask after each parser-inserted or injected inline script) and on
//    every `load` event in the document (external scripts).
//
// Never throws into the page; natives are captured at install, before page scripts can replace them.
import {
  HOOK_COMMAND_EVENT,
  type HookCommand,
  type HookMessage,
  makeDetailReader,
} from '../../messaging/hook-protocol';

/**
 * The ten callbacks in the seed's table order, minus the `jivo_on` prefix (kept short: this file ships
 * in the page hook). schema.ts holds the typed list; a test checks that both agree.
 */
const SUFFIXES =
  'LoadCallback Open MessageSent Accept Close Introduction ResizeCallback CallStart CallEnd ChangeState';

/** `HookMessage.p` and `HookCommand.p` for this platform. */
export const JIVO_HOOK_ID = 'jivochat';

type Fn = (this: unknown, ...args: unknown[]) => unknown;
interface JivoApi {
  getContactInfo?: () => unknown;
  chatMode?: () => unknown;
  getVisitorNumber?: (cb: (err: unknown, n: unknown) => void) => void;
}

/**
 * Emits `{k:'event', p:'jivochat', d:{callback, args, context?}}` per callback (schema.ts
 * JivoCallbackCapture) and answers `HookCommand`s for `jivo_api` with `{k:'reply', …}`. `emit` must
 * serialise with natives the caller captured at install (JSON.stringify, CustomEvent, dispatchEvent);
 * if it throws, the event is dropped silently.
 */
export function installJivoHook(win: Window & typeof globalThis, emit: (msg: HookMessage) => void): void {
  try {
    const w = win as unknown as Record<string, unknown>;
    const doc = win.document;
    const def = Object.defineProperty;
    const gopd = Object.getOwnPropertyDescriptor;
    const apply = Reflect.apply;
    const parse = JSON.parse;
    const hasOwn = Object.hasOwn;
    const create = Object.create;
    const detail = makeDetailReader(win);
    const names = SUFFIXES.split(' ');
    const n = names.length;
    /**
     * Per slot: the wrapper the widget currently gets, and whether a wrapper of that slot is running.
     * Null prototype: an index never set is not looked up on a page-defined Array.prototype[i].
     */
    const current = Object.setPrototypeOf([], null) as Fn[];
    const busy = Object.setPrototypeOf([], null) as boolean[];
    let visitorNumber: unknown;

    /** Enrichment read from jivo_api at the time of the callback; each read may fail on its own. */
    const context = () => {
      const api = w.jivo_api as JivoApi | undefined;
      if (!api) return undefined;
      // Null prototype: a page-defined Object.prototype setter must not swallow these assignments.
      const c = create(null) as Record<string, unknown>;
      try {
        c.contactInfo = api.getContactInfo?.();
      } catch {}
      try {
        c.chatMode = api.chatMode?.();
      } catch {}
      // Asynchronous (seed "getVisitorNumber"): asked until it answers, then cached for later events.
      try {
        if (visitorNumber == null)
          api.getVisitorNumber?.((err, num) => {
            if (!err) visitorNumber = num;
          });
      } catch {}
      c.visitorNumber = visitorNumber;
      return c;
    };

    for (let i = 0; i < n; i++) names[i] = `jivo_on${names[i]}`;

    /**
     * One wrapper per page function, bound to it: a page that chains (`var prev = window.jivo_onOpen;
     * window.jivo_onOpen = function(){ prev(); … }`) gets the previous wrapper as `prev`, which calls the
     * previous function — no loop. Only the outermost wrapper of a slot reports the call.
     */
    const wrap = (i: number, f: unknown): Fn =>
      (current[i] = function (this: unknown, ...args: unknown[]) {
        const outer = !busy[i];
        if (outer) {
          busy[i] = true;
          try {
            emit({ k: 'event', p: JIVO_HOOK_ID, d: { callback: names[i], args, context: context() } });
          } catch {
            /* the bridge is gone or the value does not serialise: the page must not notice */
          }
        }
        try {
          return typeof f === 'function' ? apply(f as Fn, this, args) : undefined;
        } finally {
          if (outer) busy[i] = false;
        }
      });

    const check = () => {
      for (let i = 0; i < n; i++) {
        try {
          const name = names[i] as string;
          const d = gopd(win, name);
          // Our accessor / wrapper, or a foreign accessor (own 'value' only: Object.prototype.value may exist).
          if (d && (!hasOwn(d, 'value') || d.value === current[i])) continue;
          const x = wrap(i, d?.value);
          if (!d || d.configurable) {
            // configurable: a later declaration must stay legal (CanDeclareGlobalFunction), see above.
            // Null prototype: a page-defined Object.prototype.value / writable must not spoil it.
            def(win, name, {
              __proto__: null,
              configurable: true,
              enumerable: true,
              get: () => current[i],
              set: (v: unknown) => {
                wrap(i, v);
              },
            } as PropertyDescriptor);
          } else if (d.writable) w[name] = x;
        } catch {}
      }
    };

    check();
    try {
      const MO = win.MutationObserver;
      if (MO) new MO(check).observe(doc, { childList: true, subtree: true });
    } catch {}
    doc.addEventListener('load', check, true);

    // Commands: only `jivo_api.<method>(...args)`; a returned {result:'fail', reason} goes back as data.
    doc.addEventListener(HOOK_COMMAND_EVENT, (ev) => {
      try {
        const c = parse(detail(ev) as string) as HookCommand;
        if (c.p !== JIVO_HOOK_ID) return; // null or foreign: not ours (null throws into the catch)
        const reply = (ok: boolean, d?: unknown, e?: string) => {
          const m = { k: 'reply', p: JIVO_HOOK_ID, id: c.id, ok, d, e } as const satisfies HookMessage;
          try {
            emit(m);
          } catch {
            // A return value that does not serialise must still answer the command (a throw here
            // ends in the listener's own catch).
            emit({ ...m, d: undefined });
          }
        };
        const api = c.target === 'jivo_api' ? (w.jivo_api as Record<string, unknown> | undefined) : undefined;
        const f = api?.[c.method];
        if (typeof f !== 'function') return reply(false, undefined, `${c.target}.${c.method} unavailable`);
        let d: unknown;
        try {
          d = apply(f as Fn, api, c.args);
        } catch (x) {
          return reply(false, undefined, `${c.method} threw: ${x}`);
        }
        reply(true, d);
      } catch {}
    });
  } catch {
    /* never throw into the page */
  }
}
