// Capture delivery from the bridge to the worker: bounded in size, at-least-once, acknowledged once
// journaled (DESIGN.md, Delivery), over one long-lived port (src/messaging/protocol.ts CAPTURE_PORT).
import { CAPTURE_PORT, isCaptureAck } from '../messaging/capture-port';
import type { ContentMessage } from '../messaging/protocol';
import type { MiniPort, MiniRuntime } from './ext';
import type { RejectionCounter } from './rejections';

type Capture = Extract<ContentMessage, { type: 'capture' }>;

const MAX_PENDING = 20_000;
/** Sends of one capture before it is given up (and counted as a rejection): about 30 s of backoff. */
const MAX_ATTEMPTS = 20;
/**
 * Largest capture relayed, as JSON characters. Real events are a few KB (a chat message, a Chatwoot
 * conversation with its last message); a payload of megabytes is either a bug or an attack, and relaying
 * it costs every genuine event behind it (runtime messaging serialises it twice, the worker journals it):
 * `npm run bench -- hostile`, scenario payload.
 */
export const MAX_CAPTURE_CHARS = 256 * 1024;

/** Why a payload cannot be relayed, or undefined when it can (measured as the JSON the runtime will send). */
export function captureTooLarge(payload: unknown): string | undefined {
  let size: number;
  try {
    size = JSON.stringify(payload)?.length ?? 0;
  } catch {
    return 'payload cannot be relayed: it is not plain data (a cycle, or nested too deep)';
  }
  if (size <= MAX_CAPTURE_CHARS) return undefined;
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} KB`;
  return `payload too large to relay: ${kb(size)}, the limit is ${kb(MAX_CAPTURE_CHARS)}`;
}

/**
 * The capture's `page` (src/messaging/protocol.ts): this frame's URL, left out past the protocol's bound
 * (the worker then uses the port's), and in a top frame its title (what the tab shows).
 */
export function pageNow(win: Window): { url: string; title?: string } | undefined {
  const url = win.location.href;
  if (url.length > 4000) return undefined;
  const title = win === win.top ? win.document.title.slice(0, 500) : '';
  return title ? { url, title } : { url };
}

interface Pending {
  message: Capture;
  attempt: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Captures are kept until the worker acknowledges them (it answers once the event is journaled). The
 * port is opened on the first capture and again after it closes: a stopped worker closes it, and every
 * capture not yet acknowledged is then sent again with the same `cid`, which the worker recognises.
 * Nothing reopens it while nothing is pending, so an idle page never keeps the worker awake. Beyond
 * MAX_PENDING unacknowledged captures new ones are refused and counted (an explicit backpressure
 * bound), never silently dropped.
 */
export class CaptureDelivery {
  private seq = 0;
  private readonly pending = new Map<string, Pending>();
  private port?: MiniPort;
  private readonly instance = Math.random().toString(36).slice(2, 10);

  constructor(
    private readonly runtime: MiniRuntime,
    private readonly rejections: RejectionCounter,
    /** Where the bridge is now (src/messaging/protocol.ts, capture `page`). */
    private readonly where: () => Capture['page'] = () => undefined,
  ) {}

  send(message: Capture): void {
    const tooLarge = captureTooLarge(message.payload);
    if (tooLarge) {
      // Refused here, before it costs anything downstream; journaled as a rejection (never silent).
      this.rejections.add(message.platform, message.origin, tooLarge);
      return;
    }
    if (this.pending.size >= MAX_PENDING) {
      this.rejections.add(
        message.platform,
        message.origin,
        `backpressure: ${MAX_PENDING} captures awaiting the worker; this one was refused`,
      );
      return;
    }
    const cid = `${this.instance}:${++this.seq}`;
    const page = this.where();
    const capture: Capture = { ...message, cid, at: Date.now(), ...(page ? { page } : {}) };
    this.pending.set(cid, { message: capture, attempt: 0 });
    this.post(cid, capture);
  }

  private post(cid: string, message: Capture): void {
    try {
      this.connect().postMessage(message);
    } catch {
      // The port closed under us (the worker stopped) or the extension was reloaded: try again.
      this.port = undefined;
      this.retry(cid);
    }
  }

  private connect(): MiniPort {
    if (this.port) return this.port;
    const port = this.runtime.connect({ name: CAPTURE_PORT });
    port.onMessage.addListener((m) => this.answered(m));
    port.onDisconnect.addListener(() => {
      void this.runtime.lastError;
      if (this.port === port) this.port = undefined;
      for (const cid of this.pending.keys()) this.retry(cid);
    });
    this.port = port;
    return port;
  }

  private answered(m: unknown): void {
    if (!isCaptureAck(m)) return;
    if (m.ack) {
      const p = this.pending.get(m.cid);
      if (p?.timer) clearTimeout(p.timer);
      this.pending.delete(m.cid);
    } else this.retry(m.cid);
  }

  /** Sent again, as a re-send, after a backoff (50 ms doubling to 2 s); given up after MAX_ATTEMPTS. */
  private retry(cid: string): void {
    const p = this.pending.get(cid);
    if (!p || p.timer) return;
    if (p.attempt + 1 >= MAX_ATTEMPTS) {
      this.pending.delete(cid);
      this.rejections.add(
        p.message.platform,
        p.message.origin,
        `the extension worker did not acknowledge this capture after ${MAX_ATTEMPTS} attempts`,
      );
      return;
    }
    const delay = Math.min(2000, 50 * 2 ** p.attempt);
    p.attempt++;
    p.timer = setTimeout(() => {
      p.timer = undefined;
      if (!this.pending.has(cid)) return;
      p.message = { ...p.message, resend: true };
      this.post(cid, p.message);
    }, delay);
  }
}
