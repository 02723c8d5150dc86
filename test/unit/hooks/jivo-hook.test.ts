import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { HookMessage } from '../../../src/messaging/hook-protocol';
import { installJivoHook } from '../../../src/platforms/jivochat/hook';
import { JIVO_CALLBACKS, JivoCallbackCapture } from '../../../src/platforms/jivochat/schema';
import { callGlobal, declare, fakePage, type Slot, type Win } from './fake-page';

/** A page callback that records `this` and its arguments and returns a marker. */
function pageCallback() {
  const calls: { self: unknown; args: unknown[] }[] = [];
  const fn = function (this: unknown, ...args: unknown[]) {
    calls.push({ self: this, args });
    return 'page-result';
  };
  return { fn, calls };
}

type Order =
  | 'assigned before'
  | 'declared before'
  | 'assigned after'
  | 'declared after (MutationObserver)'
  | 'declared after (load)';

describe('Jivo hook: the page callback keeps working in every definition order', () => {
  it.each<Order>([
    'assigned before',
    'declared before',
    'assigned after',
    'declared after (MutationObserver)',
    'declared after (load)',
  ])('%s the hook', (order) => {
    const { fn, calls } = pageCallback();
    const name = 'jivo_onChangeState';
    const page = fakePage(installJivoHook, (w) => {
      if (order === 'assigned before') w[name] = fn;
      if (order === 'declared before') declare(w, name, fn);
    });
    if (order === 'assigned after') page.w[name] = fn;
    if (order.startsWith('declared after')) {
      declare(page.w, name, fn);
      // Before the re-arm the slot holds the bare page function: the declaration replaced the accessor.
      expect(page.w[name]).toBe(fn);
      if (order.endsWith('(load)')) page.load();
      else page.mutate();
    }

    const self = { widget: true };
    expect(callGlobal(page.w, name, ['chat/min', 7], self)).toBe('page-result');
    expect(calls).toEqual([{ self, args: ['chat/min', 7] }]);
    // The widget's own call shape: window.jivo_onX(...) → `this` is the window.
    callGlobal(page.w, name, ['chat']);
    expect(calls[1]?.self).toBe(page.w);
    expect(page.events().map((e) => e.d)).toEqual([
      { callback: name, args: ['chat/min', 7] },
      { callback: name, args: ['chat'] },
    ]);
  });

  it('every one of the ten slots is a callable wrapper even when the page defines none', () => {
    const page = fakePage(installJivoHook);
    for (const name of JIVO_CALLBACKS) expect(callGlobal(page.w, name, [])).toBeUndefined();
    expect(page.events().map((e) => (e.d as { callback: string }).callback)).toEqual([...JIVO_CALLBACKS]);
    expect(page.events().every((e) => e.p === 'jivochat')).toBe(true);
    // Only those ten: nothing else on the window was touched.
    expect(
      Object.keys(page.w)
        .filter((k) => k.startsWith('jivo_'))
        .sort(),
    ).toEqual([...JIVO_CALLBACKS].sort());
  });

  it('emits exactly the capture shape the worker validates', () => {
    const page = fakePage(installJivoHook);
    callGlobal(page.w, 'jivo_onCallEnd', [{ result: 'fail', reason: 'Callback disabled' }]);
    const [event] = page.events();
    expect(JivoCallbackCapture.safeParse(event?.d).success).toBe(true);
  });

  it('re-arms again when the page reassigns a declared callback', () => {
    const first = pageCallback();
    const second = pageCallback();
    const page = fakePage(installJivoHook);
    declare(page.w, 'jivo_onOpen', first.fn);
    page.mutate();
    page.w.jivo_onOpen = second.fn; // plain assignment to the now writable data property
    page.mutate();
    callGlobal(page.w, 'jivo_onOpen', []);
    expect(first.calls).toHaveLength(0);
    expect(second.calls).toHaveLength(1);
    expect(page.events()).toHaveLength(1);
  });

  it('a page that chains on the previous callback neither loops nor reports twice', () => {
    const page = fakePage(installJivoHook);
    const { fn, calls } = pageCallback();
    page.w.jivo_onLoadCallback = fn;
    const prev = page.w.jivo_onLoadCallback as Slot;
    const mine: string[] = [];
    page.w.jivo_onLoadCallback = function (this: unknown) {
      prev.call(this);
      mine.push('second');
      return 'chained';
    };
    expect(callGlobal(page.w, 'jivo_onLoadCallback', [])).toBe('chained');
    expect(calls).toHaveLength(1);
    expect(mine).toEqual(['second']);
    expect(page.events()).toHaveLength(1);
  });

  it("lets the page's exception through and still reports the call", () => {
    const page = fakePage(installJivoHook);
    page.w.jivo_onClose = () => {
      throw new Error('page bug');
    };
    expect(() => callGlobal(page.w, 'jivo_onClose', [])).toThrow('page bug');
    expect(page.events()).toHaveLength(1);
    // The slot is not left "busy": the next call reports again.
    expect(() => callGlobal(page.w, 'jivo_onClose', [])).toThrow('page bug');
    expect(page.events()).toHaveLength(2);
  });

  it('never throws into the page when emitting fails', () => {
    const w: Record<string, unknown> = { document: new EventTarget() };
    installJivoHook(w as unknown as Win, () => {
      throw new Error('bridge gone');
    });
    w.jivo_onOpen = () => 42;
    expect(callGlobal(w, 'jivo_onOpen', [])).toBe(42);
  });

  it('installs without a MutationObserver or a usable document, and never throws', () => {
    expect(() => installJivoHook({} as unknown as Win, () => {})).not.toThrow();
  });
});

describe('Jivo hook: enrichment from jivo_api', () => {
  it('attaches getContactInfo(), chatMode() and the visitor number once it is known', () => {
    const page = fakePage(installJivoHook);
    let answer: ((err: unknown, n: unknown) => void) | undefined;
    page.w.jivo_api = {
      getContactInfo: () => ({
        client_name: 'John Smith',
        email: 'email@example.com',
        phone: '+14084987855',
      }),
      chatMode: () => 'online',
      getVisitorNumber: (cb: (err: unknown, n: unknown) => void) => {
        answer = cb;
      },
    };
    callGlobal(page.w, 'jivo_onOpen', []);
    answer?.(null, 2846);
    callGlobal(page.w, 'jivo_onIntroduction', []);
    const [first, second] = page.events().map((e) => (e.d as { context: unknown }).context);
    expect(first).toEqual({
      contactInfo: { client_name: 'John Smith', email: 'email@example.com', phone: '+14084987855' },
      chatMode: 'online',
    });
    expect(second).toMatchObject({ visitorNumber: 2846, chatMode: 'online' });
  });

  it('a throwing jivo_api method costs only its own field', () => {
    const page = fakePage(installJivoHook);
    page.w.jivo_api = {
      getContactInfo: () => {
        throw new Error('x');
      },
      chatMode: () => 'offline',
    };
    callGlobal(page.w, 'jivo_onOpen', []);
    expect(page.events()[0]?.d).toEqual({
      callback: 'jivo_onOpen',
      args: [],
      context: { chatMode: 'offline' },
    });
  });
});

describe('Jivo hook: commands', () => {
  it('calls jivo_api.<method>(...args) with jivo_api as `this` and returns its value', () => {
    const page = fakePage(installJivoHook);
    const seen: unknown[] = [];
    const api = {
      setCustomData(this: unknown, fields: unknown) {
        seen.push(this, fields);
        return { result: 'fail', reason: 'Custom data must be array.' };
      },
    };
    page.w.jivo_api = api;
    const reply = page.command({
      p: 'jivochat',
      target: 'jivo_api',
      method: 'setCustomData',
      args: [{ a: 1 }],
    });
    expect(seen).toEqual([api, { a: 1 }]);
    expect(reply).toMatchObject({
      k: 'reply',
      p: 'jivochat',
      ok: true,
      d: { result: 'fail', reason: 'Custom data must be array.' },
    });
  });

  it.each([
    ['no jivo_api yet', undefined, 'jivo_api', 'open', /unavailable/],
    ['an unknown method', {}, 'jivo_api', 'nope', /unavailable/],
    ['another target', { open: () => 1 }, 'location', 'open', /unavailable/],
    [
      'a throwing method',
      {
        startCall: () => {
          throw new Error('boom');
        },
      },
      'jivo_api',
      'startCall',
      /startCall threw: Error: boom/,
    ],
  ])('answers ok:false for %s', (_label, api, target, method, error) => {
    const page = fakePage(installJivoHook, (w) => {
      if (api) w.jivo_api = api;
    });
    const reply = page.command({ p: 'jivochat', target, method, args: [] });
    expect(reply?.ok).toBe(false);
    expect(reply?.e).toMatch(error);
  });

  it('ignores commands for other platforms and malformed details', () => {
    const page = fakePage(installJivoHook, (w) => {
      w.jivo_api = { open: () => 1 };
    });
    expect(page.command({ p: 'kommo', target: 'jivo_api', method: 'open', args: [] })).toBeUndefined();
    (page.w.document as EventTarget).dispatchEvent(
      new CustomEvent('crm-bridge:command', { detail: '{not json' }),
    );
    (page.w.document as EventTarget).dispatchEvent(new CustomEvent('crm-bridge:command', { detail: 'null' }));
    expect(page.sent).toEqual([]);
  });

  it('still answers when the return value does not serialise', () => {
    const sent: HookMessage[] = [];
    const document = new EventTarget();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    installJivoHook({ document, jivo_api: { open: () => cyclic } } as unknown as Win, (m) =>
      sent.push(JSON.parse(JSON.stringify(m)) as HookMessage),
    );
    document.dispatchEvent(
      new CustomEvent('crm-bridge:command', {
        detail: JSON.stringify({ id: 'x', p: 'jivochat', target: 'jivo_api', method: 'open', args: [] }),
      }),
    );
    expect(sent).toEqual([{ k: 'reply', p: 'jivochat', id: 'x', ok: true }]);
  });

  it('uses the natives captured at install, not ones the page replaced later', () => {
    const sent: HookMessage[] = [];
    const document = new EventTarget();
    const w: Record<string, unknown> = { document, jivo_api: { close: () => 'closed' } };
    installJivoHook(w as unknown as Win, (m) => sent.push(m));
    const page = pageCallback();
    const detail = JSON.stringify({ id: 'n', p: 'jivochat', target: 'jivo_api', method: 'close', args: [] });
    const saved = { parse: JSON.parse, apply: Reflect.apply, define: Object.defineProperty };
    try {
      const broken = () => {
        throw new Error('replaced by the page');
      };
      JSON.parse = broken;
      Reflect.apply = broken;
      Object.defineProperty = broken;
      w.jivo_onOpen = page.fn;
      expect((w.jivo_onOpen as Slot).call(w, 'x')).toBe('page-result'); // not via Reflect.apply: it is broken
      document.dispatchEvent(new CustomEvent('crm-bridge:command', { detail }));
    } finally {
      JSON.parse = saved.parse;
      Reflect.apply = saved.apply;
      Object.defineProperty = saved.define;
    }
    expect(page.calls).toHaveLength(1);
    expect(sent).toEqual([
      { k: 'event', p: 'jivochat', d: { callback: 'jivo_onOpen', args: ['x'], context: {} } },
      { k: 'reply', p: 'jivochat', id: 'n', ok: true, d: 'closed' },
    ]);
  });
});

describe('Jivo hook: a real engine, real classic-script declarations (node:vm on this realm)', () => {
  const g = globalThis as unknown as Record<string, unknown>;
  afterEach(() => {
    delete g.document;
    delete g.MutationObserver;
    // Declared globals are non-configurable for good; the hook's accessors can go.
    for (const name of JIVO_CALLBACKS)
      if (Object.getOwnPropertyDescriptor(g, name)?.configurable) delete g[name];
  });

  it('catches `function jivo_onX(){}` declared before and after the hook, and `var` assignment after', () => {
    const observers: (() => void)[] = [];
    g.document = new EventTarget();
    g.MutationObserver = class {
      constructor(cb: () => void) {
        observers.push(cb);
      }
      observe() {}
    };
    vm.runInThisContext('function jivo_onCallEnd(res) { return "before:" + res.result; }');
    const sent: HookMessage[] = [];
    installJivoHook(globalThis as unknown as Win, (m) => sent.push(m));
    vm.runInThisContext('function jivo_onAccept() { return [this === globalThis, arguments.length]; }');
    // The spec's behaviour, which is why the hook re-arms: the declaration replaced our accessor.
    expect(Object.getOwnPropertyDescriptor(globalThis, 'jivo_onAccept')).toMatchObject({
      configurable: false,
      writable: true,
    });
    for (const cb of observers) cb();
    vm.runInThisContext('var jivo_onResizeCallback = function (w, h) { return w * h; };');

    expect(vm.runInThisContext('jivo_onCallEnd({ result: "ok" })')).toBe('before:ok');
    expect(vm.runInThisContext('jivo_onAccept(1, 2)')).toEqual([true, 2]);
    expect(vm.runInThisContext('globalThis.jivo_onResizeCallback(3, 4)')).toBe(12);
    expect(sent.map((m) => (m.k === 'event' ? (m.d as { callback: string }).callback : m.k))).toEqual([
      'jivo_onCallEnd',
      'jivo_onAccept',
      'jivo_onResizeCallback',
    ]);
  });
});
