// ActionCable frames relayed by the OneChat page hook, read in the isolated world (split out of
// bridge.ts, unchanged): control frames update the connection state; data frames are events.
import type { ContentMessage } from '../messaging/protocol';

type Platform = Extract<ContentMessage, { type: 'socket' }>['platform'];

/** The message for the worker, 'not-json' (a rejection), or undefined (ping and other control frames). */
export function frameMessage(
  platform: Platform,
  url: string,
  origin: string,
  text: string,
): ContentMessage | 'not-json' | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return 'not-json';
  }
  if (typeof frame !== 'object' || frame === null) return undefined;
  const f = frame as { type?: unknown; message?: unknown; reason?: unknown };
  const state =
    f.type === 'welcome'
      ? 'connected'
      : f.type === 'confirm_subscription'
        ? 'subscribed'
        : f.type === 'reject_subscription'
          ? 'rejected'
          : f.type === 'disconnect'
            ? 'disconnected'
            : undefined;
  if (state)
    return {
      type: 'socket',
      platform,
      url,
      state,
      detail: typeof f.reason === 'string' ? f.reason : undefined,
    };
  if (typeof f.type === 'string') return undefined; // ping and other control frames are not events
  return { type: 'capture', platform, via: 'websocket', origin, payload: frame };
}
