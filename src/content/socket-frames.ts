// WebSocket frames relayed by a page hook, read in the isolated world (split out of bridge.ts): control
// frames update the connection state; data frames are events. How to tell them apart is the platform's
// SocketFrameSpec (src/platforms/content.ts), so nothing here knows a platform.
import type { ContentMessage } from '../messaging/protocol';
import type { SocketFrameSpec, SocketState } from '../platforms/content';

type Platform = Extract<ContentMessage, { type: 'socket' }>['platform'];

/** The message for the worker, 'not-json' (a rejection), or undefined (ping and other control frames). */
export function frameMessage(
  platform: Platform,
  url: string,
  origin: string,
  text: string,
  spec: SocketFrameSpec | undefined,
): ContentMessage | 'not-json' | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return 'not-json';
  }
  if (typeof frame !== 'object' || frame === null) return undefined;
  const f = frame as Record<string, unknown>;
  const type = spec ? f[spec.typeKey] : undefined;
  if (spec && typeof type === 'string') {
    // ping and other control frames the spec does not map are not events
    if (!Object.hasOwn(spec.states, type)) return undefined;
    const reason = f[spec.detailKey];
    return {
      type: 'socket',
      platform,
      url,
      state: spec.states[type] as SocketState,
      detail: typeof reason === 'string' ? reason : undefined,
    };
  }
  return { type: 'capture', platform, via: 'websocket', origin, payload: frame };
}
