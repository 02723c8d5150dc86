// The Deliveries view's logic (issue 16): what a page is shown of an outbox item, and how a manual
// retry, discard or edited resend changes one. Pure functions; src/outbox/outbox.ts applies them in
// one IndexedDB transaction (src/outbox/manual.ts).
import type { StatusWord } from '../journal/status';
import { redact } from '../secrets/redact';
import { isSecretRef, pushSegment, type SecretRef, type Segments } from '../templates/segments';
import { itemStatus } from './history';
import { upgradeRequest } from './resolve';
import type { AttemptRecord, OutboxItem } from './types';

/** A header as a page sees it: its value only when it holds no secret. */
export interface HeaderView {
  name: string;
  /** Absent when the header holds a secret: it is filled in when the request is sent. */
  value?: string;
  secret?: true;
}

/** One outbox item as the Deliveries view shows it: no secret value is in it. */
export interface DeliveryView {
  id: string;
  journalSeq: number;
  ruleId: string;
  ruleName: string;
  method: string;
  url: string;
  origin: string;
  status: StatusWord;
  attempts: number;
  createdAt: number;
  nextAttemptAt?: number;
  lastStatus?: number;
  lastError?: string;
  /** The start of the last response body (redacted). */
  excerpt?: string;
  history: AttemptRecord[];
  headers: HeaderView[];
  /** Text, with each secret reference kept as a reference (`{secret}`): what an edit starts from. */
  body?: Segments;
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/** The page's view of an item; `secrets` redacts any secret value that event text carried in. */
export function deliveryView(
  item: OutboxItem,
  sending: boolean,
  secrets: ReadonlyMap<string, string>,
): DeliveryView {
  const clean = (s: string | undefined) => (s === undefined ? undefined : redact(s, secrets));
  const upgraded = upgradeRequest(item.request);
  const request = typeof upgraded === 'string' ? undefined : upgraded;
  const headers: HeaderView[] = Object.entries(request?.headers ?? {}).map(([name, segs]) =>
    segs.some(isSecretRef)
      ? { name, secret: true }
      : { name, value: clean(segs.map((s) => (typeof s === 'string' ? s : '')).join('')) },
  );
  const body = request?.body?.map((s) => (typeof s === 'string' ? redact(s, secrets) : refOf(s)));
  const last = item.history?.[item.history.length - 1];
  // The last answer's start: the item's own (issue 16's 2 KB `lastExcerpt`) or the history's.
  const withExcerpt = item as OutboxItem & { lastExcerpt?: string };
  return {
    id: item.id,
    journalSeq: item.journalSeq,
    ruleId: item.ruleId,
    ruleName: item.ruleName,
    method: item.request.method,
    url: clean(item.request.url) ?? '',
    origin: originOf(item.request.url),
    status: itemStatus(item, sending),
    attempts: item.attempts,
    createdAt: item.createdAt,
    nextAttemptAt: item.status === 'pending' ? item.nextAttemptAt : undefined,
    lastStatus: item.lastStatus,
    lastError: clean(item.lastError),
    excerpt: clean(withExcerpt.lastExcerpt ?? last?.excerpt),
    history: (item.history ?? []).map((h) => ({ ...h, error: clean(h.error), excerpt: clean(h.excerpt) })),
    headers,
    body,
  };
}

const refOf = (s: SecretRef): SecretRef => (s.json ? { secret: s.secret, json: true } : { secret: s.secret });

/** Back to pending with a fresh budget, due now; history, request and key kept. */
export function toPending(item: OutboxItem, now: number, manual: 'retry' | 'resend'): OutboxItem {
  return {
    ...item,
    status: 'pending',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: now,
    lastError: undefined,
    manualPending: manual,
  };
}

/**
 * An edited body, checked against the request it replaces. The page sends text and references as
 * separate segments (never a marker inside text), and may keep or drop a reference the original body
 * had, never add one: an edit cannot name a secret the rule's own template did not put in this body.
 * Returns the body to store, or why it is refused, in plain words.
 */
export function checkEditedBody(
  original: Segments | undefined,
  edited: ReadonlyArray<string | SecretRef>,
): { body: Segments } | { error: string } {
  const allowed = new Set((original ?? []).filter(isSecretRef).map((s) => `${s.secret}|${s.json === true}`));
  const body: Segments = [];
  for (const s of edited) {
    if (typeof s === 'string') {
      pushSegment(body, s);
      continue;
    }
    if (!allowed.has(`${s.secret}|${s.json === true}`))
      return {
        error: `The edited body refers to the secret “${s.secret}”, which this request’s body did not use, so it was not sent.`,
      };
    body.push(refOf(s));
  }
  return { body };
}

/** The item's body as segments (an item from before issue 14 upgraded; none if it cannot be). */
export function upgradedBody(item: OutboxItem): Segments | undefined {
  const upgraded = upgradeRequest(item.request);
  return typeof upgraded === 'string' ? undefined : upgraded.body;
}

/** The item with an edited body, back to pending (only a failed item is edited). */
export function withEditedBody(item: OutboxItem, body: Segments, now: number): OutboxItem {
  const upgraded = upgradeRequest(item.request);
  const request = typeof upgraded === 'string' ? item.request : upgraded;
  return toPending({ ...item, request: { ...request, body } }, now, 'resend');
}
