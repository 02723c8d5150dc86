// pubsub_token is a bearer credential: whoever holds an agent's token receives that agent's whole
// account stream, and a contact's token their conversation. It appears in the cable identifier and in
// every contact object of the samples (seed 001). Events keep the payload in `data`, which is
// journaled, exported and templated into CRM requests, so the token is replaced before it gets there.
import { parseIdentifier } from './protocol';

export const REDACTED = '[redacted]';
const TOKEN_KEY = 'pubsub_token';

/** Deep copy with every non-empty `pubsub_token` string replaced. Depth-bounded: untrusted input. */
export function redactTokens(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactTokens(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === TOKEN_KEY && typeof v === 'string' && v !== '' ? REDACTED : redactTokens(v, depth + 1);
  }
  return out;
}

/** The identifier is a JSON string; its token is redacted inside and the string re-serialised. */
export function redactIdentifier(identifier: string): string {
  const id = parseIdentifier(identifier);
  return id.ok ? JSON.stringify(redactTokens(id.value)) : identifier;
}
