// The transcript keeps capture-time order: a capture re-sent after a worker stop arrives after later
// messages but keeps the bridge's capture time (src/background/pipeline/ingest.ts captureTime).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readTranscript } from '../../../src/workflows/transcript';
import { appendMessage, messageEvent } from '../builders';

const at = (text: string, receivedAt: number, conv: string) =>
  messageEvent(text, { receivedAt, conversation: { id: conv }, contact: { platformId: 'v', name: 'Ann' } });

describe('transcript order', () => {
  it.each([
    ['arrival order is capture order', [1, 2, 3, 4], ['one', 'two', 'three', 'four']],
    ['one and two re-sent after three and four', [3, 4, 1, 2], ['three', 'four', 'one', 'two']],
    ['interleaved', [1, 3, 2, 4], ['one', 'three', 'two', 'four']],
    ['same time: arrival order', [1, 1, 1, 1], ['one', 'two', 'three', 'four']],
  ])('%s', async (label, times, arrival) => {
    const conv = `c-${label}`;
    const byText: Record<string, number> = {};
    times.forEach((t, i) => {
      byText[arrival[i] as string] = t;
    });
    for (const [i, text] of arrival.entries())
      await appendMessage(at(text, byText[text] ?? 0, conv), `cid-${i}`);
    const t = await readTranscript(`roxchat|${conv}`);
    const expected = [...arrival].sort((a, b) => (byText[a] ?? 0) - (byText[b] ?? 0));
    expect(t?.messages.map((m) => m.text)).toEqual(expected);
  });
});
