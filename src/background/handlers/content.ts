import type { Settings } from '../../config/settings';
import type { ContentSender } from '../../messaging/senders';
import type { ContentMessage, ContentResponses } from '../../protocol';
import type { Feed } from '../feed';
import type { Ingest } from '../pipeline/ingest';
import type { Rejections } from '../pipeline/rejections';
import { bridgeConfigFor } from '../sites';
import type { TabState } from '../tab-state';

export interface ContentDeps {
  settings: () => Settings;
  ingest: Pick<Ingest, 'capture'>;
  rejections: Pick<Rejections, 'report'>;
  tabs: Pick<TabState, 'setWorkspaces' | 'setSocket'>;
  feed: Pick<Feed, 'publishTab'>;
}

type Handler<K extends ContentMessage['type']> = (
  msg: Extract<ContentMessage, { type: K }>,
  who: ContentSender,
) => ContentResponses[K] | Promise<ContentResponses[K]>;
export type ContentHandlers = { [K in ContentMessage['type']]: Handler<K> };

/** One handler per bridge message (already validated and its sender classified as a content script). */
export function contentHandlers(d: ContentDeps): ContentHandlers {
  return {
    'bridge.hello': (_msg, who) => bridgeConfigFor(d.settings(), who.url),
    // Answered once the capture is journaled: the bridge re-sends anything not acknowledged (the
    // worker may be stopped at any moment), and `cid` makes the resend idempotent.
    capture: (msg, who) =>
      new Promise((answer) =>
        d.ingest.capture(
          msg,
          who,
          () => answer({ ack: true }),
          () => answer({ ack: false }),
        ),
      ),
    // Bounded per tab as well as per bridge: a page with many frames has many bridges.
    rejected: ({ platform, origin, reason, count, sample }, who) => {
      d.rejections.report({ platform, origin, reason, count, sample }, who);
      return undefined;
    },
    workspaces: (msg, who) => {
      d.tabs.setWorkspaces(who.tabId, who.frameId, msg.frames);
      d.feed.publishTab(who.tabId);
      return undefined;
    },
    socket: (msg, who) => {
      const { platform, url, state, detail } = msg;
      d.tabs.setSocket(who.tabId, who.frameId, { platform, url, state, detail });
      d.feed.publishTab(who.tabId);
      return undefined;
    },
  };
}

/** Dispatches a validated content message to its handler. */
export function handleContent(h: ContentHandlers, msg: ContentMessage, who: ContentSender): unknown {
  return (h[msg.type] as Handler<typeof msg.type>)(msg as never, who);
}
