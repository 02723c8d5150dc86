import type { BridgeEvent } from '../events/model';
import { STORES } from '../util/idb';
import { deleteRow, getRow, prune, updateRow } from './store';
import type { TranscriptMessage, TranscriptRecord } from './types';

/** Bounds: messages kept per conversation, characters per message and in all, how long it lives. */
export const TRANSCRIPT_LIMITS = {
  messages: 500,
  messageChars: 4000,
  totalChars: 200_000,
  ttlMs: 7 * 86_400_000,
  conversations: 2000,
};

export const transcriptKey = (e: Pick<BridgeEvent, 'platform' | 'conversation'>): string | undefined =>
  e.conversation?.id ? `${e.platform}|${e.conversation.id}` : undefined;

function authorOf(e: BridgeEvent): string {
  const m = e.message;
  if (m?.direction === 'outbound') return e.agent?.name ?? e.agent?.email ?? 'Agent';
  if (m?.direction === 'inbound') return e.contact?.name ?? e.contact?.email ?? e.contact?.phone ?? 'Visitor';
  return 'System';
}

/**
 * The per-conversation transcript: every `message.created` of every platform, in capture-time order,
 * bounded and expiring, written before the capture is acknowledged. `occurrence` identifies one
 * capture (the bridge's capture id): a re-sent capture is not appended twice.
 */
export async function appendMessage(e: BridgeEvent, occurrence: string, now = Date.now()): Promise<void> {
  const w = transcriptWrite(e, occurrence, now);
  if (!w) return;
  await updateRow<TranscriptRecord>(STORES.transcripts, w.key, w.update);
  await w.after();
}

/**
 * The transcript write of one message as a read-modify-write (`update`), so the journal can make it in
 * its entry's transaction (src/journal/journal.ts AlsoWrite); `after` runs once it is written (a new
 * conversation prunes the store to its bound). Undefined: not a message with a conversation.
 */
export function transcriptWrite(
  e: BridgeEvent,
  occurrence: string,
  now = Date.now(),
):
  | {
      key: string;
      update: (row: TranscriptRecord | undefined) => TranscriptRecord;
      after: () => Promise<void>;
    }
  | undefined {
  const key = transcriptKey(e);
  if (e.type !== 'message.created' || !e.message || !key) return undefined;
  const msg: TranscriptMessage = {
    at: e.receivedAt,
    direction: e.message.direction,
    author: authorOf(e).slice(0, 200),
    text: e.message.text.slice(0, TRANSCRIPT_LIMITS.messageChars),
  };
  let fresh = false;
  const update = (row: TranscriptRecord | undefined): TranscriptRecord => {
    const r: TranscriptRecord = row ?? {
      key,
      platform: e.platform,
      conversationId: e.conversation?.id ?? '',
      messages: [],
      seen: [],
      updatedAt: now,
      expiresAt: 0,
    };
    if (r.seen.includes(occurrence)) return r;
    fresh = row === undefined;
    r.seen.push(occurrence);
    if (r.seen.length > TRANSCRIPT_LIMITS.messages * 2)
      r.seen.splice(0, r.seen.length - TRANSCRIPT_LIMITS.messages);
    // In capture order: a capture re-sent after a worker stop arrives after later ones but keeps its
    // capture time (the bridge's, src/background/pipeline/ingest.ts captureTime).
    let at = r.messages.length;
    while (at > 0 && (r.messages[at - 1]?.at ?? 0) > msg.at) at--;
    r.messages.splice(at, 0, msg);
    let total = r.messages.reduce((n, m) => n + m.text.length, 0);
    while (r.messages.length > TRANSCRIPT_LIMITS.messages || total > TRANSCRIPT_LIMITS.totalChars) {
      total -= r.messages.shift()?.text.length ?? 0;
      r.truncated = true;
    }
    r.updatedAt = now;
    r.expiresAt = now + TRANSCRIPT_LIMITS.ttlMs;
    return r;
  };
  const after = async () => {
    if (fresh) await prune(STORES.transcripts, now, TRANSCRIPT_LIMITS.conversations);
  };
  return { key, update, after };
}

export const readTranscript = (key: string) => getRow<TranscriptRecord>(STORES.transcripts, key);
export const clearTranscript = (key: string) => deleteRow(STORES.transcripts, key);

/** `conversation.transcript`: one line per message, `[time] author: text`. */
export function transcriptText(messages: TranscriptMessage[], truncated?: boolean): string {
  const lines = messages.map((m) => `[${new Date(m.at).toISOString()}] ${m.author}: ${m.text}`);
  return (truncated ? ['(earlier messages were not kept)', ...lines] : lines).join('\n');
}
