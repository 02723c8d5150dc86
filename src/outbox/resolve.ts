import type { HttpRequestSpec } from '../actions/http';
import { joinSegments, type Segments, secretNamesIn, secretRefused } from '../templates/segments';

/**
 * Items queued before issue 14 hold header values and bodies as strings, with each secret marked by a
 * placeholder (U+E000 "secret:name" U+E001) inside the same text as event data: a visitor who typed
 * the placeholder got the secret. Those strings are never searched again. An old item with no
 * placeholder character in it never referred to a secret and is sent exactly as stored; one with a
 * placeholder cannot be told apart from a forged one, so it is not sent and is dead-lettered with the
 * reason below (the event is in the journal; run the rule again to send it). See SECURITY.md claim 12.
 */
export const LEGACY_REFUSED =
  'not sent: this request was queued by an older version of CRM Bridge and refers to a secret in a way visitor text could imitate; discard it and send the note again';

const PLACEHOLDER_START = '\uE000';

/** The request as segments, or the reason it is refused. */
export function upgradeRequest(request: HttpRequestSpec): HttpRequestSpec | string {
  const stored = request as unknown as {
    headers: Record<string, Segments | string>;
    body?: Segments | string;
  };
  const values = [stored.body, ...Object.values(stored.headers)];
  if (!values.some((v) => typeof v === 'string')) return request;
  if (values.some((v) => typeof v === 'string' && v.includes(PLACEHOLDER_START))) return LEGACY_REFUSED;
  const seg = (v: Segments | string): Segments => (typeof v === 'string' ? [v] : v);
  return {
    ...request,
    headers: Object.fromEntries(Object.entries(stored.headers).map(([k, v]) => [k, seg(v)])),
    body: stored.body === undefined ? undefined : seg(stored.body),
  };
}

/**
 * The request as it is sent: secret values spliced in at the references the rule's template made,
 * and nowhere else (the text is never searched: issue 14, item 2); the organisation's secrets only
 * for its own rules (item 7). Returns the reason, in plain words, when it must not be sent.
 */
export function resolveRequest(
  stored: HttpRequestSpec,
  secrets: ReadonlyMap<string, string>,
  isManaged: (name: string) => boolean,
  ruleManaged: boolean,
): { headers: Record<string, string>; body?: string } | { refused: string } {
  const request = upgradeRequest(stored);
  if (typeof request === 'string') return { refused: request };
  const names = secretNamesIn(request.body, ...Object.values(request.headers));
  for (const name of names) {
    const refused = secretRefused(name, isManaged, ruleManaged);
    if (refused) return { refused };
  }
  const missing = names.filter((n) => !secrets.has(n));
  if (missing.length > 0) return { refused: `secret ${missing.join(', ')} is not set` };
  const value = (name: string) => secrets.get(name) ?? '';
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) {
    const text = joinSegments(v, value);
    if (/[\r\n]/.test(text)) return { refused: `header ${k} would contain a line break` };
    headers[k] = text;
  }
  return { headers, body: request.body === undefined ? undefined : joinSegments(request.body, value) };
}
