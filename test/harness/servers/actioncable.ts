// A OneChat (Chatwoot-compatible) ActionCable endpoint for the demo and the e2e tests, speaking the
// Rails wire protocol (`actioncable-v1-json`) at <install>/cable: welcome on connect, a ping every 3 s,
// subscribe → confirm_subscription / reject_subscription (RoomChannel with a known pubsub_token),
// broadcasts as `{identifier, message:{event, data}}`, `disconnect` with reason/reconnect. It also
// serves `/echo`, a plain (non-ActionCable) socket, and the real @rails/actioncable client build.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { ChatwootApi } from './chatwoot-api';
import { type Handler, REPO_ROOT, readBody, sendJson } from './http';

export { type ChatwootApiCall, DEMO_API_TOKEN } from './chatwoot-api';

export const CABLE_PROTOCOL = 'actioncable-v1-json';
/** A second ActionCable endpoint, for sites configured with a custom socket URL suffix. */
export const ALT_CABLE_PATH = '/agent/socket';
/** The pubsub_token the demo dashboard and the tests use by default. */
export const DEMO_PUBSUB_TOKEN = 'demo-agent-token';

export interface CableCommand {
  client: string;
  command: string;
  identifier?: string;
  /** `data` of a `message` command, parsed (it is a JSON string on the wire). */
  data?: unknown;
  action?: string;
  at: number;
}

interface Client {
  id: string;
  ws: WebSocket;
  protocol: string;
  subscriptions: Set<string>;
  /** Every frame sent to this client, in order (the tests compare it with what the page's handlers got). */
  sent: string[];
  /** While true, nothing is sent to this client (a half-open connection, for stale detection). */
  stalled: boolean;
}

export interface OneChatMessage {
  event: string;
  data: unknown;
}

const FIXTURES = join(REPO_ROOT, 'src/platforms/onechat/fixtures');

export class CableServer {
  readonly tokens = new Set<string>([DEMO_PUBSUB_TOKEN]);
  readonly commands: CableCommand[] = [];
  readonly clients = new Set<Client>();
  /** ws://host:port/cable and the install URL it belongs to (set by attach). */
  url = '';
  installUrl = '';
  connections = 0;
  private readonly wss = new WebSocketServer({
    noServer: true,
    // Rails offers only the protocols it supports; a client offering none still connects (seed example).
    handleProtocols: (offered) => (offered.has(CABLE_PROTOCOL) ? CABLE_PROTOCOL : false),
  });
  /** Called right after a subscription is confirmed (tests that need a frame at that very moment). */
  onSubscribed?: (clientId: string) => void;
  private pinger?: ReturnType<typeof setInterval>;
  private seq = 0;

  /** The installation's application API (issue 21): what OneChat agent-commands call. */
  readonly api = new ChatwootApi((m) => this.broadcast(m));
  /** Calls to that API, as received (with their api_access_token header). */
  get apiCalls() {
    return this.api.calls;
  }

  constructor(private readonly pingMs = 3000) {}

  /**
   * Takes over WebSocket upgrades of `server`: ActionCable at /cable and at /agent/socket (an
   * installation whose cable lives elsewhere, for a site's custom socketUrlSuffix), and /echo.
   */
  attach(server: Server, origin: string): void {
    this.installUrl = origin;
    this.url = `${origin.replace(/^http/, 'ws')}/cable`;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? '/', origin).pathname;
      const cable = path === '/cable' || path === ALT_CABLE_PATH;
      if (!cable && path !== '/echo') {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => (cable ? this.onCable(ws, req) : this.onEcho(ws)));
    });
    this.pinger = setInterval(() => this.ping(), this.pingMs);
    this.pinger.unref();
  }

  private onCable(ws: WebSocket, req: IncomingMessage): void {
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('client') ?? `c${++this.seq}`;
    const client: Client = {
      id,
      ws,
      protocol: ws.protocol,
      subscriptions: new Set(),
      sent: [],
      stalled: false,
    };
    this.clients.add(client);
    this.connections++;
    ws.on('close', () => this.clients.delete(client));
    ws.on('error', () => undefined);
    ws.on('message', (raw, isBinary) => {
      if (!isBinary) this.onCommand(client, raw.toString());
    });
    this.send(client, { type: 'welcome' });
  }

  /** A plain socket on the same page: its first frame looks like OneChat data, which must stay unseen. */
  private onEcho(ws: WebSocket): void {
    ws.on('error', () => undefined);
    ws.on('message', (raw) => ws.send(raw.toString()));
    ws.send(
      JSON.stringify({
        identifier: JSON.stringify({ channel: 'RoomChannel', pubsub_token: 'echo' }),
        message: { event: 'message.created', data: { id: 999_999, content: 'echo', conversation_id: 1 } },
      }),
    );
  }

  private send(client: Client, frame: unknown): void {
    if (client.stalled || client.ws.readyState !== client.ws.OPEN) return;
    const text = JSON.stringify(frame);
    if (client.sent.length < 20_000) client.sent.push(text);
    client.ws.send(text);
  }

  private ping(): void {
    const message = Math.floor(Date.now() / 1000);
    for (const c of this.clients) this.send(c, { type: 'ping', message });
  }

  private onCommand(client: Client, text: string): void {
    let cmd: { command?: unknown; identifier?: unknown; data?: unknown };
    try {
      cmd = JSON.parse(text);
    } catch {
      return;
    }
    const identifier = typeof cmd.identifier === 'string' ? cmd.identifier : undefined;
    let data: unknown = cmd.data;
    try {
      data = typeof cmd.data === 'string' ? JSON.parse(cmd.data) : cmd.data;
    } catch {}
    const action = (data as { action?: unknown } | undefined)?.action;
    this.commands.push({
      client: client.id,
      command: String(cmd.command),
      identifier,
      data,
      action: typeof action === 'string' ? action : undefined,
      at: Date.now(),
    });
    if (!identifier) return;
    if (cmd.command === 'subscribe') {
      let id: { channel?: unknown; pubsub_token?: unknown } = {};
      try {
        id = JSON.parse(identifier);
      } catch {}
      const ok =
        id.channel === 'RoomChannel' &&
        typeof id.pubsub_token === 'string' &&
        this.tokens.has(id.pubsub_token);
      if (ok) client.subscriptions.add(identifier);
      this.send(client, { identifier, type: ok ? 'confirm_subscription' : 'reject_subscription' });
      if (ok) this.onSubscribed?.(client.id);
    } else if (cmd.command === 'unsubscribe') {
      client.subscriptions.delete(identifier);
    }
  }

  /** Subscribed identifiers over open, non-stalled connections (one entry per subscription). */
  subscriptions(): Array<{ client: string; identifier: string }> {
    const open = [...this.clients].filter((c) => c.ws.readyState === c.ws.OPEN && !c.stalled);
    return open.flatMap((c) => [...c.subscriptions].map((identifier) => ({ client: c.id, identifier })));
  }

  sentTo(clientId: string): string[] {
    return [...this.clients].find((c) => c.id === clientId)?.sent ?? [];
  }

  /** Sends `{identifier, message}` on every subscription (Chatwoot streams by the token). Returns the count. */
  broadcast(message: OneChatMessage): number {
    let n = 0;
    for (const c of this.clients)
      for (const identifier of c.subscriptions) {
        this.send(c, { identifier, message });
        n++;
      }
    return n;
  }

  /** The `message` of a committed fixture (src/platforms/onechat/fixtures/<name>.json). */
  async fixture(name: string): Promise<OneChatMessage> {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`bad fixture name ${name}`);
    const f = JSON.parse(await readFile(join(FIXTURES, `${name}.json`), 'utf8')) as {
      raw: { message?: OneChatMessage };
    };
    if (!f.raw.message) throw new Error(`fixture ${name} is not a data frame`);
    return f.raw.message;
  }

  /** Broadcasts a fixture's message, optionally with fields of its `data` replaced (fresh ids for dedupe). */
  async broadcastFixture(name: string, patch: Record<string, unknown> = {}): Promise<number> {
    const m = await this.fixture(name);
    return this.broadcast({ event: m.event, data: { ...(m.data as object), ...patch } });
  }

  /**
   * Drops every connection: `graceful` sends Rails' `disconnect` frame first (reason server_restart,
   * reconnect true), otherwise the TCP connection is cut without a word.
   */
  dropAll(opts: { graceful?: boolean; reason?: string; reconnect?: boolean } = {}): number {
    const n = this.clients.size;
    for (const c of this.clients) {
      if (opts.graceful)
        this.send(c, {
          type: 'disconnect',
          reason: opts.reason ?? 'server_restart',
          reconnect: opts.reconnect ?? true,
        });
      if (opts.graceful) c.ws.close();
      else c.ws.terminate();
    }
    return n;
  }

  /** Stops sending anything (pings included) to current connections, keeping them open. */
  stallAll(): void {
    for (const c of this.clients) c.stalled = true;
  }

  reset(): void {
    this.commands.length = 0;
    this.tokens.clear();
    this.tokens.add(DEMO_PUBSUB_TOKEN);
  }

  async close(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    for (const c of this.clients) c.ws.terminate();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }

  /**
   * HTTP side on the install origin: the real @rails/actioncable UMD build as /vendor/actioncable.js,
   * and a small control API for the dashboard simulator's buttons (POST /_cable/broadcast {fixture}).
   */
  handler(): Handler {
    return async (req, res, url) => {
      if (url.pathname === '/vendor/actioncable.js') {
        const file = join(REPO_ROOT, 'node_modules/@rails/actioncable/app/assets/javascripts/actioncable.js');
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(await readFile(file));
        return true;
      }
      if (url.pathname === '/_cable/broadcast' && req.method === 'POST') {
        const body = JSON.parse((await readBody(req)) || '{}') as {
          fixture?: string;
          message?: OneChatMessage;
        };
        const n = body.fixture
          ? await this.broadcastFixture(body.fixture)
          : body.message
            ? this.broadcast(body.message)
            : 0;
        sendJson(res, 200, { delivered: n });
        return true;
      }
      if (await this.api.handle(req, res, url)) return true;
      if (url.pathname === '/_cable/state') {
        sendJson(res, 200, {
          url: this.url,
          subscriptions: this.subscriptions(),
          commands: this.commands.length,
        });
        return true;
      }
      return false;
    };
  }
}
