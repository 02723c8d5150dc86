// Capture delivery from the bridge to the worker: bounded in size, at-least-once, acknowledged once
// journaled (DESIGN.md, Delivery).
import type { ContentMessage } from '../messaging/protocol';
import type { MiniRuntime } from './ext';
import type { RejectionCounter } from './rejections';

type Capture = Extract<ContentMessage, { type: 'capture' }>;

const MAX_PENDING = 20_000;
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

export class CaptureDelivery {
  private seq = 0;
  /** Capture ids sent but not yet acknowledged by the worker. */
  private readonly pending = new Set<string>();
  private readonly instance = Math.random().toString(36).slice(2, 10);

  constructor(
    private readonly runtime: MiniRuntime,
    private readonly rejections: RejectionCounter,
  ) {}

  send(message: Capture): void {
    const tooLarge = captureTooLarge(message.payload);
    if (tooLarge) {
      // Refused here, before it costs anything downstream; journaled as a rejection (never silent).
      this.rejections.add(message.platform, message.origin, tooLarge);
      return;
    }
    this.deliver({ ...message, cid: `${this.instance}:${++this.seq}`, at: Date.now() }, 0);
  }

  /**
   * Captures are kept until the worker acknowledges them (it answers once the event is journaled).
   * When the worker is stopped mid-way the pending call rejects, and the capture is sent again with
   * the same `cid`, which the worker recognises. Beyond MAX_PENDING unacknowledged captures new ones
   * are refused and counted (an explicit backpressure bound), never silently dropped.
   */
  private deliver(message: Capture, attempt: number): void {
    const cid = message.cid ?? '';
    if (attempt === 0) {
      if (this.pending.size >= MAX_PENDING) {
        this.rejections.add(
          message.platform,
          message.origin,
          `backpressure: ${MAX_PENDING} captures awaiting the worker; this one was refused`,
        );
        return;
      }
      this.pending.add(cid);
    }
    this.runtime.sendMessage(message).then(
      (r) => {
        if (r && 'ack' in r && r.ack) this.pending.delete(cid);
        else this.retry(message, attempt);
      },
      () => this.retry(message, attempt),
    );
  }

  private retry(message: Capture, attempt: number): void {
    if (attempt >= 20) {
      this.pending.delete(message.cid ?? '');
      this.rejections.add(
        message.platform,
        message.origin,
        'the extension worker did not acknowledge this capture after 20 attempts',
      );
      return;
    }
    setTimeout(
      () => this.deliver({ ...message, resend: true }, attempt + 1),
      Math.min(2000, 50 * 2 ** attempt),
    );
  }
}
