// Zod-free on purpose: the bridge imports this as a value, and src/messaging/protocol.ts would pull zod
// (its request schemas) into bridge.js, over its size budget (scripts/report-sizes.mjs).
import type { WorkerToContent } from './protocol';

/**
 * A runtime message a bridge receives is the worker's (content scripts' runtime.onMessage hears only the
 * extension); this guard still checks its shape instead of casting it.
 */
export function isWorkerMessage(msg: unknown): msg is WorkerToContent {
  if (typeof msg !== 'object' || msg === null) return false;
  const m = msg as Record<string, unknown>;
  if (m.type === 'config') return typeof m.config === 'object' && m.config !== null;
  return (
    m.type === 'command' &&
    typeof m.platform === 'string' &&
    typeof m.command === 'object' &&
    m.command !== null
  );
}
