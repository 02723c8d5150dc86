// Zod-free on purpose, like worker-message.ts: the bridge imports these as values, and
// src/messaging/protocol.ts would pull zod into bridge.js, over its size budget (scripts/report-sizes.mjs).

/**
 * The bridge's capture port (runtime.connect name). Captures go over one long-lived port per bridge
 * rather than one runtime.sendMessage each: a message on an open port is one IPC, where sendMessage opens
 * a channel, sends, answers and closes it for every capture (issue 16, `npm run bench -- latency`).
 */
export const CAPTURE_PORT = 'crmb.capture';

/** Worker → bridge over the capture port: capture `cid` is journaled (`ack`), or must be sent again. */
export interface CaptureAck {
  type: 'capture.ack';
  cid: string;
  ack: boolean;
}

/** Is this an answer on the capture port? (The bridge checks its shape instead of casting it.) */
export function isCaptureAck(m: unknown): m is CaptureAck {
  if (typeof m !== 'object' || m === null) return false;
  const a = m as Record<string, unknown>;
  return a.type === 'capture.ack' && typeof a.cid === 'string' && typeof a.ack === 'boolean';
}
