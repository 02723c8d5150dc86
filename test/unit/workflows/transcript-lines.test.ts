// The transcript as one row per message (IDB v4, issue 16): the line the worker writes in its event's
// journal transaction, read back bounded and in order, its store pruned every 500 writes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Workflows } from '../../../src/background/workflows';
import { Journal } from '../../../src/journal/journal';
import type { JournalEntry } from '../../../src/journal/types';
import { readTranscript, TRANSCRIPT_LIMITS, transcriptLine } from '../../../src/workflows/transcript';
import { messageEvent } from '../builders';

const entry = { kind: 'event', at: 1, eventId: 'e', tabId: 1, matches: [], actions: [], state: 'done' };

describe('transcript lines', () => {
  it('a message becomes one line keyed by its entry’s seq, written in the entry’s transaction', async () => {
    const w = new Workflows({
      journal: new Journal(100),
      feed: { publish: () => undefined },
      outbox: () => ({}) as never,
    });
    const j = new Journal(100);
    const e = messageEvent('hello', { conversation: { id: 'L1' }, receivedAt: 5 });
    const t = w.transcriptRow(e);
    expect(t?.row.store).toBe('transcriptLines');
    const seq = await j.append({ ...entry } as unknown as JournalEntry, t ? [t.row] : []);
    expect(await readTranscript('roxchat|L1')).toEqual({
      messages: [{ at: 5, direction: 'inbound', author: expect.any(String), text: 'hello' }],
    });
    expect(transcriptLine(e)?.(seq)).toMatchObject({ key: 'roxchat|L1', at: 5, id: seq });
  });

  it('no line for what is not a message of a conversation', () => {
    const w = new Workflows({
      journal: new Journal(100),
      feed: { publish: () => undefined },
      outbox: () => ({}) as never,
    });
    expect(w.transcriptRow(messageEvent('x', { conversation: undefined }))).toBeUndefined();
    expect(
      w.transcriptRow(messageEvent('x', { type: 'conversation.closed', conversation: { id: 'c' } })),
    ).toBeUndefined();
  });

  it('the store is pruned after every 500th line (and only then)', () => {
    const w = new Workflows({
      journal: new Journal(100),
      feed: { publish: () => undefined },
      outbox: () => ({}) as never,
    });
    const e = messageEvent('x', { conversation: { id: 'P' } });
    const withPrune = Array.from({ length: 1000 }, () => w.transcriptRow(e)?.after !== undefined);
    expect(withPrune.flatMap((p, i) => (p ? [i + 1] : []))).toEqual([500, 1000]);
  });

  it('reads back the last messages within the character budget, flagged truncated', async () => {
    const j = new Journal(100);
    const big = 'y'.repeat(TRANSCRIPT_LIMITS.messageChars);
    const n = Math.ceil(TRANSCRIPT_LIMITS.totalChars / big.length) + 3;
    for (let i = 0; i < n; i++) {
      const line = transcriptLine(messageEvent(`${i}${big}`, { conversation: { id: 'B' }, receivedAt: i }));
      await j.append(
        { ...entry } as unknown as JournalEntry,
        line ? [{ store: 'transcriptLines', value: line }] : [],
      );
    }
    const t = await readTranscript('roxchat|B');
    expect(t?.truncated).toBe(true);
    const chars = (t?.messages ?? []).reduce((s, m) => s + m.text.length, 0);
    expect(chars).toBeLessThanOrEqual(TRANSCRIPT_LIMITS.totalChars);
    expect(t?.messages.at(-1)?.text.startsWith(`${n - 1}`)).toBe(true);
  });
});
