// A fake page for the MAIN-world hooks: a plain object as `window` with an EventTarget as `document`
// (no jsdom/happy-dom in node_modules), a MutationObserver whose callbacks the test fires by hand, and
// the hook's messages collected after a JSON round trip, as the bridge would see them.
import { type HookCommand, type HookMessage, sendHookCommand } from '../../../src/messaging/hook-protocol';

export type Win = Window & typeof globalThis;
export type Slot = (this: unknown, ...args: unknown[]) => unknown;
export type Reply = Extract<HookMessage, { k: 'reply' }>;
export type Captured = Extract<HookMessage, { k: 'event' }>;

export interface FakePage {
  /** The fake window, as a record so tests can assign and declare globals on it. */
  w: Record<string, unknown>;
  sent: HookMessage[];
  events(): Captured[];
  replies(): Reply[];
  /** Runs the MutationObserver callbacks, as after a script element is parsed or injected. */
  mutate(): void;
  /** Dispatches a `load` event on the document, as after an external script ran. */
  load(): void;
  /** Sends a HookCommand the way the bridge does and returns the reply the hook emitted for it. */
  command(cmd: Omit<HookCommand, 'id'>): Reply | undefined;
}

export function fakePage(
  install: (win: Win, emit: (m: HookMessage) => void) => void,
  before?: (w: Record<string, unknown>) => void,
): FakePage {
  const document = new EventTarget();
  const observers: (() => void)[] = [];
  class FakeMutationObserver {
    constructor(cb: () => void) {
      observers.push(cb);
    }
    observe() {}
    disconnect() {}
  }
  const w: Record<string, unknown> = { document, MutationObserver: FakeMutationObserver };
  before?.(w);
  const sent: HookMessage[] = [];
  install(w as unknown as Win, (m) => sent.push(JSON.parse(JSON.stringify(m)) as HookMessage));
  let seq = 0;
  const replies = () => sent.filter((m): m is Reply => m.k === 'reply');
  return {
    w,
    sent,
    events: () => sent.filter((m): m is Captured => m.k === 'event'),
    replies,
    mutate: () => {
      for (const cb of observers) cb();
    },
    load: () => document.dispatchEvent(new Event('load')),
    command: (cmd) => {
      const id = `t${++seq}`;
      sendHookCommand(document, { id, ...cmd });
      return replies().find((r) => r.id === id);
    },
  };
}

/**
 * What a classic script's `function name(){}` does to a global that is already a configurable property
 * (ECMA-262 CreateGlobalFunctionBinding): redefines it as a non-configurable, writable data property.
 */
export function declare(w: Record<string, unknown>, name: string, fn: unknown): void {
  Object.defineProperty(w, name, { value: fn, writable: true, enumerable: true, configurable: false });
}

/** Calls a global as the widget does (`window.name(...)`), or with an explicit `this`. */
export function callGlobal(
  w: Record<string, unknown>,
  name: string,
  args: unknown[],
  self: unknown = w,
): unknown {
  const f = w[name];
  if (typeof f !== 'function') throw new Error(`${name} is not callable`);
  return Reflect.apply(f as Slot, self, args);
}
