// Drives the Rox.Chat simulator (demo/public/roxchat/sim.js) from inside its own frame, so pacing and
// timestamps do not depend on the DevTools round trip.
import type { Frame } from 'playwright-core';

export interface EmitPlan {
  /** Events to send. */
  count: number;
  /** Target rate; the loop sends whatever is due at each timer tick (several per tick above ~250/s). */
  perSecond: number;
  /** Goes into every message text, `<tag>|<index>|<epoch ms with decimals>`. */
  tag: string;
  /** chatId = chatBase + index % chats. */
  chats?: number;
  chatBase?: number;
}

export interface EmitReport {
  sent: number;
  /** Epoch ms (iframe clock) of the first and last send. */
  firstAt: number;
  lastAt: number;
}

/**
 * Sends `newMessageAdded` events through `sim.emit` (a real `postMessage` to the parent CRM page).
 * The message text carries `performance.timeOrigin + performance.now()` taken just before the send.
 */
// Plain JavaScript evaluated in the frame (a string, so the TS transpiler adds no helpers to it).
const EMIT_SOURCE = `async (p) => {
  const sim = window.sim;
  const chats = p.chats ?? 10;
  const base = p.chatBase ?? 1000;
  const start = performance.now();
  let sent = 0;
  let firstAt = 0;
  let lastAt = 0;
  while (sent < p.count) {
    const due = Math.min(p.count, Math.floor(((performance.now() - start) * p.perSecond) / 1000) + 1);
    while (sent < due) {
      const t = performance.timeOrigin + performance.now();
      if (sent === 0) firstAt = t;
      lastAt = t;
      sim.emit('newMessageAdded', {
        roxchatVisitorId: 'bench-visitor',
        providedVisitorId: null,
        chatId: base + (sent % chats),
        sessionId: 'bench-session',
        kind: 'visitor',
        messageText: p.tag + '|' + sent + '|' + t,
        siebelId: null,
      });
      sent++;
    }
    if (sent < p.count) {
      const next = start + (sent * 1000) / p.perSecond;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  }
  return { sent, firstAt, lastAt };
}`;

export function emitAtRate(frame: Frame, plan: EmitPlan): Promise<EmitReport> {
  return frame.evaluate(`(${EMIT_SOURCE})(${JSON.stringify(plan)})`) as Promise<EmitReport>;
}

/** `<tag>|<index>|<t0>` → {index, t0}, or undefined for another tag. */
export function parseStamp(text: unknown, tag: string): { index: number; t0: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const [t, i, at] = text.split('|');
  if (t !== tag || i === undefined || at === undefined) return undefined;
  return { index: Number(i), t0: Number(at) };
}

/** One `newMessageAdded` from the frame, text `<tag>|<index>|<epoch ms>` stamped just before postMessage. */
export function emitOne(frame: Frame, tag: string, index: number, chatId = 1000): Promise<number> {
  return frame.evaluate(`(() => {
    const t = performance.timeOrigin + performance.now();
    window.sim.emit('newMessageAdded', {
      roxchatVisitorId: 'bench-visitor',
      providedVisitorId: null,
      chatId: ${Number(chatId)},
      sessionId: 'bench-session',
      kind: 'visitor',
      messageText: ${JSON.stringify(`${tag}|${index}|`)} + t,
      siebelId: null,
    });
    return t;
  })()`) as Promise<number>;
}
