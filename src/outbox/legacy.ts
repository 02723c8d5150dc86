import type { HttpRequestSpec } from '../actions/http';
import type { Segments } from '../secrets/segments';

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
