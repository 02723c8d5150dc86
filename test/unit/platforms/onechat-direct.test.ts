import { describe, expect, it } from 'vitest';
import {
  type Clock,
  cableUrl,
  DirectConnection,
  type DirectOptions,
  type DirectState,
  type SocketLike,
} from '../../../src/platforms/onechat/direct';
import { buildPresence } from '../../../src/platforms/onechat/protocol';

/** A manual clock: timers fire only when the test advances time. */
class FakeClock implements Clock {
  t = 1_000_000;
  private timers: Array<{ id: number; at: number; fn: () => void }> = [];
  private seq = 0;
  now = () => this.t;
  random = () => 0.5;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.push({ id, at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
  pending(): number {
    return this.timers.length;
  }
}

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: string[] = [];
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  // ---- what the server does
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(f: unknown) {
    this.onmessage?.({ data: typeof f === 'string' ? f : JSON.stringify(f) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const TOKEN = 's3cr3t-token';

function setup(extra: Partial<DirectOptions> = {}) {
  FakeSocket.all = [];
  const clock = new FakeClock();
  const states: Array<[DirectState, string | undefined]> = [];
  const frames: unknown[] = [];
  const conn = new DirectConnection(
    { installUrl: 'https://chat.example.com/', pubsubToken: TOKEN, accountId: 1, userId: 7, ...extra },
    { onFrame: (f) => frames.push(f), onState: (s, d) => states.push([s, d]) },
    { WebSocket: FakeSocket, clock },
  );
  const last = () => FakeSocket.all[FakeSocket.all.length - 1] as FakeSocket;
  /** Opens the latest socket and runs the handshake up to a confirmed subscription. */
  const handshake = () => {
    const ws = last();
    ws.open();
    ws.frame({ type: 'welcome' });
    ws.frame({ identifier: conn.identifier, type: 'confirm_subscription' });
    return ws;
  };
  return { conn, clock, states, frames, last, handshake };
}

describe('OneChat direct mode', () => {
  it('cableUrl maps the install URL to its /cable socket', () => {
    expect(cableUrl('https://chat.example.com')).toBe('wss://chat.example.com/cable');
    expect(cableUrl('http://127.0.0.2:4000/')).toBe('ws://127.0.0.2:4000/cable');
    expect(cableUrl('https://x.test/onechat/?a=1')).toBe('wss://x.test/onechat/cable');
    expect(cableUrl('wss://x.test/cable')).toBe('wss://x.test/cable');
    expect(() => cableUrl('ftp://x.test')).toThrow();
  });

  it('opens with the ActionCable subprotocols, subscribes RoomChannel after welcome, relays data frames', () => {
    const { conn, last, states, frames } = setup();
    conn.start();
    const ws = last();
    expect(ws.url).toBe('wss://chat.example.com/cable');
    expect(ws.protocols).toEqual(['actioncable-v1-json', 'actioncable-unsupported']);
    ws.open();
    expect(ws.sent).toEqual([]);
    ws.frame({ type: 'welcome' });
    // Seed "Agent presence" identifier, key order included.
    const identifier = `{"channel":"RoomChannel","pubsub_token":"${TOKEN}","account_id":1,"user_id":7}`;
    expect(ws.sent).toEqual([JSON.stringify({ command: 'subscribe', identifier })]);
    ws.frame({ identifier, type: 'confirm_subscription' });
    ws.frame({ type: 'ping', message: 1 });
    const data = { identifier, message: { event: 'message.created', data: { id: 1 } } };
    ws.frame(data);
    expect(frames).toEqual([{ identifier, message: data.message }]);
    expect(states.map(([s]) => s)).toEqual(['connecting', 'connected', 'subscribed']);
    // The token never appears in a state detail.
    expect(JSON.stringify(states)).not.toContain(TOKEN);
  });

  it('detects a stale connection (no frame for 6 s) and reconnects with backoff', () => {
    const { conn, clock, handshake, states } = setup();
    conn.start();
    const first = handshake();
    // Pings keep it alive.
    for (let i = 0; i < 5; i++) {
      clock.advance(3000);
      first.frame({ type: 'ping', message: i });
    }
    expect(FakeSocket.all).toHaveLength(1);
    // Then silence: stale after > 6 s (checked every 2 s), the socket is closed, a reconnect scheduled.
    const lastPing = clock.now();
    while (!first.closed && clock.now() - lastPing < 20_000) clock.advance(1);
    expect(clock.now() - lastPing).toBeGreaterThan(6000);
    expect(clock.now() - lastPing).toBeLessThanOrEqual(8000);
    expect(states.at(-1)?.[0]).toBe('disconnected');
    expect(states.at(-1)?.[1]).toMatch(/^stale/);
    // attempt 0: 1000 ms · (1 + 0.3 · 0.5) = 1150 ms
    expect(conn.delay(0)).toBe(1150);
    clock.advance(1149);
    expect(FakeSocket.all).toHaveLength(1);
    clock.advance(1);
    expect(FakeSocket.all).toHaveLength(2);
    // The second attempt never opens: stale again, then a longer wait (2300 ms).
    const second = FakeSocket.all[1] as FakeSocket;
    while (!second.closed) clock.advance(1);
    expect(conn.delay(1)).toBe(2300);
    clock.advance(2299);
    expect(FakeSocket.all).toHaveLength(2);
    clock.advance(1);
    expect(FakeSocket.all).toHaveLength(3);
    // A confirmed subscription resets the backoff.
    handshake();
    expect(conn.attempts).toBe(0);
    expect(conn.state).toBe('subscribed');
  });

  it('reconnects after the server drops the connection or asks to; retries slowly when refused', () => {
    const { conn, clock, last, handshake } = setup({ refusedRetryMs: 60_000 });
    conn.start();
    handshake().drop();
    expect(conn.state).toBe('disconnected');
    clock.advance(1150);
    expect(FakeSocket.all).toHaveLength(2);
    handshake().frame({ type: 'disconnect', reason: 'server_restart', reconnect: true });
    expect(last().closed).toBe(true);
    clock.advance(1150);
    expect(FakeSocket.all).toHaveLength(3);
    const ws = last();
    ws.open();
    ws.frame({ type: 'welcome' });
    ws.frame({ identifier: conn.identifier, type: 'reject_subscription' });
    expect(conn.state).toBe('rejected');
    clock.advance(59_999);
    expect(FakeSocket.all).toHaveLength(3);
    clock.advance(1);
    expect(FakeSocket.all).toHaveLength(4);
    handshake().frame({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
    expect(conn.state).toBe('disconnected');
    expect(conn.detail).toContain('unauthorized');
  });

  it('publishes update_presence on subscription and every 30 s when enabled', () => {
    const { conn, clock, handshake } = setup({ presence: true });
    conn.start();
    const ws = handshake();
    const presence = buildPresence(conn.identifier);
    const count = () => ws.sent.filter((s) => s === presence).length;
    expect(count()).toBe(1);
    for (let i = 0; i < 3; i++) {
      for (let t = 0; t < 10; t++) {
        clock.advance(3000);
        ws.frame({ type: 'ping', message: t });
      }
      expect(count()).toBe(2 + i);
    }
    expect(JSON.parse(presence)).toEqual({
      command: 'message',
      identifier: conn.identifier,
      data: '{"action":"update_presence"}',
    });
    // Not when disabled.
    const off = setup();
    off.conn.start();
    const ws2 = off.handshake();
    off.clock.advance(31_000);
    expect(ws2.sent.some((s) => s.includes('update_presence'))).toBe(false);
  });

  it('stop() closes and cancels everything; ensure() reconnects at once when no socket is live', () => {
    const { conn, clock, last, handshake } = setup({ presence: true });
    conn.start();
    handshake();
    conn.stop();
    expect(last().closed).toBe(true);
    expect(clock.pending()).toBe(0);
    clock.advance(120_000);
    expect(FakeSocket.all).toHaveLength(1);
    conn.ensure();
    expect(FakeSocket.all).toHaveLength(1);
    conn.start();
    handshake().drop();
    expect(FakeSocket.all).toHaveLength(2);
    conn.ensure();
    expect(FakeSocket.all).toHaveLength(3);
    conn.ensure();
    expect(FakeSocket.all).toHaveLength(3);
  });
});
