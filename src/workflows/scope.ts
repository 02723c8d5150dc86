import type { BridgeEvent } from '../events/model';
import { readTranscript, transcriptKey, transcriptText } from './transcript';
import type { ChainRecord, TranscriptMessage } from './types';

/** `conversation.transcript` (text) and `conversation.messages` (list) of the event's own conversation. */
export async function withTranscript(event: BridgeEvent): Promise<BridgeEvent> {
  const key = transcriptKey(event);
  if (!key || !event.conversation) return event;
  const t = await readTranscript(key);
  const messages: TranscriptMessage[] = t?.messages ?? [];
  return {
    ...event,
    conversation: {
      ...event.conversation,
      transcript: transcriptText(messages, t?.truncated),
      messages,
    } as BridgeEvent['conversation'],
  };
}

/**
 * What a chain step's templates and `if` conditions read: the event, its conversation's transcript,
 * `steps.<id>` (earlier results), `links.contact` / `links.conversation` (this event's own contact and
 * conversation only) and `wrapup.<field>`. Never secrets: they enter requests only as references.
 * Returned as an event-shaped object, so the action executors render it like any event.
 */
export async function chainScope(chain: ChainRecord): Promise<BridgeEvent> {
  const event = await withTranscript(chain.event);
  return {
    ...event,
    steps: chain.results,
    links: { ...chain.links },
    wrapup: { ...chain.wrapup },
  } as BridgeEvent;
}
