import type { BridgeEvent } from '../events/model';
import type { Action, JsonTemplate } from '../rules/schema';
import {
  barePath,
  renderSegments,
  renderTemplate,
  type TemplateContext,
  TemplateError,
} from '../templates/engine';
import { pushSegment, type SecretAccess, type Segments } from '../templates/segments';
import { fixedUrlOrigin } from '../templates/url';
import { getPath } from '../util/paths';

/**
 * What templates see: the canonical event's fields at top level (`contact.phone`, `data.params.kind`).
 * Never secrets: they enter a request only as references (renderSegments), never through the scope.
 */
export function eventScope(event: BridgeEvent): Record<string, unknown> {
  return { ...event };
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
        if (v !== undefined) return v ?? null;
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

/**
 * Renders an http body into segments (src/secrets/segments.ts), serialising the JSON here rather than
 * with JSON.stringify, so that a `{{ secrets.name }}` the rule's body names stays a reference (inserted
 * JSON-escaped at send time) while event text, whatever it contains, is only ever literal JSON text.
 * Leaves are rendered one by one as in renderJson: data cannot break out of its string or add keys.
 */
export function renderJsonSegments(
  tpl: JsonTemplate,
  scope: Record<string, unknown>,
  access: SecretAccess,
  missing: string[] = [],
): Segments {
  const out: Segments = [];
  const walk = (node: JsonTemplate): void => {
    if (typeof node === 'string') {
      const path = barePath(node);
      if (path !== undefined && !path.startsWith('secrets.')) {
        const v = getPath(scope, path);
        if (v === undefined || v === null || v === '') missing.push(path);
        // A bare path keeps the value's JSON type (number, object…); missing renders as "".
        pushSegment(out, v === undefined ? '""' : (JSON.stringify(v) ?? 'null'));
        return;
      }
      const r = renderSegments(node, scope, 'body', access);
      missing.push(...r.missing);
      pushSegment(out, '"');
      for (const s of r.segments)
        pushSegment(out, typeof s === 'string' ? JSON.stringify(s).slice(1, -1) : { ...s, json: true });
      pushSegment(out, '"');
    } else if (Array.isArray(node)) {
      pushSegment(out, '[');
      node.forEach((v, i) => {
        if (i > 0) pushSegment(out, ',');
        walk(v);
      });
      pushSegment(out, ']');
    } else if (node !== null && typeof node === 'object') {
      pushSegment(out, '{');
      Object.entries(node).forEach(([k, v], i) => {
        pushSegment(out, `${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
        walk(v);
      });
      pushSegment(out, '}');
    } else pushSegment(out, JSON.stringify(node));
  };
  walk(tpl);
  return out;
}

/**
 * URL rendered with every interpolation URL-encoded; only http(s) results are accepted, and the
 * origin must be the one the template's fixed text sets (src/templates/url.ts): checked before
 * rendering and compared again after, so no value can choose the scheme, host or port.
 */
export function renderHttpUrl(source: string, scope: Record<string, unknown>): Rendered<URL> {
  const fixed = fixedUrlOrigin(source);
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
  if (fixed !== undefined && url.origin !== fixed) {
    throw new TemplateError(
      `refused: event data changed where the URL points (${url.origin} instead of ${fixed})`,
    );
  }
  return { value: url, missing: r.missing };
}

export function isLoopback(url: URL): boolean {
  const h = url.hostname;
  return h === 'localhost' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

export type ActionOf<K extends Action['kind']> = Extract<Action, { kind: K }>;
