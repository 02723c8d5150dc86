// Content scripts talk to the extension through the bare `chrome` namespace (MV3 Chrome and Firefox
// both expose it with promises), so the bridge does not bundle webextension-polyfill: it must stay small.
import type { ContentMessage, ContentResponses } from '../messaging/protocol';

/** What the worker answers a content message: its typed response, or an error for a refused message. */
export type ContentAnswer<M extends ContentMessage> =
  | ContentResponses[M['type']]
  | { error: string }
  | undefined;

/** A runtime.Port as the bridge uses it (the capture port, src/content/delivery.ts). */
export interface MiniPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

export interface MiniRuntime {
  id: string;
  /** Read in onDisconnect so a port closed with an error does not log "Unchecked runtime.lastError". */
  lastError?: unknown;
  connect(info: { name: string }): MiniPort;
  /** Typed by the protocol map (src/messaging/protocol.ts `ContentResponses`). */
  sendMessage<M extends ContentMessage>(message: M): Promise<ContentAnswer<M>>;
  onMessage: {
    addListener(
      cb: (
        message: unknown,
        sender: unknown,
        sendResponse: (response: unknown) => void,
      ) => boolean | undefined,
    ): void;
  };
}

export function getRuntime(): MiniRuntime | undefined {
  return (globalThis as unknown as { chrome?: { runtime?: MiniRuntime } }).chrome?.runtime;
}
