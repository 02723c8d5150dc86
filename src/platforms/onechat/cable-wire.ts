// What the OneChat tap needs of Rails ActionCable's wire ("actioncable-v1-json"), in one place: the
// socket-suffix match and the control-frame types with the connection state each means. Used by the
// MAIN-world hook (hook.ts), by the content side through src/platforms/content.ts (as data: the bridge
// carries no platform code) and by protocol.ts. Zero dependencies and tiny: it is bundled into
// hook-onechat.js (3 KB budget). Natives are captured when the module loads, which in the hook is
// document_start, before any page script can replace them.
/** Reflect.apply as the module found it (the hook uses it too: one copy in its bundle). */
export const apply = Reflect.apply;
const { indexOf, startsWith, endsWith } = String.prototype;

export const DEFAULT_SOCKET_SUFFIX = '/cable';

/** Does the socket URL's path (its query left out) end with `suffix`? */
export function socketUrlMatches(url: string, suffix: string): boolean {
  const q = apply(indexOf, url, ['?']) as number;
  return apply(endsWith, url, [suffix, q < 0 ? url.length : q]) as boolean;
}

/** ActionCable's keep-alive (@rails/actioncable src/internal.js `message_types.ping`): not relayed. */
export const PING_TYPE = 'ping';
/** The other control frames (`message_types`), and below, index for index, the connection state each means. */
export const CONTROL_TYPES = [
  'welcome',
  'confirm_subscription',
  'reject_subscription',
  'disconnect',
] as const;
export const CONTROL_STATES = ['connected', 'subscribed', 'rejected', 'disconnected'] as const;
export type ControlState = (typeof CONTROL_STATES)[number];
/** The key naming a frame's type, and the one a disconnect frame gives its reason in. */
export const TYPE_KEY = 'type';
export const REASON_KEY = 'reason';

/** The connection state a frame `type` means, or undefined (ping, data frames, anything else). */
export function controlState(type: unknown): ControlState | undefined {
  const i = CONTROL_TYPES.indexOf(type as never);
  return i < 0 ? undefined : CONTROL_STATES[i];
}

/**
 * The hook's cheap test on a raw text frame, before any parsing: relay it if it carries `"event"` (a
 * OneChat event broadcast) or is a control frame. Rails writes ping as `{"type":"ping","message":…}`
 * (the fast path out) and control frames as `{"type":"welcome"}` or `{"identifier":"<escaped JSON>",
 * "type":"…"}`, so the first unescaped `"type":"` gives the control type; a frame without it (most
 * frames of no interest) costs two scans.
 */
export function isRelayedFrame(d: string): boolean {
  // Literals written out (`{"type":"ping"`, `"type":"` and its length 8): the hook is measured in bytes.
  if (apply(startsWith, d, ['{"type":"ping"'])) return false;
  if ((apply(indexOf, d, ['"event"']) as number) >= 0) return true;
  // t > 7: `"type":"` was found (indexOf gave 0 or more).
  for (let i = 0, t = (apply(indexOf, d, ['"type":"']) as number) + 8; t > 7 && i < CONTROL_TYPES.length; )
    if (apply(startsWith, d, [`${CONTROL_TYPES[i++]}"`, t])) return true;
  return false;
}
