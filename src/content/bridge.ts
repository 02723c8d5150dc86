// The bridge content script (isolated world, all frames of configured sites). It takes postMessage
// events from detected agent-workspace iframes and page-hook relays, runs one cheap envelope check, and
// relays raw payloads to the worker, which validates everything. No zod, no UI framework, no polyfill.
import { HOOK_EVENT, type HookMessage, sendHookCommand } from '../messaging/hook-protocol';
import type {
  BridgeConfig,
  CommandReply,
  ContentMessage,
  WorkerResponses,
  WorkerToContent,
} from '../messaging/protocol';
import { isWorkerMessage } from '../messaging/worker-message';
import { SOCKET_FRAMES, socketUrlMatches } from '../platforms/content';
import type { EnvelopeSpec, WorkspaceCommand } from '../platforms/types';
import { CaptureDelivery, pageNow } from './delivery';
import { getRuntime, type MiniRuntime } from './ext';
import { FrameRegistry } from './frames';
import { HookChannel } from './hook-channel';
import { RejectionCounter } from './rejections';
import { frameMessage } from './socket-frames';

export function matchesEnvelope(data: unknown, env: EnvelopeSpec): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  if (typeof d[env.eventKey] !== 'string') return false;
  if (env.marker && d[env.marker[0]] !== env.marker[1]) return false;
  return !env.requireKeys || env.requireKeys.every((k) => k in d);
}

interface ReplyWaiter {
  source: MessageEventSource;
  /** The workspace's origin the command was posted to: a reply must come from that window on that origin. */
  origin: string;
  replies: unknown[];
}

/** Why an untrusted MessageEvent is refused (journaled, so a person can see the page tried). */
export const SYNTHETIC_REASON =
  'synthetic message: built and dispatched by a script in this page (not isTrusted), not posted by a workspace iframe';

export class Bridge {
  private config?: BridgeConfig;
  private frames?: FrameRegistry;
  private early: MessageEvent[] = [];
  /** Page-hook events before the worker answered (a widget's ready callback fires that early). */
  private earlyHooks: Event[] = [];
  private readonly waiters = new Set<ReplyWaiter>();
  private readonly hookWaiters = new Map<string, (m: Extract<HookMessage, { k: 'reply' }>) => void>();
  private readonly rejections: RejectionCounter;
  private seq = 0;
  private readonly delivery: CaptureDelivery;
  private readonly hookChannel: HookChannel;

  constructor(
    private readonly runtime: MiniRuntime,
    private readonly win: Window,
  ) {
    this.rejections = new RejectionCounter((m) => this.send(m));
    this.hookChannel = new HookChannel(win.document);
    this.delivery = new CaptureDelivery(runtime, this.rejections, () => pageNow(win));
  }

  start(): void {
    // Now, at document_start, before any page script can take part (hook-channel.ts).
    this.hookChannel.open();
    // Listen at once so nothing sent before the worker answers is lost; buffered until configured.
    this.win.addEventListener('message', this.onMessage, true);
    this.win.document.addEventListener(HOOK_EVENT, this.onHook, true);
    this.runtime.onMessage.addListener((msg, _sender, respond) =>
      isWorkerMessage(msg) ? this.onWorker(msg, respond) : undefined,
    );
    void this.runtime
      .sendMessage({ type: 'bridge.hello' } satisfies ContentMessage)
      .then((c) => this.configure(c && 'platforms' in c ? c : undefined))
      .catch(() => this.configure(undefined));
  }

  private configure(config: BridgeConfig | undefined): void {
    this.hookChannel.close();
    if (!config || config.platforms.length === 0) {
      // Nothing configured for this frame: stop listening, zero further work.
      this.win.removeEventListener('message', this.onMessage, true);
      this.win.document.removeEventListener(HOOK_EVENT, this.onHook, true);
      this.early = [];
      this.earlyHooks = [];
      return;
    }
    this.config = config;
    this.configureHooks(config);
    if (config.platforms.some((p) => p.tap === 'postMessage')) {
      this.frames = new FrameRegistry(config.platforms, () => this.reportFrames());
      const begin = () => this.frames?.start(this.win.document);
      if (this.win.document.documentElement) begin();
      else this.win.document.addEventListener('DOMContentLoaded', begin, { once: true });
    }
    const early = this.early;
    this.early = [];
    for (const ev of early) this.onMessage(ev);
    const earlyHooks = this.earlyHooks;
    this.earlyHooks = [];
    for (const ev of earlyHooks) this.onHook(ev);
  }

  /** Tells the WebSocket page hook which socket URLs to observe, over the private channel only. */
  private configureHooks(config: BridgeConfig): void {
    for (const p of config.platforms)
      if (p.tap === 'websocket' && p.socketUrlSuffix) this.hookChannel.post(p.socketUrlSuffix);
  }

  private send(message: ContentMessage): void {
    if (message.type === 'capture') {
      this.delivery.send(message);
      return;
    }
    this.runtime.sendMessage(message).catch(() => {
      /* worker restarting: the runtime wakes it; a lost report is counted by the next one */
    });
  }

  private reportFrames(): void {
    const frames = this.frames?.list() ?? [];
    this.send({ type: 'workspaces', frames });
  }

  private readonly onMessage = (ev: MessageEvent): void => {
    const config = this.config;
    if (!config) {
      if (this.early.length < 500) this.early.push(ev);
      else this.rejections.add(undefined, ev.origin, 'buffer full before configuration');
      return;
    }
    const data: unknown = ev.data;
    // One cheap check: only objects shaped like some configured platform's envelope go further.
    if (typeof data !== 'object' || data === null) return;
    const candidates = config.platforms.filter((p) => p.envelope && matchesEnvelope(data, p.envelope));
    if (candidates.length === 0) return;
    // A page script can build `new MessageEvent('message', {origin, source})` with a trusted origin and
    // the workspace iframe's window and dispatch it itself: only a message the browser delivered is
    // isTrusted (DESIGN.md, Trust and security; issue 14 item 1). This guards captures and replies alike.
    if (!ev.isTrusted) {
      this.rejections.add(candidates[0]?.id, ev.origin, SYNTHETIC_REASON, data);
      return;
    }
    for (const w of this.waiters) if (w.source === ev.source && w.origin === ev.origin) w.replies.push(data);
    for (const p of candidates) {
      if (!p.origins.includes(ev.origin)) continue;
      // The one check that matters: the sender is the window of a frame detected as this platform's workspace.
      if (!this.frames?.bySource(ev.source, p.id)) continue;
      if (config.paused) return;
      this.send({ type: 'capture', platform: p.id, via: 'postMessage', origin: ev.origin, payload: data });
      return;
    }
    const p = candidates[0];
    const trusted = candidates.some((c) => c.origins.includes(ev.origin));
    const reason =
      ev.source === this.win || (ev.source !== null && ev.source === this.win.opener)
        ? 'sent by this window or its opener, not by a workspace iframe'
        : !trusted
          ? `untrusted origin ${ev.origin || '(opaque)'}: not a workspace origin for ${candidates.map((c) => c.id).join('/')} on this site`
          : 'not from a detected workspace iframe (trusted origin, but the sending window is not a detected workspace frame)';
    this.rejections.add(p?.id, ev.origin, reason, data);
  };

  private readonly onHook = (ev: Event): void => {
    const config = this.config;
    const detail = (ev as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string' || detail.length > 1_000_000) return;
    if (!config) {
      if (this.earlyHooks.length < 500) this.earlyHooks.push(ev);
      else
        this.rejections.add(
          undefined,
          this.win.location.origin,
          'page-hook buffer full before configuration',
        );
      return;
    }
    let msg: HookMessage;
    try {
      msg = JSON.parse(detail) as HookMessage;
    } catch {
      return;
    }
    if (msg.k === 'reply') {
      this.hookWaiters.get(msg.id)?.(msg);
      return;
    }
    const p = config.platforms.find((c) => c.id === msg.p && c.tap !== 'postMessage');
    const origin = this.win.location.origin;
    if (!p) {
      this.rejections.add(
        undefined,
        origin,
        `page event for ${String(msg.p)}, which is not configured for this site`,
      );
      return;
    }
    if (config.paused) return;
    // Before its configuration the hook watches every socket of the page (the suffix is not known
    // yet, and a frame missed then is lost); what it relayed from sockets of other paths ends here.
    // No suffix ('' ends every path) lets every socket through.
    const suffix = p.socketUrlSuffix ?? '';
    if ((msg.k === 'socket' || msg.k === 'frame') && !socketUrlMatches(msg.u, suffix)) return;
    if (msg.k === 'event') {
      this.send({ type: 'capture', platform: p.id, via: 'page-api', origin, payload: msg.d });
    } else if (msg.k === 'socket') {
      this.send({
        type: 'socket',
        platform: p.id,
        url: msg.u,
        state: msg.s === 'open' ? 'connecting' : 'disconnected',
        detail: msg.code === undefined ? undefined : `close code ${msg.code}`,
      });
    } else if (msg.k === 'frame') {
      const m = frameMessage(p.id, msg.u, origin, msg.d, SOCKET_FRAMES[p.id]);
      if (m === 'not-json') this.rejections.add(p.id, origin, 'WebSocket frame is not JSON');
      else if (m) this.send(m);
    }
  };

  /** Only a command is answered (WorkerResponses in the protocol map): `respond` carries its reply type. */
  private onWorker(
    msg: WorkerToContent,
    respond: (r: WorkerResponses['command']) => void,
  ): boolean | undefined {
    if (msg.type === 'config') {
      if (this.config) {
        this.config = msg.config;
        this.configureHooks(msg.config);
      }
      return undefined;
    }
    if (msg.type !== 'command') return undefined;
    this.runCommand(msg.platform, msg.command).then(respond, (e: unknown) =>
      respond({ delivered: false, error: String(e), replies: [] }),
    );
    return true;
  }

  private async runCommand(platform: string, cmd: WorkspaceCommand): Promise<CommandReply> {
    if (cmd.via === 'postMessage') {
      const hit = this.frames?.firstOf(platform);
      const target = hit?.[0].contentWindow;
      if (!hit || !target)
        return { delivered: false, error: `no ${platform} workspace frame in this page`, replies: [] };
      const waiter: ReplyWaiter = { source: target, origin: hit[1].origin, replies: [] };
      this.waiters.add(waiter);
      // targetOrigin is the workspace's exact origin, never '*': if the frame navigated away, nothing leaks.
      target.postMessage(cmd.message, hit[1].origin);
      await new Promise((r) => setTimeout(r, cmd.awaitReplyMs));
      this.waiters.delete(waiter);
      return { delivered: true, replies: waiter.replies };
    }
    const id = `c${++this.seq}-${Date.now()}`;
    return new Promise<CommandReply>((resolve) => {
      const timer = setTimeout(
        () => {
          this.hookWaiters.delete(id);
          resolve({
            delivered: false,
            error: `the page did not answer (is the ${platform} widget loaded?)`,
            replies: [],
          });
        },
        Math.max(cmd.awaitReplyMs, 1000),
      );
      this.hookWaiters.set(id, (m) => {
        clearTimeout(timer);
        this.hookWaiters.delete(id);
        resolve({ delivered: m.ok, error: m.e, replies: m.d === undefined ? [] : [m.d] });
      });
      sendHookCommand(this.win.document, {
        id,
        p: platform,
        target: cmd.target,
        method: cmd.method,
        args: cmd.args,
      });
    });
  }
}

export function startBridge(): void {
  const runtime = getRuntime();
  if (!runtime) return;
  new Bridge(runtime, window).start();
}
