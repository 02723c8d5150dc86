import type { Browser } from 'wxt/browser';
import { type ContentSender, classifySender } from '../../messaging/senders';
import { type CaptureAck, type ContentMessage, ContentMessageSchema } from '../../protocol';
import { webOrigin } from '../../util/url';
import type { ContentHandlers } from './content';

type Capture = Extract<ContentMessage, { type: 'capture' }>;

export interface CapturePortDeps {
  ready: Promise<void>;
  runtimeId: string;
  extensionOrigin: string;
  capture: ContentHandlers['capture'];
}

/**
 * A bridge's capture port (src/messaging/protocol.ts CAPTURE_PORT). Its sender is classified once, when
 * it connects, by the same function as every runtime message (classifySender): a port that is not our
 * bridge in a web page is closed at once. Each message on it is then validated like a runtime message,
 * must be a capture, and is answered with its ack once journaled (or a refusal, so the bridge sends it
 * again and finally reports it: never dropped in silence).
 */
export function acceptCapturePort(d: CapturePortDeps, port: Browser.runtime.Port): void {
  const who = port.sender ? classifySender(port.sender, d.runtimeId, d.extensionOrigin) : undefined;
  if (who?.kind !== 'content-script') {
    port.disconnect();
    return;
  }
  const origin = webOrigin(who.url);
  port.onMessage.addListener((raw: unknown) => void onCapture(d, port, who, origin, raw));
}

async function onCapture(
  d: CapturePortDeps,
  port: Browser.runtime.Port,
  who: ContentSender,
  origin: string | undefined,
  raw: unknown,
): Promise<void> {
  await d.ready;
  const parsed = ContentMessageSchema.safeParse(raw);
  const capture = parsed.success && parsed.data.type === 'capture' ? parsed.data : undefined;
  const { ack } = capture ? await d.capture(capture, senderNow(who, origin, capture.page)) : { ack: false };
  const cid = capture?.cid ?? (raw as { cid?: unknown } | null)?.cid;
  if (typeof cid !== 'string') return;
  try {
    port.postMessage({ type: 'capture.ack', cid, ack } satisfies CaptureAck);
  } catch {
    // The bridge's page is gone: nothing is waiting for this answer.
  }
}

/**
 * The sender as of this capture. The port's sender was recorded when it connected; the page may have
 * changed its URL since without a new document (history.pushState), as a runtime message's sender
 * would show. The bridge's URL is taken only when it has the origin the browser gave the port, so a
 * capture can never claim another site than the one whose document sent it; the title is the page's
 * own (a page sets its tab's title at will, so the bridge's report is worth as much as the tab's).
 */
export function senderNow(
  who: ContentSender,
  origin: string | undefined,
  page: Capture['page'],
): ContentSender {
  if (!page) return who;
  // http(s) only, as classifySender requires of the sender (webOrigin).
  const url = origin !== undefined && webOrigin(page.url) === origin ? page.url : who.url;
  return { ...who, url, tabTitle: page.title ?? who.tabTitle };
}
