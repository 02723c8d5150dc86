import type { Browser } from 'wxt/browser';
import { classifySender } from '../../messaging/senders';
import { formatIssues } from '../../platforms/kit';
import { ContentMessageSchema, PageRequestSchema } from '../../protocol';
import { type ContentHandlers, handleContent } from './content';
import { handlePage, type PageHandlers } from './pages';

export interface Routes {
  ready: Promise<void>;
  runtimeId: string;
  extensionOrigin: string;
  content: ContentHandlers;
  pages: PageHandlers;
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
