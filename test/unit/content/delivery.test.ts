// The bridge's capture delivery: bounded in size (issue 14, Done when: a 1 MB payload leaves the worker
// responsive), at-least-once over the capture port (issue 16: one port per bridge instead of one
// runtime.sendMessage per capture), re-sent after the worker stops, given up only with a rejection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaptureDelivery, captureTooLarge, MAX_CAPTURE_CHARS, pageNow } from '../../../src/content/delivery';
import type { MiniPort, MiniRuntime } from '../../../src/content/ext';
import { RejectionCounter } from '../../../src/content/rejections';
import { CAPTURE_PORT, type CaptureAck, type ContentMessage } from '../../../src/protocol';

type Msg = ContentMessage;
type Capture = Extract<Msg, { type: 'capture' }>;

/** A fake runtime whose ports record what the bridge posts; the test plays the worker. */
class FakeRuntime {
  readonly id = 'ext';
  readonly ports: FakePort[] = [];
  /** Throws on connect (the extension was reloaded: its context is gone). */
  invalid = false;
  connect(info: { name: string }): MiniPort {
    if (this.invalid) throw new Error('Extension context invalidated.');
    const p = new FakePort(info.name);
    this.ports.push(p);
    return p;
  }
  get posted(): Capture[] {
    return this.ports.flatMap((p) => p.posted);
  }
}

class FakePort implements MiniPort {
  readonly posted: Capture[] = [];
  private readonly listeners: Array<(m: unknown) => void> = [];
  private readonly closers: Array<() => void> = [];
  closed = false;
  constructor(readonly name: string) {}
  postMessage(m: unknown): void {
    if (this.closed) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(m as Capture);
  }
  onMessage = { addListener: (cb: (m: unknown) => void) => void this.listeners.push(cb) };
  onDisconnect = { addListener: (cb: () => void) => void this.closers.push(cb) };
  /** The worker answers. */
  answer(cid: string | undefined, ack: boolean): void {
    for (const l of this.listeners) l({ type: 'capture.ack', cid, ack } satisfies Partial<CaptureAck>);
  }
  /** The worker stops: the port closes from its side. */
  drop(): void {
    this.closed = true;
    for (const c of this.closers) c();
  }
}

let runtime: FakeRuntime;
let rejected: Msg[];
let delivery: CaptureDelivery;

beforeEach(() => {
  vi.useFakeTimers();
  runtime = new FakeRuntime();
  rejected = [];
  delivery = new CaptureDelivery(
    runtime as unknown as MiniRuntime,
    new RejectionCounter((m) => rejected.push(m)),
    () => ({ url: 'https://crm.test/contacts/7', title: 'Contact 7' }),
  );
});
afterEach(() => vi.useRealTimers());

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
let deep: unknown = 'leaf';
for (let i = 0; i < 100_000; i++) deep = [deep];

const capture = (payload: unknown = { n: 1 }): Capture => ({
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
    expect(runtime.posted).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ type: 'rejected', platform: 'roxchat', count: 1 });
    expect((rejected[0] as { reason: string }).reason).toMatch(reason);
  });

  it('a payload within the limit is relayed with a capture id, its time and where the bridge is', async () => {
    delivery.send(capture({ params: { messageText: 'z'.repeat(MAX_CAPTURE_CHARS - 100) } }));
    await vi.advanceTimersByTimeAsync(300);
    expect(rejected).toEqual([]);
    expect(runtime.posted).toHaveLength(1);
    expect(runtime.posted[0]).toMatchObject({
      type: 'capture',
      cid: expect.stringMatching(/:1$/),
      at: expect.any(Number),
      page: { url: 'https://crm.test/contacts/7', title: 'Contact 7' },
    });
  });
});

describe('the capture port', () => {
  it('one port carries every capture; an acknowledged capture is never sent again', async () => {
    delivery.send(capture({ n: 1 }));
    delivery.send(capture({ n: 2 }));
    expect(runtime.ports.map((p) => p.name)).toEqual([CAPTURE_PORT]);
    const [a, b] = runtime.posted;
    runtime.ports[0]?.answer(a?.cid, true);
    runtime.ports[0]?.answer(b?.cid, true);
    runtime.ports[0]?.drop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runtime.posted).toHaveLength(2);
    // Nothing pending: the closed port is not reopened (an idle page never wakes the worker).
    expect(runtime.ports).toHaveLength(1);
  });

  it('the worker stops: every unacknowledged capture is sent again on a new port, as a re-send, same cid', async () => {
    delivery.send(capture({ n: 1 }));
    delivery.send(capture({ n: 2 }));
    const [a, b] = runtime.posted;
    runtime.ports[0]?.answer(a?.cid, true);
    runtime.ports[0]?.drop();
    await vi.advanceTimersByTimeAsync(60);
    expect(runtime.ports).toHaveLength(2);
    expect(runtime.ports[1]?.posted).toEqual([{ ...b, resend: true }]);
    runtime.ports[1]?.answer(b?.cid, true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(runtime.posted).toHaveLength(3);
    expect(rejected).toEqual([]);
  });

  it('a capture posted on a port that closed under it is sent again on a new one', async () => {
    delivery.send(capture({ n: 1 }));
    const port = runtime.ports[0];
    if (port) port.closed = true; // closed, and its disconnect not delivered yet
    delivery.send(capture({ n: 2 }));
    await vi.advanceTimersByTimeAsync(60);
    expect(runtime.ports).toHaveLength(2);
    expect(runtime.ports[1]?.posted.map((m) => [(m.payload as { n: number }).n, m.resend])).toEqual([
      [2, true],
    ]);
  });

  it('a refused capture (ack false) is sent again with backoff', async () => {
    delivery.send(capture());
    const [a] = runtime.posted;
    runtime.ports[0]?.answer(a?.cid, false);
    await vi.advanceTimersByTimeAsync(49);
    expect(runtime.posted).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runtime.posted).toHaveLength(2);
    expect(runtime.posted[1]).toEqual({ ...a, resend: true });
  });

  it('never acknowledged: given up after 20 sends and counted as a rejection (never silent)', async () => {
    runtime.invalid = true;
    delivery.send(capture());
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as { reason: string }).reason).toMatch(/did not acknowledge this capture after 20/);
  });

  it('answers that are not capture acks, or for unknown ids, change nothing', async () => {
    delivery.send(capture());
    for (const l of [null, 'x', { type: 'other', cid: runtime.posted[0]?.cid, ack: true }])
      (runtime.ports[0] as unknown as { listeners: Array<(m: unknown) => void> }).listeners[0]?.(l);
    runtime.ports[0]?.answer('nobody:1', true);
    runtime.ports[0]?.drop();
    await vi.advanceTimersByTimeAsync(60);
    expect(runtime.posted).toHaveLength(2);
  });
});

describe('pageNow: where the bridge is', () => {
  const win = (href: string, title: string, top: boolean) => {
    const w: { location: { href: string }; document: { title: string }; top?: unknown } = {
      location: { href },
      document: { title },
    };
    w.top = top ? w : {};
    return w as unknown as Window;
  };
  it.each([
    [
      'a top frame: its URL and title',
      win('https://crm.test/a', 'Deals', true),
      { url: 'https://crm.test/a', title: 'Deals' },
    ],
    [
      'a top frame with no title: its URL',
      win('https://crm.test/a', '', true),
      { url: 'https://crm.test/a' },
    ],
    [
      'a subframe: its URL only (its title is not the tab’s)',
      win('https://crm.test/f', 'Frame', false),
      { url: 'https://crm.test/f' },
    ],
    [
      'a URL past the bound: nothing (the worker keeps the port’s)',
      win(`https://crm.test/${'x'.repeat(4000)}`, 'T', true),
      undefined,
    ],
  ])('%s', (_name, w, expected) => {
    expect(pageNow(w)).toEqual(expected);
  });
  it('a long title is cut to 500 characters', () => {
    expect(pageNow(win('https://crm.test/', 't'.repeat(900), true))?.title).toHaveLength(500);
  });
});
