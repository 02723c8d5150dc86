// The wire between MAIN-world page hooks and the isolated bridge content script. Both sides are
// in the page's reach, so the page can forge anything here: the bridge only forwards, and the worker
// validates. Details are JSON strings because Firefox cannot pass objects across worlds.
// No imports: page hooks must stay tiny and dependency-free.

/** Hook → bridge: `document` CustomEvent whose detail is JSON.stringify(HookMessage). */
export const HOOK_EVENT = 'crm-bridge:hook';
/** Bridge → hook: `document` CustomEvent whose detail is JSON.stringify(HookCommand). */
export const HOOK_COMMAND_EVENT = 'crm-bridge:command';

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

/**
 * The emitter page hooks relay through: a `document` CustomEvent with a JSON string detail, built
 * with natives captured now (the hook runs at document_start, before any page script), so a page that
 * later replaces JSON.stringify, CustomEvent or dispatchEvent cannot intercept or break it.
 */
export function makeHookEmitter(win: Window & typeof globalThis): (m: HookMessage) => void {
  const doc = win.document;
  const stringify = win.JSON.stringify;
  const Custom = win.CustomEvent;
  const dispatch = win.EventTarget.prototype.dispatchEvent;
  const apply = Reflect.apply;
  return (m) => {
    apply(dispatch, doc, [new Custom(HOOK_EVENT, { detail: stringify(m) })]);
  };
}
