import type { Browser } from 'wxt/browser';
import { classifySender } from '../../messaging/senders';
import { formatIssues } from '../../platforms/kit';
import { CAPTURE_PORT, ContentMessageSchema, PageRequestSchema } from '../../protocol';
import type { Inspector } from '../inspector';
import { acceptCapturePort } from './capture-port';
import { type ContentHandlers, handleContent } from './content';
import { handlePage, type PageHandlers } from './pages';

export interface Routes {
  ready: Promise<void>;
  runtimeId: string;
  extensionOrigin: string;
  content: ContentHandlers;
  pages: PageHandlers;
}

/** runtime.onConnect: the bridges' capture ports, and the popup's inspector port (each checks its sender). */
export function connect(r: Routes, port: Browser.runtime.Port, inspector: Pick<Inspector, 'accept'>): void {
  if (port.name === CAPTURE_PORT) acceptCapturePort({ ...r, capture: r.content.capture }, port);
  else inspector.accept(port);
}

/**
 * runtime.onMessage: every sender is classified by classifySender, then its message is validated
 * against the schema for that kind of sender; anything else (other extensions, web pages) is ignored.
 */
export async function route(
  r: Routes,
  raw: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<unknown> {
  await r.ready;
  const who = classifySender(sender, r.runtimeId, r.extensionOrigin);
  if (who.kind === 'content-script') {
    const parsed = ContentMessageSchema.safeParse(raw);
    if (!parsed.success) return { error: 'invalid message' };
    // Captures come over the bridge's capture port (src/background/handlers/capture-port.ts) only.
    if (parsed.data.type === 'capture') return { error: 'captures are sent over the capture port' };
    return handleContent(r.content, parsed.data, who);
  }
  if (who.kind === 'extension-page') {
    const parsed = PageRequestSchema.safeParse(raw);
    if (!parsed.success)
      return { ok: false, error: `invalid request: ${formatIssues(parsed.error).join('; ')}` };
    try {
      return await handlePage(r.pages, parsed.data);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }
  return undefined;
}
