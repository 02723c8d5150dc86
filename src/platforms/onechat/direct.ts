// OneChat direct mode: the extension itself is an ActionCable client of <install URL>/cable, for agents
// who do not keep the dashboard open (seed 001: "connect … subscribe using the user pubsub_token …
// publish update_presence at 30 second intervals"). It behaves like @rails/actioncable's Connection and
// ConnectionMonitor: subscribe after `welcome`, a connection is stale when no frame (pings come every
// 3 s) arrived for 6 s, reconnect with exponential backoff and jitter, honour `disconnect.reconnect`.
// No browser APIs: the WebSocket constructor and the clock are injected (unit tests use fakes).
import {
  buildPresence,
  buildSubscribe,
  CABLE_PROTOCOLS,
  type CableDataFrame,
  type CableIdentifier,
  classifyCableFrame,
  PRESENCE_INTERVAL_MS,
} from './protocol';

// URL rules (TLS, loopback, host permission origin) live in ./direct-url; re-exported for callers.
export { cableUrl, directOrigin, directUrlProblem, isLoopbackHost } from './direct-url';

import { cableUrl } from './direct-url';

export type DirectState = 'connecting' | 'connected' | 'subscribed' | 'disconnected' | 'rejected';

/** The part of the WebSocket interface direct mode uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code?: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketCtor = new (url: string, protocols?: string | string[]) => SocketLike;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export interface DirectOptions {
  /** The OneChat installation URL (http(s) or ws(s)); the socket is `<url>/cable`. */
  installUrl: string;
  /** The agent's (user's) pubsub_token: a secret, never part of a state detail or an error. */
  pubsubToken: string;
  accountId?: number;
  userId?: number;
  /** Publish update_presence on subscription and every 30 s. */
  presence?: boolean;
  /** No frame for this long = stale (ActionCable ConnectionMonitor.staleThreshold: 6 s). */
  staleMs?: number;
  /** Reconnect delays: baseMs · 2^attempt, capped at maxMs, plus up to 30 % jitter. */
  backoff?: { baseMs: number; maxMs: number };
  /** Delay before retrying after the server refused us (rejected subscription, disconnect without reconnect). */
  refusedRetryMs?: number;
}

export interface DirectCallbacks {
  /** A data frame `{identifier, message}` on our subscription (what the page tap would relay). */
  onFrame(frame: CableDataFrame): void;
  onState(state: DirectState, detail?: string): void;
}

const OPEN = 1;

/** Seed "Agent presence": `{"channel":"RoomChannel","pubsub_token":…,"account_id":…,"user_id":…}`. */
export function directIdentifier(
  o: Pick<DirectOptions, 'pubsubToken' | 'accountId' | 'userId'>,
): CableIdentifier {
  const id: CableIdentifier = { channel: 'RoomChannel', pubsub_token: o.pubsubToken };
  if (o.accountId !== undefined) id.account_id = o.accountId;
  if (o.userId !== undefined) id.user_id = o.userId;
  return id;
}

export class DirectConnection {
  readonly url: string;
  readonly identifier: string;
  state: DirectState = 'disconnected';
  detail?: string;
  /** Consecutive failed attempts (reset when a subscription is confirmed). */
  attempts = 0;
  private ws?: SocketLike;
  private running = false;
  private lastSeen = 0;
  private reconnectTimer?: unknown;
  private staleTimer?: unknown;
  private presenceTimer?: unknown;
  private readonly staleMs: number;
  private readonly backoff: { baseMs: number; maxMs: number };

  constructor(
    private readonly opts: DirectOptions,
    private readonly cb: DirectCallbacks,
    private readonly deps: { WebSocket: SocketCtor; clock: Clock },
  ) {
    this.url = cableUrl(opts.installUrl);
    this.identifier = JSON.stringify(directIdentifier(opts));
    this.staleMs = opts.staleMs ?? 6000;
    this.backoff = opts.backoff ?? { baseMs: 1000, maxMs: 30_000 };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.clear('reconnectTimer');
    this.closeSocket();
    this.set('disconnected', 'stopped');
  }

  /** Keepalive tick (e.g. an alarm after the worker slept): connect now unless a socket is live. */
  ensure(): void {
    if (!this.running || this.ws) return;
    this.clear('reconnectTimer');
    this.connect();
  }

  /** Delay before reconnect attempt number `attempt` (0-based). */
  delay(attempt: number): number {
    const { baseMs, maxMs } = this.backoff;
    return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30)) * (1 + 0.3 * this.deps.clock.random());
  }

  private connect(): void {
    const { clock } = this.deps;
    let ws: SocketLike;
    try {
      ws = new this.deps.WebSocket(this.url, [...CABLE_PROTOCOLS]);
    } catch (e) {
      this.set('disconnected', `cannot open ${this.url}: ${(e as Error).message}`);
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.lastSeen = clock.now();
    this.set('connecting');
    ws.onmessage = (e) => {
      if (this.ws === ws && typeof e.data === 'string') this.onText(e.data);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.lost(`connection closed${e.code === undefined ? '' : ` (code ${e.code})`}`);
    };
    ws.onerror = () => undefined; // a close event follows
    this.armStale();
  }

  private onText(text: string): void {
    this.lastSeen = this.deps.clock.now();
    const f = classifyCableFrame(text);
    switch (f.kind) {
      case 'welcome':
        // As @rails/actioncable: (re)subscribe after every welcome.
        this.set('connected');
        this.sendText(buildSubscribe(this.identifier));
        return;
      case 'confirm':
        if (f.identifier !== this.identifier) return;
        this.attempts = 0;
        this.set('subscribed');
        this.startPresence();
        return;
      case 'reject':
        if (f.identifier !== this.identifier) return;
        this.refused('rejected', 'subscription rejected (check the pubsub token)');
        return;
      case 'disconnect':
        if (f.reconnect) this.lost(`server disconnect: ${f.reason ?? 'no reason'}`);
        else this.refused('disconnected', `server disconnect: ${f.reason ?? 'no reason'}, no reconnect`);
        return;
      case 'data':
        this.cb.onFrame(f.frame);
        return;
      default:
        return; // ping, or a frame that is not ActionCable's: nothing to do
    }
  }

  /** The connection is gone or useless: close it and try again with backoff. */
  private lost(reason: string): void {
    this.closeSocket();
    this.set('disconnected', reason);
    this.scheduleReconnect();
  }

  /** The server said no: keep retrying, but slowly (a token may be fixed server-side). */
  private refused(state: DirectState, reason: string): void {
    this.closeSocket();
    this.set(state, reason);
    this.scheduleReconnect(this.opts.refusedRetryMs ?? 60_000);
  }

  private scheduleReconnect(ms?: number): void {
    if (!this.running) return;
    this.clear('reconnectTimer');
    const wait = ms ?? this.delay(this.attempts);
    this.attempts++;
    this.reconnectTimer = this.deps.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.running && !this.ws) this.connect();
    }, wait);
  }

  private armStale(): void {
    this.clear('staleTimer');
    const every = Math.max(50, Math.floor(this.staleMs / 3));
    const ws = this.ws;
    this.staleTimer = this.deps.clock.setTimeout(() => {
      this.staleTimer = undefined;
      if (this.ws !== ws || !ws) return;
      const silent = this.deps.clock.now() - this.lastSeen;
      if (silent > this.staleMs) this.lost(`stale: no frame for ${Math.round(silent / 1000)} s`);
      else this.armStale();
    }, every);
  }

  private startPresence(): void {
    if (!this.opts.presence) return;
    this.clear('presenceTimer');
    const ws = this.ws;
    const tick = () => {
      if (this.ws !== ws || this.state !== 'subscribed') return;
      this.sendText(buildPresence(this.identifier));
      this.presenceTimer = this.deps.clock.setTimeout(tick, PRESENCE_INTERVAL_MS);
    };
    tick();
  }

  private sendText(text: string): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return;
    try {
      ws.send(text);
    } catch {
      /* closing: the close event reconnects */
    }
  }

  private closeSocket(): void {
    this.clear('staleTimer');
    this.clear('presenceTimer');
    const ws = this.ws;
    this.ws = undefined;
    if (!ws) return;
    try {
      ws.close();
    } catch {}
  }

  private clear(name: 'reconnectTimer' | 'staleTimer' | 'presenceTimer'): void {
    if (this[name] !== undefined) this.deps.clock.clearTimeout(this[name]);
    this[name] = undefined;
  }

  private set(state: DirectState, detail?: string): void {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    this.cb.onState(state, detail);
  }
}
