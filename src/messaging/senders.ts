import type { Browser } from 'wxt/browser';

/**
 * The one function that decides whom the worker trusts (after Bitwarden's sender classification):
 * - `worker`: our own service worker (the only context the offscreen clipboard obeys: issue 14 item 12);
 * - `extension-page`: our own popup/options pages (may change settings, read the journal);
 * - `content-script`: our bridge in a web page (may only report captures, as untrusted data);
 * - `untrusted`: anything else (other extensions, web pages via externally_connectable) — ignored.
 */
export type SenderClass =
  | { kind: 'worker'; url: string }
  | { kind: 'extension-page'; url: string }
  | {
      kind: 'content-script';
      tabId: number;
      frameId: number;
      url: string;
      tabTitle: string;
      /** The sending document (Chrome 106+): actions on this capture target it, not the tab's next page. */
      documentId?: string;
    }
  | { kind: 'untrusted'; why: string };

export function classifySender(
  sender: Browser.runtime.MessageSender,
  runtimeId: string,
  extensionOrigin: string,
  /** The worker's script (manifest background.service_worker). */
  workerScript = 'background.js',
): SenderClass {
  if (sender.id !== runtimeId)
    return { kind: 'untrusted', why: `message from another extension or page (${sender.id ?? 'no id'})` };
  const url = sender.url ?? '';
  // sender.id is our id for content scripts too. Chromium gives a message from the service worker its
  // script URL and no tab, frame or document (seen in Chromium: { id, url: '<origin>/background.js' }).
  if (
    url === `${extensionOrigin}/${workerScript}` &&
    sender.tab === undefined &&
    sender.frameId === undefined &&
    sender.documentId === undefined
  )
    return { kind: 'worker', url };
  // Extension pages may be shown in a tab (options); what counts is their own URL, not the tab's.
  if (url.startsWith(`${extensionOrigin}/`)) return { kind: 'extension-page', url };
  if (
    sender.tab?.id !== undefined &&
    sender.tab.id >= 0 &&
    (url.startsWith('https://') || url.startsWith('http://'))
  ) {
    return {
      kind: 'content-script',
      tabId: sender.tab.id,
      frameId: sender.frameId ?? 0,
      url,
      tabTitle: sender.tab.title ?? '',
      ...(sender.documentId ? { documentId: sender.documentId } : {}),
    };
  }
  return { kind: 'untrusted', why: `unexpected sender ${url || '(no url)'}` };
}

/** A sender classified as our bridge in a web page. */
export type ContentSender = Extract<SenderClass, { kind: 'content-script' }>;
