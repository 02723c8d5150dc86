// Captures are bounded in size (issue 14, Done when: a 1 MB payload leaves the worker responsive): an
// oversized or non-plain payload is refused in the bridge, journaled as a rejection, never relayed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaptureDelivery, captureTooLarge, MAX_CAPTURE_CHARS } from '../../../src/content/delivery';
import type { MiniRuntime } from '../../../src/content/ext';
import { RejectionCounter } from '../../../src/content/rejections';
import type { ContentMessage } from '../../../src/protocol';

type Msg = ContentMessage;
let relayed: Msg[];
let rejected: Msg[];
let delivery: CaptureDelivery;

beforeEach(() => {
  vi.useFakeTimers();
  relayed = [];
  rejected = [];
  const runtime = {
    sendMessage: async (m: unknown) => {
      relayed.push(m as Msg);
      return { ack: true };
    },
    onMessage: { addListener: () => undefined },
  } as unknown as MiniRuntime;
  delivery = new CaptureDelivery(runtime, new RejectionCounter((m) => rejected.push(m)));
});
afterEach(() => vi.useRealTimers());

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
let deep: unknown = 'leaf';
for (let i = 0; i < 100_000; i++) deep = [deep];

const capture = (payload: unknown): Extract<Msg, { type: 'capture' }> => ({
  type: 'capture',
  platform: 'roxchat',
  via: 'postMessage',
  origin: 'https://ws.test',
  payload,
});

describe('capture size bound', () => {
  it.each([
    ['a 1 MB message text', { params: { messageText: 'x'.repeat(1_000_000) } }, /too large to relay: 977 KB/],
    ['just over the limit', 'y'.repeat(MAX_CAPTURE_CHARS), /too large to relay/],
    ['a cycle', cyclic, /not plain data/],
    ['nesting too deep for JSON', deep, /not plain data/],
  ])('%s is refused in the bridge and journaled as a rejection', async (_name, payload, reason) => {
    expect(captureTooLarge(payload)).toMatch(reason);
    delivery.send(capture(payload));
    await vi.advanceTimersByTimeAsync(300);
    expect(relayed).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ type: 'rejected', platform: 'roxchat', count: 1 });
    expect((rejected[0] as { reason: string }).reason).toMatch(reason);
  });

  it('a payload within the limit is relayed with a capture id', async () => {
    delivery.send(capture({ params: { messageText: 'z'.repeat(MAX_CAPTURE_CHARS - 100) } }));
    await vi.advanceTimersByTimeAsync(300);
    expect(rejected).toEqual([]);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toMatchObject({ type: 'capture', cid: expect.stringMatching(/:1$/) });
  });
});
