import { browser } from 'wxt/browser';
import type { OffscreenResponses } from '../messaging/protocol';
import { classifySender } from '../messaging/senders';

/**
 * The offscreen document's only job: write text the worker sends to the clipboard. Only the worker may
 * ask (issue 14 item 12): a content script's sender.id is our id too, so the check is classifySender's
 * (the one function that decides whom to trust). A refused request is answered with the reason.
 */
export function startOffscreenClipboard(): void {
  const origin = browser.runtime.getURL('/').replace(/\/$/, '');
  type Answer = OffscreenResponses['offscreen.copy'];
  browser.runtime.onMessage.addListener((raw: unknown, sender): Promise<Answer> | undefined => {
    const msg = raw as { type?: string; text?: unknown } | null;
    if (msg?.type !== 'offscreen.copy') return undefined;
    // The worker's script is WXT's background.js (classifySender's default): an offscreen document has
    // no runtime.getManifest to read it from (found in Chromium, test/e2e/clipboard.test.ts).
    const who = classifySender(sender, browser.runtime.id, origin);
    if (who.kind !== 'worker') {
      const error = `clipboard write refused: only the extension's service worker may ask (${who.kind === 'untrusted' ? who.why : `${who.kind} ${who.url}`})`;
      console.warn(`[crm-bridge] ${error}`);
      return Promise.resolve({ ok: false, error });
    }
    if (typeof msg.text !== 'string') return Promise.resolve({ ok: false, error: 'no text to copy' });
    const area = document.getElementById('buffer') as HTMLTextAreaElement;
    area.value = msg.text;
    area.select();
    const ok = document.execCommand('copy');
    area.value = '';
    return Promise.resolve(ok ? { ok: true } : { ok: false, error: 'execCommand(copy) refused' });
  });
}
