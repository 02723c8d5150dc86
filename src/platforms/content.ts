// The platform registry's content-side half: what the bridge content script needs of platforms, as
// data and zero-dependency functions (no zod: content scripts carry none; DESIGN.md "Rules of thumb").
// src/content/ names no platform: it reads these entries by the platform ids its BridgeConfig lists.
import type { PlatformId } from '../events/types';
import { CONTROL_STATES, CONTROL_TYPES, REASON_KEY, TYPE_KEY } from './onechat/cable-wire';

/** WebSocket connection states the bridge reports (ContentMessage `socket`). */
export type SocketState = 'connecting' | 'connected' | 'subscribed' | 'disconnected' | 'rejected';

/**
 * How the bridge reads a WebSocket tap's relayed JSON frames: a frame whose `typeKey` is a string is a
 * control frame, reported as the state `states` maps it to (detail from `detailKey`) or ignored; any
 * other frame is an event.
 */
export interface SocketFrameSpec {
  typeKey: string;
  detailKey: string;
  states: Readonly<Record<string, SocketState>>;
}

/** Per WebSocket-tap platform. */
export const SOCKET_FRAMES: Readonly<Partial<Record<PlatformId, SocketFrameSpec>>> = {
  onechat: {
    typeKey: TYPE_KEY,
    detailKey: REASON_KEY,
    states: Object.fromEntries(CONTROL_TYPES.map((t, i) => [t, CONTROL_STATES[i] as SocketState])),
  },
};

/** The socket URL rule the WebSocket hooks apply (path ends with the configured suffix). */
export { socketUrlMatches } from './onechat/cable-wire';
