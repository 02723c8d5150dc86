import type { BridgeEvent } from '../events/model';
import { reqDone, STORES, withStore } from '../util/idb';
import { prune } from './store';
import type { TranscriptLine, TranscriptMessage } from './types';

/**
 * Bounds: messages read back per conversation, characters per message and in all, how long a line lives,
 * and lines kept in all (the store's bound, about 200 conversations of 500 messages).
 */
export const TRANSCRIPT_LIMITS = {
  messages: 500,
  messageChars: 4000,
  totalChars: 200_000,
  ttlMs: 7 * 86_400_000,
  lines: 100_000,
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
 * The per-conversation transcript: every `message.created` of every platform, one row per message
 * (store `transcriptLines`, DB v4), keyed [conversation, capture time, id], so a conversation reads back
 * in capture-time order and a message is written with one small put, never a read and rewrite of the
 * whole conversation (issue 16: that rewrite was the latency benchmark's tail). `id` is the event's
 * journal seq: the line is written in its entry's transaction (src/background/workflows.ts), so the
 * same capture re-sent is recognised by its entry and never adds a second line.
 */
export function transcriptLine(
  e: BridgeEvent,
  now = Date.now(),
): ((id: number | string) => TranscriptLine) | undefined {
  const key = transcriptKey(e);
  if (e.type !== 'message.created' || !e.message || !key) return undefined;
  const msg: TranscriptMessage = {
    at: e.receivedAt,
    direction: e.message.direction,
    author: authorOf(e).slice(0, 200),
    text: e.message.text.slice(0, TRANSCRIPT_LIMITS.messageChars),
  };
  return (id) => ({ key, id, ...msg, expiresAt: now + TRANSCRIPT_LIMITS.ttlMs });
}

const conversation = (key: string) => IDBKeyRange.bound([key], [key, []]);

/**
 * A conversation's transcript as templates read it: at most the last TRANSCRIPT_LIMITS.messages messages
 * within TRANSCRIPT_LIMITS.totalChars, `truncated` when older ones were left out. Read newest first with
 * a cursor that stops at the bound, so a conversation of any length costs at most the bound to read.
 * Undefined: none.
 */
export async function readTranscript(
  key: string,
): Promise<{ messages: TranscriptMessage[]; truncated?: boolean } | undefined> {
  const newest: TranscriptLine[] = [];
  let truncated = false;
  await withStore(STORES.transcriptLines, 'readonly', (s) => {
    let total = 0;
    return new Promise<void>((resolve, reject) => {
      const req = s.openCursor(conversation(key), 'prev');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve();
        const line = cursor.value as TranscriptLine;
        total += line.text.length;
        if (newest.length >= TRANSCRIPT_LIMITS.messages || total > TRANSCRIPT_LIMITS.totalChars) {
          truncated = true;
          return resolve();
        }
        newest.push(line);
        cursor.continue();
      };
    });
  });
  if (newest.length === 0) return undefined;
  const messages = newest
    .reverse()
    .map(({ at, direction, author, text }) => ({ at, direction, author, text }));
  return truncated ? { messages, truncated } : { messages };
}

export const clearTranscript = (key: string): Promise<void> =>
  withStore(STORES.transcriptLines, 'readwrite', async (s) => {
    await reqDone(s.delete(conversation(key)));
  });

/** Expired lines, then the oldest beyond TRANSCRIPT_LIMITS.lines (the store's bound). */
export const pruneTranscripts = (now = Date.now()): Promise<number> =>
  prune(STORES.transcriptLines, now, TRANSCRIPT_LIMITS.lines);

/** `conversation.transcript`: one line per message, `[time] author: text`. */
export function transcriptText(messages: TranscriptMessage[], truncated?: boolean): string {
  const lines = messages.map((m) => `[${new Date(m.at).toISOString()}] ${m.author}: ${m.text}`);
  return (truncated ? ['(earlier messages were not kept)', ...lines] : lines).join('\n');
}
