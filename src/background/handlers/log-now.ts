// "Log this conversation now" (issue 18, popup): the agent asks for a conversation to be logged
// before it closes. The worker runs the rules that log a conversation (those on `conversation.closed`)
// right away, with the transcript so far, as one new journal entry. The page sends only a journal
// sequence number: the conversation, its platform, its page and its contact come from the worker's
// own journal, and the site check is the capture path's (sites.ts), so nothing the page says picks a
// rule, a host or a secret.
import type { Settings } from '../../config/settings';
import type { BridgeEvent } from '../../events/model';
import type { Journal } from '../../journal/journal';
import type { EventEntry } from '../../journal/types';
import type { LogNowResult } from '../../protocol';
import type { RuleIndex } from '../../rules/matcher';
import { directCaptures } from '../direct-mode';
import type { Feed } from '../feed';
import type { ActionStage } from '../pipeline/actions';
import type { SerialQueue } from '../pipeline/queue';
import { bridgeConfigFor } from '../sites';

/** The source event name of an on-demand run (shown in the popup's detail: "conversation.closed (log-now)"). */
export const LOG_NOW_SOURCE = 'log-now';
/** How far back the journal is searched for the conversation's latest known details. */
const LOOK_BACK = 1000;

export interface LogNowDeps {
  journal: Pick<Journal, 'get' | 'recent' | 'append'>;
  feed: Pick<Feed, 'publish'>;
  settings: () => Settings;
  rules: () => RuleIndex;
  actions: Pick<ActionStage, 'enqueue'>;
  /** The capture queue: the new entry is journaled in order with the captures around it. */
  queue: Pick<SerialQueue, 'enqueue'>;
}

/**
 * The event an on-demand run is matched with: the conversation's latest event, as a close of that
 * conversation (`conversation.closed`, source `log-now`), with an id of its own so its requests get
 * Idempotency-Keys of their own (the real close later logs again, as the rules say).
 */
export function logNowEvent(latest: BridgeEvent, now: number): BridgeEvent {
  const { message: _message, ...rest } = latest;
  return {
    ...rest,
    id: `${latest.id}|${LOG_NOW_SOURCE}|${now}`,
    type: 'conversation.closed',
    sourceEvent: LOG_NOW_SOURCE,
    receivedAt: now,
  };
}

/** Is this event's platform still configured at the page it came from (or the worker's own connection)? */
function stillConfigured(settings: Settings, e: BridgeEvent): boolean {
  if (e.tabId === -1) return directCaptures(settings, e.platform);
  return bridgeConfigFor(settings, e.page.url).platforms.some((p) => p.id === e.platform);
}

/** The newest journaled event of the same platform and conversation (the clicked one when none newer). */
async function latestOf(d: LogNowDeps, entry: EventEntry): Promise<BridgeEvent> {
  const id = entry.event.conversation?.id;
  const newer = (await d.journal.recent(LOOK_BACK)).find(
    (e): e is EventEntry =>
      e.kind === 'event' &&
      e.platform === entry.platform &&
      e.event.conversation?.id === id &&
      e.event.sourceEvent !== LOG_NOW_SOURCE &&
      e.tabId === entry.tabId,
  );
  return newer && (newer.seq ?? 0) > (entry.seq ?? 0) ? newer.event : entry.event;
}

/** The handler: refuses in words the popup can show, else journals the run and queues its actions. */
export async function logNow(d: LogNowDeps, seq: number): Promise<LogNowResult> {
  const entry = await d.journal.get(seq);
  if (entry?.kind !== 'event') return { ok: false, reason: 'gone' };
  if (!entry.event.conversation?.id) return { ok: false, reason: 'no-conversation' };
  const settings = d.settings();
  if (settings.paused) return { ok: false, reason: 'paused' };
  if (!stillConfigured(settings, entry.event)) return { ok: false, reason: 'not-configured' };
  const now = Date.now();
  const event = logNowEvent(await latestOf(d, entry), now);
  // The agent asked for it: once/throttle gates are not consulted (nor marked) for this run.
  const found = d.rules().matchExplained(event);
  if (found.rules.length === 0) return { ok: false, reason: 'no-rules' };
  const run: EventEntry = {
    kind: 'event',
    at: now,
    eventId: event.id,
    tabId: event.tabId,
    platform: event.platform,
    type: event.type,
    event,
    matches: found.rules.map((r) => ({ ruleId: r.id, ruleName: r.name })),
    actions: [],
    state: 'processing',
  };
  // Journaled (persisted) before the answer and before any action runs, like a capture.
  const journaled = new Promise<number>((resolve, reject) =>
    d.queue.enqueue(async () => {
      try {
        resolve(await d.journal.append(run));
      } catch (e) {
        reject(e);
        throw e;
      }
    }),
  );
  const written = await journaled;
  d.feed.publish(run);
  d.actions.enqueue(run, event, true);
  return { ok: true, seq: written, rules: found.rules.length };
}
