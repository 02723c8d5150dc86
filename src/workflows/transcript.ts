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
 * journal seq when the line is written in its entry's transaction (src/background/workflows.ts), or an
 * occurrence key: the same capture written twice is one row.
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
 * within TRANSCRIPT_LIMITS.totalChars, `truncated` when older ones were left out. Undefined: none.
 */
export async function readTranscript(
  key: string,
): Promise<{ messages: TranscriptMessage[]; truncated?: boolean } | undefined> {
  const lines = (await withStore(STORES.transcriptLines, 'readonly', (s) =>
    reqDone(s.getAll(conversation(key))),
  )) as TranscriptLine[];
  if (lines.length === 0) return undefined;
  let from = Math.max(0, lines.length - TRANSCRIPT_LIMITS.messages);
  let total = 0;
  for (let i = lines.length - 1; i >= from; i--) {
    total += lines[i]?.text.length ?? 0;
    if (total > TRANSCRIPT_LIMITS.totalChars) from = i + 1;
  }
  const messages = lines
    .slice(from)
    .map(({ at, direction, author, text }) => ({ at, direction, author, text }));
  return from > 0 ? { messages, truncated: true } : { messages };
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
