import type { BridgeEvent } from '../events/model';
import { dedupeKey } from '../platforms/kit';
import { secretScope } from '../secrets/redact';
import { TemplateError } from '../templates/engine';
import { hash53 } from '../util/hash';
import { type ActionOf, eventScope, isLoopback, renderHttpUrl, renderJson, renderString } from './render';

export interface HttpRequestSpec {
  method: string;
  url: string;
  /** Header values may hold secret tokens, resolved only at send time (src/secrets/redact.ts). */
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
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

/** Renders an http action into a request that can wait in the outbox. Secrets stay tokens. */
export function renderHttp(
  action: ActionOf<'http'>,
  event: BridgeEvent,
  secretNames: Iterable<string>,
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
  const scope = eventScope(event, secretScope(secretNames));
  const headers: Record<string, string> = {};
  for (const [name, tpl] of Object.entries(action.headers)) {
    const r = renderString(tpl, scope, 'header');
    missing.push(...r.missing);
    headers[name] = r.value;
  }
  let body: string | undefined;
  if (action.body?.type === 'json') {
    const r = renderJson(action.body.value, scope, missing);
    body = JSON.stringify(r.value);
    headers['Content-Type'] ??= 'application/json';
  } else if (action.body?.type === 'text') {
    const r = renderString(action.body.value, scope, 'body');
    missing.push(...r.missing);
    body = r.value;
    headers['Content-Type'] ??= action.body.contentType;
  }
  return {
    request: { method: action.method, url: url.value.href, headers, body, timeoutMs: action.timeoutMs },
    missing,
  };
}
