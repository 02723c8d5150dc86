import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HookMessage } from '../../../src/messaging/hook-protocol';
import { installKommoHook } from '../../../src/platforms/kommo/hook';
import { KOMMO_CALLBACKS, KommoCallbackCapture } from '../../../src/platforms/kommo/schema';
import { callGlobal, declare, fakePage, type Slot, type Win } from './fake-page';

type Semantics = 'stacking' | 'last-wins';

/** The button code's loader: a stub that queues calls until button.js replaces it. */
function loaderStub(w: Record<string, unknown>): void {
  w.crmPlugin =
    w.crmPlugin ||
    ((...args: unknown[]) => {
      const self = w.crmPlugin as { q?: unknown[][] };
      if (!self.q) self.q = [];
      self.q.push(args);
    });
}

/**
 * A stand-in for button.js: takes over window.crmPlugin, drains the stub's queue, and keeps callbacks
 * either as a list per event (stacking) or one per event (last registration wins) — the seed does not say which.
 */
function buttonJs(w: Record<string, unknown>, semantics: Semantics) {
  const listeners: Record<string, Slot[]> = {};
  const calls: { self: unknown; args: unknown[] }[] = [];
  const real = function (this: unknown, name: unknown, ...rest: unknown[]) {
    calls.push({ self: this, args: [name, ...rest] });
    const cb = rest[0];
    if (typeof name === 'string' && name.startsWith('on') && typeof cb === 'function') {
      listeners[name] = semantics === 'stacking' ? [...(listeners[name] ?? []), cb as Slot] : [cb as Slot];
      return undefined;
    }
    return `did:${String(name)}`;
  };
  const queue = (w.crmPlugin as { q?: unknown[][] } | undefined)?.q ?? [];
  w.crmPlugin = real;
  for (const args of queue) Reflect.apply(real, w, args);
  /** What the button does when something happens: call every kept listener. */
  const fire = (name: string, ...args: unknown[]) => (listeners[name] ?? []).map((cb) => cb.apply(w, args));
  return { fire, listeners, calls, real };
}

function pageCallback() {
  const calls: { self: unknown; args: unknown[] }[] = [];
  const fn = function (this: unknown, ...args: unknown[]) {
    calls.push({ self: this, args });
    return 'page-result';
  };
  return { fn, calls };
}

const callbacks = (sent: HookMessage[]) =>
  sent.flatMap((m) => (m.k === 'event' ? [(m.d as { callback: string }).callback] : []));

afterEach(() => {
  vi.useRealTimers();
});

describe('Kommo hook: registration next to the page’s own callbacks', () => {
  it.each<[Semantics, boolean]>([
    ['stacking', true],
    ['stacking', false],
    ['last-wins', true],
    ['last-wins', false],
  ])('%s registration, page registers its own: %s — one report per event, page callback intact', (semantics, pageRegisters) => {
    const page = fakePage(installKommoHook);
    loaderStub(page.w);
    const own = pageCallback();
    if (pageRegisters) expect(callGlobal(page.w, 'crmPlugin', ['onChatShow', own.fn])).toBeUndefined();
    const button = buttonJs(page.w, semantics);

    const results = button.fire('onChatShow');
    button.fire('onConversationsChange', false);

    expect(callbacks(page.sent)).toEqual(['onChatShow', 'onConversationsChange']);
    if (pageRegisters) {
      expect(own.calls).toEqual([{ self: page.w, args: [] }]);
      expect(results).toContain('page-result');
    }
  });

  it('registers all five callbacks as soon as crmPlugin is assigned', () => {
    const page = fakePage(installKommoHook);
    loaderStub(page.w);
    const queued = (page.w.crmPlugin as { q: unknown[][] }).q;
    expect(queued.map((args) => args[0])).toEqual([...KOMMO_CALLBACKS]);
    expect(queued.every((args) => typeof args[1] === 'function')).toBe(true);
  });

  it('registers at install when crmPlugin already exists (hook injected late)', () => {
    const page = fakePage(installKommoHook, (w) => {
      buttonJs(w, 'stacking');
    });
    const button = buttonJs(page.w, 'stacking'); // a second instance (e.g. after runDestroy) is registered too
    button.fire('onChatReady');
    expect(callbacks(page.sent)).toEqual(['onChatReady']);
  });

  it('still registers when crmPlugin is a non-configurable global before install (no trap possible)', () => {
    const registered: unknown[] = [];
    const page = fakePage(installKommoHook, (w) => {
      declare(w, 'crmPlugin', (name: unknown) => registered.push(name));
    });
    expect(registered).toEqual([...KOMMO_CALLBACKS]);
    expect(Object.getOwnPropertyDescriptor(page.w, 'crmPlugin')).toMatchObject({ configurable: false });
  });

  it('onButtonClick and onConversationsChange carry their arguments and window.crmPluginConfig', () => {
    const page = fakePage(installKommoHook);
    page.w.crmPluginConfig = { onlinechat: { mode: 'widget', user_id: 'abc123' } };
    loaderStub(page.w);
    const button = buttonJs(page.w, 'stacking');
    const conversations = [
      {
        name: 'A123',
        is_closed: false,
        last_message: { created_at: 1, is_out: true, text: 'Hello', type: 'text' },
      },
    ];
    button.fire('onButtonClick', 'telegram', 'https://t.me/x');
    button.fire('onConversationsChange', conversations);
    const [click, change] = page.events();
    expect(click?.d).toEqual({
      callback: 'onButtonClick',
      args: ['telegram', 'https://t.me/x'],
      context: { config: { onlinechat: { mode: 'widget', user_id: 'abc123' } } },
    });
    expect(change?.d).toMatchObject({ callback: 'onConversationsChange', args: [conversations] });
    for (const e of page.events()) expect(KommoCallbackCapture.safeParse(e.d).success).toBe(true);
  });

  it('reports distinct snapshots, and the same event again once 100 ms have passed', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const page = fakePage(installKommoHook);
    loaderStub(page.w);
    const button = buttonJs(page.w, 'stacking');
    button.fire('onConversationsChange', []);
    button.fire('onConversationsChange', []); // a new array: a new snapshot
    button.fire('onChatShow');
    vi.advanceTimersByTime(150);
    button.fire('onChatShow');
    expect(callbacks(page.sent)).toEqual([
      'onConversationsChange',
      'onConversationsChange',
      'onChatShow',
      'onChatShow',
    ]);
  });
});

describe('Kommo hook: the page sees its own crmPlugin', () => {
  it('keeps identity, properties, `this`, arguments and return values', () => {
    const page = fakePage(installKommoHook);
    loaderStub(page.w);
    expect(page.w.crmPlugin).toBe(page.w.crmPlugin);
    expect(Array.isArray((page.w.crmPlugin as { q?: unknown }).q)).toBe(true);
    const button = buttonJs(page.w, 'stacking');
    const self = { caller: true };
    expect(callGlobal(page.w, 'crmPlugin', ['runChatShow', 1], self)).toBe('did:runChatShow');
    expect(button.calls.at(-1)).toEqual({ self, args: ['runChatShow', 1] });

    const own = pageCallback();
    callGlobal(page.w, 'crmPlugin', ['onButtonClick', own.fn]);
    const listenerSelf = { from: 'button' };
    const kept = button.listeners.onButtonClick?.at(-1);
    expect(kept?.call(listenerSelf, 'whatsapp', 'https://wa.me/1')).toBe('page-result');
    expect(own.calls).toEqual([{ self: listenerSelf, args: ['whatsapp', 'https://wa.me/1'] }]);
  });

  it('leaves other values and unknown registrations alone', () => {
    const page = fakePage(installKommoHook);
    expect(page.w.crmPlugin).toBeUndefined();
    page.w.crmPlugin = 'not a function';
    expect(page.w.crmPlugin).toBe('not a function');
    const button = buttonJs(page.w, 'stacking');
    const cb = () => 1;
    callGlobal(page.w, 'crmPlugin', ['onChatShow|onChatHide', cb]);
    expect(button.listeners['onChatShow|onChatHide']).toEqual([cb]);
  });

  it('never throws into the page when emitting fails', () => {
    const w: Record<string, unknown> = { document: new EventTarget() };
    installKommoHook(w as unknown as Win, () => {
      throw new Error('bridge gone');
    });
    loaderStub(w);
    const own = pageCallback();
    callGlobal(w, 'crmPlugin', ['onChatHide', own.fn]);
    const button = buttonJs(w, 'stacking');
    expect(button.fire('onChatHide')).toContain('page-result');
    expect(own.calls).toHaveLength(1);
  });
});

describe('Kommo hook: commands', () => {
  it('target crmPlugin + method calls crmPlugin(method, ...args)', () => {
    const page = fakePage(installKommoHook);
    const button = buttonJs(page.w, 'stacking');
    const reply = page.command({
      p: 'kommo',
      target: 'crmPlugin',
      method: 'sendKeyActionHook',
      args: ['Hook name'],
    });
    expect(button.calls.at(-1)).toEqual({ self: page.w, args: ['sendKeyActionHook', 'Hook name'] });
    expect(reply).toMatchObject({ k: 'reply', p: 'kommo', ok: true, d: 'did:sendKeyActionHook' });
  });

  it('target crm_plugin calls crm_plugin.setMeta with crm_plugin as `this`', () => {
    const seen: unknown[] = [];
    const crm_plugin = {
      setMeta(this: unknown, meta: unknown) {
        seen.push(this, meta);
      },
    };
    const page = fakePage(installKommoHook, (w) => {
      w.crm_plugin = crm_plugin;
    });
    const reply = page.command({
      p: 'kommo',
      target: 'crm_plugin',
      method: 'setMeta',
      args: [{ bot_params: { locale: 'com' } }],
    });
    expect(seen).toEqual([crm_plugin, { bot_params: { locale: 'com' } }]);
    expect(reply).toMatchObject({ ok: true });
  });

  it.each([
    ['crmPlugin', 'runChatShow'],
    ['crm_plugin', 'setMeta'],
    ['window', 'open'],
  ])('answers ok:false when %s is not there', (target, method) => {
    const page = fakePage(installKommoHook);
    expect(page.command({ p: 'kommo', target, method, args: [] })).toMatchObject({
      ok: false,
      e: expect.stringMatching(/unavailable/),
    });
  });

  it('answers ok:false with the error when the call throws, and ignores other platforms', () => {
    const page = fakePage(installKommoHook, (w) => {
      w.crmPlugin = () => {
        throw new Error('destroyed');
      };
    });
    expect(page.command({ p: 'kommo', target: 'crmPlugin', method: 'runChatHide', args: [] })).toMatchObject({
      ok: false,
      e: 'runChatHide threw: Error: destroyed',
    });
    expect(
      page.command({ p: 'jivochat', target: 'crmPlugin', method: 'runChatHide', args: [] }),
    ).toBeUndefined();
  });
});
