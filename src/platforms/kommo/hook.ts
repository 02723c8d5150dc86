// MAIN-world hook for the Kommo button / online chat (seed 004 "JavaScript Methods", "Callbacks").
// Pure and dependency-free: it runs in the page at document_start, so it imports only the wire constants.
//
// `crmPlugin` appears only once the page's button code runs (a loader stub first, the real function
// later). Callbacks are registered with crmPlugin('onChatReady', cb) and the seed does not say whether
// a second registration adds a listener or replaces the first. So:
//  - an accessor trap on window.crmPlugin sees every function assigned to it and registers our five
//    listeners right away — before the page can register its own, so under "last one wins" the page's
//    still win and nothing of the page's is displaced;
//  - the getter hands the page a transparent Proxy of its function (same properties, e.g. a loader
//    queue `.q`; same `this`, arguments, return value) that wraps the page's own callbacks on the way
//    in, so their calls are reported too when the page's listener is the one that wins;
//  - both paths report the same dispatch, so an event seen twice within 100 ms with the same name and
//    the same first argument is reported once;
//  - no polling: the button code (which the seed does not show: "copied in the Kommo interface") is
//    assumed to assign crmPlugin — a queueing loader stub, then the real function — which the trap
//    always sees. Only a `function crmPlugin(){}` declaration would displace the trap (it redefines the
//    property, ECMA-262 CreateGlobalFunctionBinding); crmPlugin present at install is registered at once.
// Never throws into the page; natives are captured at install, before page scripts can replace them.
import {
  HOOK_COMMAND_EVENT,
  type HookCommand,
  type HookMessage,
  makeDetailReader,
} from '../../messaging/hook-protocol';

/** The five callbacks of seed "Callbacks"; schema.ts holds the typed list, a test checks both agree. */
const NAMES = 'onChatReady onChatShow onChatHide onButtonClick onConversationsChange';

/** `HookMessage.p` and `HookCommand.p` for this platform. */
export const KOMMO_HOOK_ID = 'kommo';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Emits `{k:'event', p:'kommo', d:{callback, args, context:{config}}}` per callback (schema.ts
 * KommoCallbackCapture) and answers `HookCommand`s: target 'crmPlugin' runs crmPlugin(method, ...args),
 * target 'crm_plugin' runs crm_plugin[method](...args). `emit` must serialise with natives captured at
 * install; if it throws, the event is dropped silently.
 */
export function installKommoHook(win: Window & typeof globalThis, emit: (msg: HookMessage) => void): void {
  try {
    const w = win as unknown as Record<string, unknown>;
    const doc = win.document;
    const gopd = Object.getOwnPropertyDescriptor;
    const apply = Reflect.apply;
    const parse = JSON.parse;
    const now = Date.now;
    const setProto = Object.setPrototypeOf;
    const detail = makeDetailReader(win);
    const names = NAMES.split(' ');
    const known: Record<string, Fn> = Object.create(null);
    let lastName: unknown;
    let lastArg: unknown;
    let lastAt = 0;

    const fire = (name: string, args: unknown[]) => {
      try {
        const t = now();
        if (name === lastName && args[0] === lastArg && t - lastAt < 100) return;
        lastName = name;
        lastArg = args[0];
        lastAt = t;
        emit({
          k: 'event',
          p: KOMMO_HOOK_ID,
          d: { callback: name, args, context: { config: w.crmPluginConfig } },
        });
      } catch {}
    };
    for (const name of names) {
      known[name] = (...args: unknown[]) => fire(name, args);
    }

    let registeredOn: unknown;
    const register = (f: unknown) => {
      if (typeof f !== 'function' || f === registeredOn) return;
      registeredOn = f;
      // Index loop: this runs after page scripts, which may have replaced Array iterators.
      for (let i = 0; i < names.length; i++) {
        try {
          apply(f as Fn, win, [names[i], known[names[i] as string]]);
        } catch {}
      }
    };

    // Null prototype: a page that pollutes Object.prototype cannot add traps to our Proxy.
    const handler: ProxyHandler<Fn> = Object.create(null);
    handler.apply = (target, self, a: unknown[]) => {
      const name = a[0];
      const cb = a[1];
      if (typeof name === 'string' && known[name] && typeof cb === 'function') {
        a[1] = function (this: unknown, ...b: unknown[]) {
          fire(name, b);
          return apply(cb as Fn, this, b);
        };
      }
      return apply(target, self, a);
    };
    let value: unknown;
    let seen: unknown;
    let proxy: unknown;
    const get = () => {
      if (value !== seen) {
        seen = value;
        proxy = typeof value === 'function' ? new Proxy(value as Fn, handler) : value;
      }
      return proxy;
    };

    const d = gopd(win, 'crmPlugin');
    if (d && 'value' in d) value = d.value;
    register(value);
    if (!d || d.configurable) {
      Object.defineProperty(win, 'crmPlugin', {
        __proto__: null,
        configurable: true,
        enumerable: true,
        get,
        set: (v: unknown) => {
          value = v;
          register(v);
        },
      } as PropertyDescriptor);
    }

    doc.addEventListener(HOOK_COMMAND_EVENT, (ev) => {
      try {
        const c = parse(detail(ev) as string) as HookCommand;
        if (c.p !== KOMMO_HOOK_ID) return; // null or foreign: not ours (null throws into the catch)
        const reply = (ok: boolean, d?: unknown, e?: string) => {
          const m = { k: 'reply', p: KOMMO_HOOK_ID, id: c.id, ok, d, e } as const satisfies HookMessage;
          try {
            emit(m);
          } catch {
            // A return value that does not serialise must still answer the command (a throw here
            // ends in the listener's own catch).
            emit({ ...m, d: undefined });
          }
        };
        // crmPlugin is itself the function: target 'crmPlugin' + method means crmPlugin(method, ...args).
        const plugin = c.target === 'crmPlugin';
        const self = (plugin ? w : c.target === 'crm_plugin' ? w.crm_plugin : undefined) as
          | Record<string, unknown>
          | undefined;
        const f = plugin ? w.crmPlugin : self?.[c.method];
        if (typeof f !== 'function') return reply(false, undefined, `${c.target} unavailable`);
        // Null prototype: appending never reaches a page-defined Array.prototype[i] setter.
        const args = setProto(plugin ? [c.method] : [], null) as unknown[];
        for (let i = 0; i < c.args.length; i++) args[args.length] = c.args[i];
        let r: unknown;
        try {
          r = apply(f as Fn, self, args);
        } catch (x) {
          return reply(false, undefined, `${c.method} threw: ${x}`);
        }
        reply(true, r);
      } catch {}
    });
  } catch {
    /* never throw into the page */
  }
}
