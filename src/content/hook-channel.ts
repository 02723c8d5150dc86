// The bridge's end of its private channel to the WebSocket page hook (protocol: hook-protocol.ts,
// HOOK_PORT_EVENT). Issue 14 item 9: the socket hook's configuration used to be a `document` CustomEvent any
// page script could dispatch first (or again), silencing the real socket. Both content scripts run at
// document_start, before any page script, so whichever comes second completes the handshake then.
import { HOOK_HELLO_EVENT, HOOK_PORT_EVENT } from '../messaging/hook-protocol';

export class HookChannel {
  private readonly channel = new MessageChannel();
  private taken = false;

  constructor(private readonly doc: Document) {}

  /** At document_start: offer the port now (the hook is there already) or when the hook says hello. */
  open(): void {
    if (!this.offer()) this.doc.addEventListener(HOOK_HELLO_EVENT, this.onHello);
  }

  /** Once the configuration is known no hook can still be coming: a later hello is a page's. */
  close(): void {
    this.doc.removeEventListener(HOOK_HELLO_EVENT, this.onHello);
  }

  /** Sends the socket URL suffix to the hook; only the hook holds the other end. */
  post(suffix: string): void {
    if (this.taken) this.channel.port1.postMessage(suffix);
  }

  private readonly onHello = (): void => {
    if (this.offer()) this.close();
  };

  /** The hook cancels the event when it takes the port, so dispatchEvent returns false: taken. */
  private offer(): boolean {
    if (this.taken) return true;
    const ev = new MessageEvent(HOOK_PORT_EVENT, { ports: [this.channel.port2], cancelable: true });
    this.taken = !this.doc.dispatchEvent(ev);
    return this.taken;
  }
}
