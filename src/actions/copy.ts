import { browser } from 'wxt/browser';
import type { BridgeEvent } from '../events/model';
import type { OffscreenCopy, OffscreenResponses } from '../messaging/protocol';
import { type ActionOf, eventScope, renderString } from './render';

const OFFSCREEN = '/offscreen.html';

interface OffscreenApi {
  hasDocument?: () => Promise<boolean>;
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
}

/**
 * Clipboard from the worker: Chrome has no clipboard in service workers, so an offscreen document
 * (reason CLIPBOARD) writes it. Firefox has no offscreen API: there the text is written from the tab
 * that emitted the event (which needs that page to have focus; the error says so when it has not).
 */
export async function copy(action: ActionOf<'copy'>, event: BridgeEvent): Promise<string> {
  const text = renderString(action.text, eventScope(event), 'text').value;
  const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
  if (offscreen) {
    const exists = offscreen.hasDocument ? await offscreen.hasDocument() : false;
    if (!exists) {
      await offscreen
        .createDocument({
          url: OFFSCREEN,
          reasons: ['CLIPBOARD'],
          justification: 'Copy text chosen by a CRM Bridge rule to the clipboard',
        })
        .catch((e: Error) => {
          if (!/single offscreen/i.test(e.message)) throw e;
        });
    }
    const request: OffscreenCopy = { type: 'offscreen.copy', text };
    // Typed by the protocol map (OffscreenResponses); undefined when no offscreen document answered.
    const r = (await browser.runtime.sendMessage(request)) as
      | OffscreenResponses['offscreen.copy']
      | undefined;
    if (!r?.ok)
      throw new Error(`clipboard write failed: ${r?.error ?? 'no answer from the offscreen document'}`);
    return `copied ${text.length} characters`;
  }
  if (event.tabId < 0)
    throw new Error('no page to copy from (direct-mode event) and no offscreen document in this browser');
  const [res] = await browser.scripting.executeScript({
    target: { tabId: event.tabId, frameIds: [event.frameId] },
    func: (t: string) =>
      navigator.clipboard.writeText(t).then(
        () => 'ok',
        (e: Error) => String(e),
      ),
    args: [text],
  });
  if (res?.result !== 'ok')
    throw new Error(`clipboard write failed in the page: ${String(res?.result)} (the page needs focus)`);
  return `copied ${text.length} characters`;
}
