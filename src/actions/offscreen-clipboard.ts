import { browser } from 'wxt/browser';

/** The offscreen document's only job: write text the worker sends to the clipboard. */
export function startOffscreenClipboard(): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const msg = raw as { type?: string; text?: unknown };
    if (msg?.type !== 'offscreen.copy' || typeof msg.text !== 'string' || sender.id !== browser.runtime.id)
      return undefined;
    const area = document.getElementById('buffer') as HTMLTextAreaElement;
    area.value = msg.text;
    area.select();
    const ok = document.execCommand('copy');
    area.value = '';
    return Promise.resolve(ok ? { ok: true } : { ok: false, error: 'execCommand(copy) refused' });
  });
}
