// The transcript as one row per message (IDB v4, issue 16): the line the worker writes in its event's
// journal transaction, read back bounded and in order, its store pruned every 500 writes.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
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
    expect(t?.store).toBe('transcriptLines');
    const seq = await j.append({ ...entry } as unknown as JournalEntry, t ? [t] : []);
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

  it('the store keeps its bound: expired lines go at worker start (resume) and every 500 lines', async () => {
    const w = new Workflows({
      journal: new Journal(100),
      feed: { publish: () => undefined },
      outbox: () => ({}) as never,
    });
    const j = new Journal(100);
    const old = transcriptLine(messageEvent('old', { conversation: { id: 'X' }, receivedAt: 1 }), 0);
    if (old)
      await j.append({ ...entry } as unknown as JournalEntry, [{ store: 'transcriptLines', value: old }]);
    expect(await readTranscript('roxchat|X')).toBeDefined();
    vi.setSystemTime(TRANSCRIPT_LIMITS.ttlMs + 1000); // its 7 days have passed
    try {
      await w.resume();
      await vi.waitFor(async () => expect(await readTranscript('roxchat|X')).toBeUndefined());
      // Written again, expired again: the 500th line this worker writes prunes it.
      if (old)
        await j.append({ ...entry } as unknown as JournalEntry, [{ store: 'transcriptLines', value: old }]);
      const e = messageEvent('x', { conversation: { id: 'P' } });
      for (let i = 0; i < 499; i++) w.transcriptRow(e);
      expect(await readTranscript('roxchat|X')).toBeDefined();
      w.transcriptRow(e);
      await vi.waitFor(async () => expect(await readTranscript('roxchat|X')).toBeUndefined());
    } finally {
      vi.useRealTimers();
    }
  });

  it('a conversation longer than the bound is read only up to it, newest first', async () => {
    const j = new Journal(100);
    const n = TRANSCRIPT_LIMITS.messages + 20;
    const lines = Array.from({ length: n }, (_, i) => {
      const line = transcriptLine(messageEvent(`m${i}`, { conversation: { id: 'N' }, receivedAt: 1000 + i }));
      return { store: 'transcriptLines', value: line as (seq: number) => unknown };
    });
    await j.append({ ...entry } as unknown as JournalEntry, lines);
    const t = await readTranscript('roxchat|N');
    expect(t?.truncated).toBe(true);
    expect(t?.messages).toHaveLength(TRANSCRIPT_LIMITS.messages);
    expect(t?.messages[0]?.text).toBe('m20');
    expect(t?.messages.at(-1)?.text).toBe(`m${n - 1}`);
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
