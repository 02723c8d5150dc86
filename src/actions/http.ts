import type { BridgeEvent } from '../events/model';
import { dedupeKey } from '../platforms/kit';
import { renderSegments, TemplateError } from '../templates/engine';
import type { SecretAccess, Segments } from '../templates/segments';
import { hash53 } from '../util/hash';
import type { ListMerge } from './list-merge';
import { type ActionOf, eventScope, isLoopback, renderHttpUrl, renderJsonSegments } from './render';

export interface HttpRequestSpec {
  method: string;
  url: string;
  /**
   * Header values and the body are segments: text, and references to the secrets the rule's own
   * template named, resolved only at send time (src/secrets/segments.ts, src/outbox/outbox.ts).
   */
  headers: Record<string, Segments>;
  body?: Segments;
  timeoutMs: number;
  /** Read-modify-write of a list (REST agent-commands, src/actions/list-merge.ts): read again at every attempt. */
  merge?: ListMerge;
}

/**
 * Idempotency-Key from (rule, event occurrence, action index): the same on every retry of one action.
 * The occurrence is bound to the event's source (platform, trusted origin, site: kit.ts `dedupeKey`), so
 * an event forged elsewhere with a real chat id cannot take the genuine event's key at the CRM (issue 14
 * item 3). Weak (content-hash) event ids add receivedAt, so a payload legitimately repeated is a new
 * occurrence.
 */
export function idempotencyKey(ruleId: string, event: BridgeEvent, index: number): string {
  const bound = dedupeKey(event);
  const occurrence = event.id.includes(':h:') ? `${bound}@${event.receivedAt}` : bound;
  return `crmb-${hash53(`${ruleId}\u0000${occurrence}\u0000${index}`)}-${hash53(`${index}\u0000${occurrence}\u0000${ruleId}`, 7)}`;
}

/**
 * Renders an http action into a request that can wait in the outbox. Secret values are never in it:
 * only references, at the places the rule's header and body templates name them (issue 14, item 2),
 * and only to secrets this rule may use (`access`, issue 14, item 7).
 */
export function renderHttp(
  action: ActionOf<'http'>,
  event: BridgeEvent,
  access: SecretAccess,
): { request: HttpRequestSpec; missing: string[] } {
  const missing: string[] = [];
  // Secrets never resolve in the URL: it is logged, shown and sent in Referer-like places.
  const url = renderHttpUrl(action.url, eventScope(event));
  missing.push(...url.missing);
  if (url.value.protocol !== 'https:' && !isLoopback(url.value)) {
    throw new TemplateError(
      `http actions need https (plain http is allowed only to loopback): ${url.value.origin}`,
    );
  }
  const scope = eventScope(event);
  const headers: Record<string, Segments> = {};
  for (const [name, tpl] of Object.entries(action.headers)) {
    const r = renderSegments(tpl, scope, 'header', access);
    missing.push(...r.missing);
    headers[name] = r.segments;
  }
  let body: Segments | undefined;
  if (action.body?.type === 'json') {
    body = renderJsonSegments(action.body.value, scope, access, missing);
    headers['Content-Type'] ??= ['application/json'];
  } else if (action.body?.type === 'text') {
    const r = renderSegments(action.body.value, scope, 'body', access);
    missing.push(...r.missing);
    body = r.segments;
    headers['Content-Type'] ??= [action.body.contentType];
  }
  return {
    request: { method: action.method, url: url.value.href, headers, body, timeoutMs: action.timeoutMs },
    missing,
  };
}
