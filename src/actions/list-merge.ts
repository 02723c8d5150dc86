// Read-modify-write for an API whose only write replaces a whole list: Chatwoot's conversation labels
// (POST …/conversations/{id}/labels "would overwrite the existing list of labels"; GET on the same path
// answers `{payload: [titles]}`: chatwoot/chatwoot swagger/paths/application/conversation/labels/
// {index,create}.yml, LabelConcern in app/controllers/concerns/label_concern.rb). The outbox item
// carries the delta (the body's `field`: the labels to add or remove) and, at EVERY attempt, reads the
// current list first, merges, and sends the whole list (src/outbox/send.ts `sendOnce`).
//
// Reading again on each attempt is what keeps retries correct: a list computed when the action was
// queued would, sent hours later after an outage, overwrite every change made meanwhile; recomputed at
// the attempt it starts from the list as it is then. Add and remove are idempotent (adding a label
// already there, or removing one already gone, changes nothing), so an attempt whose POST was applied
// but whose answer was lost is harmless when repeated.
//
// The race it cannot close: a change someone else makes between this GET and this POST (another agent,
// an automation rule, another rule of CRM Bridge on the same conversation) is overwritten, because the
// API has no version or If-Match to refuse a stale write. The window is one round trip. Commands of one
// rule and conversation go out one after the other (the outbox's order key), never interleaved.

export interface ListMerge {
  /** GET here (same origin as the request) for the current list. */
  readUrl: string;
  /** Key of the JSON answer that holds the current list of strings (Chatwoot: `payload`). */
  list: string;
  /** Key of the request body that holds the delta, and receives the merged list (Chatwoot: `labels`). */
  field: string;
  /** `add`: union keeping the current order, new values appended; `remove`: the difference. */
  op: 'add' | 'remove';
}

/** The list to send: `current` with `values` added (in order, no duplicates) or removed. */
export function mergeList(
  current: readonly string[],
  values: readonly string[],
  op: ListMerge['op'],
): string[] {
  if (op === 'add') return [...new Set([...current, ...values])];
  const drop = new Set(values);
  return current.filter((v) => !drop.has(v));
}

export type MergedBody =
  | { ok: true; body: string }
  /** As an attempt's result: the outbox's verdict decides (5xx and 0 retried, other 4xx dead-lettered). */
  | { ok: false; status: number; retryAfter: string | null; excerpt?: string; error: string };

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Reads the current list and returns the body to send. Network errors and timeouts throw (the caller's
 * attempt handles them like its own). `headers` are the request's resolved headers: the read carries
 * the same credentials to the same origin.
 */
export async function mergedBody(
  fetchFn: typeof fetch,
  request: { url: string; merge: ListMerge },
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
): Promise<MergedBody> {
  const { merge } = request;
  const refused = (error: string): MergedBody => ({ ok: false, status: 400, retryAfter: null, error });
  if (new URL(merge.readUrl).origin !== new URL(request.url).origin)
    return refused(`not sent: the list is read from ${merge.readUrl}, not from the request's own origin`);
  let sent: Record<string, unknown>;
  try {
    sent = JSON.parse(body ?? '');
  } catch {
    return refused(`not sent: the body is not JSON with a "${merge.field}" list`);
  }
  const delta = sent?.[merge.field];
  if (!strings(delta)) return refused(`not sent: the body has no "${merge.field}" list of text`);
  const { 'Content-Type': _type, ...readHeaders } = headers;
  const res = await fetchFn(merge.readUrl, {
    method: 'GET',
    headers: readHeaders,
    signal,
    credentials: 'omit',
    redirect: 'error',
  });
  const text = await res.text().catch(() => '');
  const failed = (status: number, error: string): MergedBody => ({
    ok: false,
    status,
    retryAfter: res.headers.get('Retry-After'),
    excerpt: text,
    error,
  });
  if (!res.ok) return failed(res.status, `reading the current ${merge.field} first: HTTP ${res.status}`);
  let current: unknown;
  try {
    current = (JSON.parse(text) as Record<string, unknown> | null)?.[merge.list];
  } catch {
    current = undefined;
  }
  // An answer of another shape (a login page, a proxy's error) is a bad gateway: retried.
  if (!strings(current))
    return failed(502, `reading the current ${merge.field} first: the answer has no "${merge.list}" list`);
  return { ok: true, body: JSON.stringify({ ...sent, [merge.field]: mergeList(current, delta, merge.op) }) };
}
