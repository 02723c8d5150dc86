import type { BridgeEvent } from '../events/model';
import { getPath } from '../rules/paths';
import type { Action, JsonTemplate } from '../rules/schema';
import { barePath, renderTemplate, type TemplateContext, TemplateError } from '../templates/engine';

/** What templates see: the canonical event's fields at top level (`contact.phone`, `data.params.kind`). */
export function eventScope(event: BridgeEvent, secrets?: Record<string, string>): Record<string, unknown> {
  return secrets ? { ...event, secrets } : { ...event };
}

export interface Rendered<T> {
  value: T;
  missing: string[];
}

export function renderString(
  source: string,
  scope: Record<string, unknown>,
  ctx: TemplateContext,
): Rendered<string> {
  return renderTemplate(source, scope, ctx);
}

/**
 * Renders a JSON body: each string leaf separately, so event data can never break out of its string or
 * inject keys. A leaf that is exactly `{{ path }}` keeps the value's JSON type (number, object…).
 */
export function renderJson(
  tpl: JsonTemplate,
  scope: Record<string, unknown>,
  missing: string[] = [],
): Rendered<unknown> {
  const walk = (node: JsonTemplate): unknown => {
    if (typeof node === 'string') {
      const path = barePath(node);
      if (path !== undefined) {
        const v = getPath(scope, path);
        if (v === undefined || v === null || v === '') missing.push(path);
        if (v !== undefined && (typeof v !== 'string' || !path.startsWith('secrets.'))) return v ?? null;
      }
      const r = renderTemplate(node, scope, 'body');
      missing.push(...r.missing);
      return r.value;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = walk(v);
      return out;
    }
    return node;
  };
  return { value: walk(tpl), missing };
}

/** URL rendered with every interpolation URL-encoded; only http(s) results are accepted. */
export function renderHttpUrl(source: string, scope: Record<string, unknown>): Rendered<URL> {
  const r = renderTemplate(source, scope, 'url');
  let url: URL;
  try {
    url = new URL(r.value);
  } catch {
    throw new TemplateError(`rendered URL is not absolute: ${r.value.slice(0, 200)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TemplateError(`only http(s) URLs are allowed, not ${url.protocol}`);
  }
  return { value: url, missing: r.missing };
}

export function isLoopback(url: URL): boolean {
  const h = url.hostname;
  return h === 'localhost' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

export type ActionOf<K extends Action['kind']> = Extract<Action, { kind: K }>;
