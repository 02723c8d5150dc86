// Content scripts talk to the extension through the bare `chrome` namespace (MV3 Chrome and Firefox
// both expose it with promises), so the bridge does not bundle webextension-polyfill: it must stay small.

export interface MiniRuntime {
  id: string;
  sendMessage(message: unknown): Promise<unknown>;
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
