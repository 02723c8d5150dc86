// Issue 14 item 9: the JivoChat and Kommo hooks run in the page's own world, whose prototypes the page
// can patch after the hooks installed. A page-defined toJSON, Object.prototype accessor or replaced
// CustomEvent.prototype.detail must not rewrite or suppress a real widget event, nor a bridge command.
import { afterEach, describe, expect, it } from 'vitest';
import { HOOK_COMMAND_EVENT, HOOK_EVENT, makeHookEmitter } from '../../../src/messaging/hook-protocol';
import { installJivoHook } from '../../../src/platforms/jivochat/hook';
import { installKommoHook } from '../../../src/platforms/kommo/hook';
import { callGlobal, type Win } from './fake-page';

const nativeDetail = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail') as PropertyDescriptor;
const readDetail = (e: Event) => Reflect.apply(nativeDetail.get as () => unknown, e, []) as string;

/** Patches the page makes after the hooks installed; each returns its undo. */
const PATCHES: Array<[string, () => () => void]> = [
  [
    'Object.prototype.toJSON rewriting every object',
    () => define(Object.prototype, 'toJSON', () => ({ forged: 1 })),
  ],
  [
    'Object.prototype.toJSON suppressing (undefined)',
    () => define(Object.prototype, 'toJSON', () => undefined),
  ],
  ['Array.prototype.toJSON', () => define(Array.prototype, 'toJSON', () => 'forged')],
  [
    'Object.prototype accessors (context, descriptor and init members)',
    () => {
      const undo = ['contactInfo', 'chatMode', 'visitorNumber', 'detail', 'value', 'writable', 'bubbles'].map(
        (k) => accessor(Object.prototype, k),
      );
      return () => {
        for (const u of undo) u();
      };
    },
  ],
  ['Array.prototype index setters', () => accessor(Array.prototype, '0')],
];

function define(target: object, key: string, value: unknown): () => void {
  Object.defineProperty(target, key, {
    __proto__: null,
    configurable: true,
    writable: true,
    value,
  } as PropertyDescriptor);
  return () => delete (target as Record<string, unknown>)[key];
}
function accessor(target: object, key: string): () => void {
  // Null-prototype descriptor: once Object.prototype.value exists, a plain literal would be invalid.
  const d = { __proto__: null, configurable: true, get: () => 'forged', set: () => {} };
  Object.defineProperty(target, key, d as PropertyDescriptor);
  return () => delete (target as Record<string, unknown>)[key];
}

interface Setup {
  w: Record<string, unknown>;
  /** What the bridge received (a Map: the page may have patched Array.prototype[0] meanwhile). */
  details: Map<number, string>;
  /** Makes the widget report one real event. */
  fire(): void;
  /** What that event must look like at the bridge. */
  expected: unknown;
}

function fakeWindow(): { w: Record<string, unknown>; details: Map<number, string> } {
  const document = new EventTarget();
  const details = new Map<number, string>();
  document.addEventListener(HOOK_EVENT, (e) => details.set(details.size, readDetail(e)));
  class MO {
    observe() {}
  }
  return { w: { document, JSON, CustomEvent, EventTarget, MutationObserver: MO }, details };
}

const HOOKS: Record<'jivochat' | 'kommo', () => Setup> = {
  jivochat: () => {
    const { w, details } = fakeWindow();
    w.jivo_api = { getContactInfo: () => ({ client_name: 'Ann' }), chatMode: () => 'online' };
    installJivoHook(w as unknown as Win, makeHookEmitter(w as unknown as Win));
    return {
      w,
      details,
      fire: () => callGlobal(w, 'jivo_onChangeState', ['chat', { nested: [1, 'x'] }]),
      expected: {
        k: 'event',
        p: 'jivochat',
        d: {
          callback: 'jivo_onChangeState',
          args: ['chat', { nested: [1, 'x'] }],
          context: { contactInfo: { client_name: 'Ann' }, chatMode: 'online' },
        },
      },
    };
  },
  kommo: () => {
    const { w, details } = fakeWindow();
    const callbacks: Record<string, (...a: unknown[]) => unknown> = {};
    w.crmPluginConfig = { id: 7 };
    w.crmPlugin = (name: string, cb: (...a: unknown[]) => unknown) => {
      callbacks[name] = cb;
    };
    installKommoHook(w as unknown as Win, makeHookEmitter(w as unknown as Win));
    return {
      w,
      details,
      fire: () => callbacks.onConversationsChange?.({ count: 2, ids: [1, 2] }),
      expected: {
        k: 'event',
        p: 'kommo',
        d: {
          callback: 'onConversationsChange',
          args: [{ count: 2, ids: [1, 2] }],
          context: { config: { id: 7 } },
        },
      },
    };
  },
};

let undo: (() => void) | undefined;
afterEach(() => {
  undo?.();
  undo = undefined;
});

describe.each(Object.keys(HOOKS) as Array<keyof typeof HOOKS>)('%s hook under a hostile page', (id) => {
  it.each(PATCHES)('%s: the real event reaches the bridge unchanged', (_name, patch) => {
    const s = HOOKS[id]();
    undo = patch();
    s.fire();
    undo();
    undo = undefined;
    expect([...s.details.values()].map((d) => JSON.parse(d))).toEqual([s.expected]);
  });

  it('a replaced CustomEvent.prototype.detail cannot rewrite the bridge’s command', () => {
    const s = HOOKS[id]();
    const called: string[] = [];
    const command =
      id === 'jivochat'
        ? { target: 'jivo_api', method: 'open', args: [] }
        : { target: 'crm_plugin', method: 'setMeta', args: [] };
    if (id === 'jivochat')
      s.w.jivo_api = { open: () => called.push('open'), close: () => called.push('close') };
    else
      s.w.crm_plugin = { setMeta: () => called.push('setMeta'), runDestroy: () => called.push('runDestroy') };
    const forged = JSON.stringify({
      id: 'c1',
      p: id,
      ...command,
      method: id === 'jivochat' ? 'close' : 'runDestroy',
    });
    undo = (() => {
      Object.defineProperty(CustomEvent.prototype, 'detail', { configurable: true, get: () => forged });
      return () => Object.defineProperty(CustomEvent.prototype, 'detail', nativeDetail);
    })();
    const detail = JSON.stringify({ id: 'c1', p: id, ...command });
    (s.w.document as EventTarget).dispatchEvent(new CustomEvent(HOOK_COMMAND_EVENT, { detail }));
    undo();
    undo = undefined;
    expect(called).toEqual([command.method]);
  });
});
