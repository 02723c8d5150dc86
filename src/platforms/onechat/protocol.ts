// Rails ActionCable wire protocol ("actioncable-v1-json"), as spoken by OneChat at <install>/cable
// (seed 001 "Websocket Events"). Pure and zod-free on purpose: the content side may use it, and
// content scripts carry no zod (DESIGN.md "Rules of thumb").
// Control frame types, and what each means, are named once, in cable-wire.ts (shared with the hook).
import type { JsonValue } from '../types';
import { controlState, PING_TYPE } from './cable-wire';

/** Sub-protocols a client offers when it opens the socket itself (ActionCable `protocols`). */
export const CABLE_PROTOCOLS = ['actioncable-v1-json', 'actioncable-unsupported'] as const;

/** Seed "Publishing Presence": publish update_presence at 30 second intervals to stay online. */
export const PRESENCE_INTERVAL_MS = 30_000;

export type CableIdentifier = { channel: string } & { [key: string]: JsonValue };

export type CableDataFrame = { identifier: string; message: unknown };

export type CableFrame =
  | { kind: 'welcome' }
  | { kind: 'ping' }
  | { kind: 'confirm'; identifier: string }
  | { kind: 'reject'; identifier: string }
  | { kind: 'disconnect'; reason: string | undefined; reconnect: boolean }
  | { kind: 'data'; frame: CableDataFrame }
  | { kind: 'invalid'; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A subscription identifier is itself a JSON string (`"{\"channel\":\"RoomChannel\",…}"` in the
 * seed); the server routes by its `channel`, so an identifier without one is not ActionCable's.
 */
export function parseIdentifier(
  identifier: unknown,
): { ok: true; value: CableIdentifier } | { ok: false; reason: string } {
  if (typeof identifier !== 'string') return { ok: false, reason: 'identifier is not a string' };
  let value: unknown;
  try {
    value = JSON.parse(identifier);
  } catch {
    return { ok: false, reason: 'identifier is not JSON' };
  }
  if (!isObject(value)) return { ok: false, reason: 'identifier is not a JSON object' };
  if (typeof value.channel !== 'string' || value.channel === '') {
    return { ok: false, reason: 'identifier has no channel' };
  }
  return { ok: true, value: value as CableIdentifier };
}

function withIdentifier(kind: 'confirm' | 'reject', identifier: unknown): CableFrame {
  const id = parseIdentifier(identifier);
  if (!id.ok) return { kind: 'invalid', reason: `${kind} frame: ${id.reason}` };
  return { kind, identifier: identifier as string };
}

/** Classifies an already-parsed frame (what the worker receives from the tap). */
export function classifyCableValue(value: unknown): CableFrame {
  if (!isObject(value)) return { kind: 'invalid', reason: 'frame is not a JSON object' };
  const { type } = value;
  if (type !== undefined) {
    if (type === PING_TYPE) return { kind: 'ping' };
    switch (controlState(type)) {
      case 'connected':
        return { kind: 'welcome' };
      case 'subscribed':
        return withIdentifier('confirm', value.identifier);
      case 'rejected':
        return withIdentifier('reject', value.identifier);
      case 'disconnected':
        // The client reconnects only when the server says so (`close({allowReconnect: reconnect})`).
        return {
          kind: 'disconnect',
          reason: typeof value.reason === 'string' ? value.reason : undefined,
          reconnect: value.reconnect === true,
        };
      default:
        return {
          kind: 'invalid',
          reason: `unknown ActionCable frame type ${JSON.stringify(type).slice(0, 60)}`,
        };
    }
  }
  // A client → server frame (subscribe, message…): seen only if a tap mistakes direction.
  if (typeof value.command === 'string') {
    return {
      kind: 'invalid',
      reason: `a client ${JSON.stringify(value.command).slice(0, 40)} command, not a server frame`,
    };
  }
  // No type: a broadcast on a subscription, `{identifier, message}`.
  const id = parseIdentifier(value.identifier);
  if (!id.ok) return { kind: 'invalid', reason: `data frame: ${id.reason}` };
  if (!Object.hasOwn(value, 'message')) return { kind: 'invalid', reason: 'data frame has no message' };
  return { kind: 'data', frame: { identifier: value.identifier as string, message: value.message } };
}

/** Parses and classifies one ActionCable text frame. Never throws. */
export function classifyCableFrame(text: string): CableFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'frame is not JSON' };
  }
  return classifyCableValue(value);
}

/**
 * The server matches a subscription by its identifier string, so a string is used verbatim (it must
 * be the one the subscription was made with); an object is serialised. Throws on a malformed
 * identifier: that is a programming error, not wire input.
 */
function identifierString(identifier: string | CableIdentifier): string {
  const text = typeof identifier === 'string' ? identifier : JSON.stringify(identifier);
  const id = parseIdentifier(text);
  if (!id.ok) throw new Error(`invalid ActionCable identifier: ${id.reason}`);
  return text;
}

/** `{command:"subscribe", identifier}` (seed "Example"). */
export function buildSubscribe(identifier: string | CableIdentifier): string {
  return JSON.stringify({ command: 'subscribe', identifier: identifierString(identifier) });
}

/**
 * `{command:"message", identifier, data}` where data is itself a JSON string carrying `action`
 * (seed "Publishing Presence"). `action` is applied last so a data field cannot override it.
 */
export function buildCableCommand(
  identifier: string | CableIdentifier,
  action: string,
  data: { [key: string]: JsonValue } = {},
): string {
  return JSON.stringify({
    command: 'message',
    identifier: identifierString(identifier),
    data: JSON.stringify({ ...data, action }),
  });
}

/** Seed "Agent presence" / "Contact Presence": the frame to send every PRESENCE_INTERVAL_MS (direct mode only). */
export function buildPresence(identifier: string | CableIdentifier): string {
  return buildCableCommand(identifier, 'update_presence');
}
