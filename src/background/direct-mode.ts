import { browser } from 'wxt/browser';
import type { Settings } from '../config/settings';
import {
  type Clock,
  cableUrl,
  DirectConnection,
  type DirectState,
  directOrigin,
  type SocketCtor,
} from '../platforms/onechat/direct';
import { allSecrets } from '../secrets/store';
import type { Feed } from './feed';
import type { TabState } from './tab-state';

/** Direct mode is OneChat's: its frames enter the pipeline as this platform, on pseudo-tab -1. */
export const DIRECT_PLATFORM = 'onechat' as const;
export const DIRECT_TITLE = 'OneChat (direct mode)';

/** Whether the worker's own connection (pseudo-tab -1) still takes events of `platform`. */
export const directCaptures = (settings: Settings, platform: string): boolean =>
  settings.onechatDirect !== undefined && platform === DIRECT_PLATFORM;

/** Keepalive: re-establishes the connection when the worker was stopped (30 s, Chrome's minimum period). */
export const DIRECT_ALARM = 'onechat-direct';

export interface DirectSink {
  /** A data frame `{identifier, message}` for the capture pipeline. */
  frame(payload: unknown, installUrl: string): void;
  /** Connection state for the popup (undefined: direct mode is off). Details never contain the token. */
  state(s: { url: string; state: DirectState; detail?: string } | undefined): void;
}

const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

/**
 * Wiring of OneChat direct mode (src/platforms/onechat/direct.ts) in the worker: started, restarted or
 * stopped from the settings (SettingsState.reload) and when secrets change. MV3 keeps a worker alive
 * while its WebSocket exchanges messages (Chrome 116+: pings every 3 s); if the worker is stopped
 * anyway, the alarm wakes it, App's init reconnects, and the alarm handler makes sure of it.
 */
export class DirectMode {
  private conn?: DirectConnection;
  /** What the running connection was built from (config + token): a change restarts it. */
  private key = '';
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: DirectSink,
    settings: () => Promise<Settings>,
    /** Host permission for an http(s) origin (injectable for tests). */
    private readonly permitted: (origin: string) => Promise<boolean> = (origin) =>
      browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false),
    private readonly WebSocketCtor: SocketCtor = globalThis.WebSocket as unknown as SocketCtor,
  ) {
    // Constructed during the worker's first turn (App), so an alarm that wakes the worker is delivered.
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name !== DIRECT_ALARM) return;
      void settings()
        .then((s) => this.apply(s))
        .then(() => this.conn?.ensure());
    });
  }

  get connection(): DirectConnection | undefined {
    return this.conn;
  }

  /** Serialised and idempotent: the same configuration and token keep the running connection. */
  apply(settings: Settings): Promise<void> {
    this.chain = this.chain
      .then(() => this.reconcile(settings))
      .catch((e: unknown) => console.error('[crm-bridge] OneChat direct mode', e));
    return this.chain;
  }

  private async reconcile(settings: Settings): Promise<void> {
    const cfg = settings.onechatDirect?.enabled ? settings.onechatDirect : undefined;
    const token = cfg ? (await allSecrets()).get(cfg.pubsubTokenSecret) : undefined;
    // Checked again here, not only by the settings schema: the token goes to this host, so only over
    // TLS (plain ws: to loopback) and only with the user's host permission for it (issue 14 item 5).
    // The permission is part of the key: a grant or a revocation restarts or stops the connection.
    let url: string | undefined;
    let problem: string | undefined;
    try {
      url = cableUrl(cfg?.url ?? '');
    } catch (e) {
      problem = (e as Error).message;
    }
    const origin = cfg && url ? directOrigin(cfg.url) : undefined;
    const allowed = origin ? await this.permitted(origin) : false;
    const key = cfg ? JSON.stringify([cfg, token ?? null, allowed]) : '';
    if (key === this.key) return;
    this.key = key;
    const old = this.conn;
    this.conn = undefined;
    old?.stop();
    if (!cfg) {
      this.sink.state(undefined);
      await browser.alarms.clear(DIRECT_ALARM);
      return;
    }
    // The alarm also re-reads the secret, so a token stored later is picked up.
    await browser.alarms.create(DIRECT_ALARM, { periodInMinutes: 0.5 });
    if (!url || !origin) {
      this.sink.state({ url: cfg.url, state: 'disconnected', detail: `invalid OneChat URL: ${problem}` });
      return;
    }
    if (!allowed) {
      this.sink.state({ url, state: 'disconnected', detail: `grant access to ${origin}` });
      return;
    }
    if (!token) {
      this.sink.state({ url, state: 'disconnected', detail: `secret "${cfg.pubsubTokenSecret}" is not set` });
      return;
    }
    const conn: DirectConnection = new DirectConnection(
      {
        installUrl: cfg.url,
        pubsubToken: token,
        accountId: cfg.accountId,
        userId: cfg.userId,
        presence: cfg.presence,
      },
      {
        onFrame: (frame) => {
          if (this.conn === conn) this.sink.frame(frame, cfg.url);
        },
        onState: (state, detail) => {
          if (this.conn === conn) this.sink.state({ url, state, detail });
        },
      },
      { WebSocket: this.WebSocketCtor, clock },
    );
    this.conn = conn;
    conn.start();
  }
}

/**
 * Direct mode as the worker wires it: frames go into the capture pipeline as the direct platform's,
 * the connection state is shown as that of the pseudo-tab -1 (no page), published on the feed.
 */
export function directModeFor(
  d: {
    capture: (payload: unknown, url: string) => void;
    tabs: Pick<TabState, 'setSocket' | 'forget'>;
    feed: Pick<Feed, 'publishTab'>;
  },
  settings: () => Promise<Settings>,
): DirectMode {
  return new DirectMode(
    {
      frame: d.capture,
      state: (s) => {
        if (s) d.tabs.setSocket(-1, -1, { platform: DIRECT_PLATFORM, ...s });
        else d.tabs.forget(-1);
        d.feed.publishTab(-1);
      },
    },
    settings,
  );
}
