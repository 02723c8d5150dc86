import { filters, Liquid, Output, type Template, TokenKind } from 'liquidjs';
import { getPath } from '../util/paths';
import { ALLOWED_FILTERS, digits, e164 } from './filters';
import { pushSegment, type SecretAccess, type Segments, secretRefused } from './segments';

/**
 * Where a template is rendered decides how interpolations are escaped and whether secrets resolve:
 * - url: every interpolation is URL-encoded; `| raw` is refused (it would let event data write a host,
 *   a port or a query separator: issue 14, item 8); the origin must be fixed text (src/templates/url.ts);
 * - header: CR/LF in a rendered value is an error (no header injection);
 * - body / text: rendered as is; body leaves are rendered one by one (never string-built JSON).
 * Secrets (`{{ secrets.name }}`) are never in a template's scope: `renderSegments` turns that exact
 * interpolation in a header or body into a secret reference (src/secrets/segments.ts).
 */
export type TemplateContext = 'url' | 'header' | 'body' | 'text';

export class TemplateError extends Error {}

function makeEngine(outputEscape?: (s: unknown) => string): Liquid {
  const engine = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    jsTruthy: true,
    cache: false,
    relativeReference: false,
    ...(outputEscape ? { outputEscape } : {}),
  });
  // Event times are epoch milliseconds; liquid's date reads numbers as seconds.
  engine.registerFilter('date', function (this: unknown, v: unknown, ...args: unknown[]) {
    const value = typeof v === 'number' && Math.abs(v) > 1e11 ? new Date(v) : v;
    return (filters.date as (...a: unknown[]) => unknown).call(this, value, ...args);
  });
  engine.registerFilter('digits', digits);
  engine.registerFilter('e164', e164);
  engine.registerFilter('lower', (v: unknown) => String(v ?? '').toLowerCase());
  engine.registerFilter('upper', (v: unknown) => String(v ?? '').toUpperCase());
  if (outputEscape) {
    // The url engine encodes every output already; an explicit url_encode must not encode twice.
    engine.registerFilter('url_encode', (v: unknown) => String(v ?? ''));
  }
  return engine;
}

const plain = makeEngine();
const urlEngine = makeEngine((v) => encodeURIComponent(v === undefined || v === null ? '' : String(v)));

interface Parsed {
  templates: Template[];
  /** Variable paths the template reads, for the dry-run's "missing variables" report. */
  paths: string[];
}

const parseCache = new Map<string, Parsed>();

/** Parses and checks a template: interpolation and allowed filters only; no tags, no logic. */
export function parseTemplate(source: string, ctx: TemplateContext = 'text'): Parsed {
  const key = `${ctx}\u0000${source}`;
  const hit = parseCache.get(key);
  if (hit) return hit;
  let templates: Template[];
  try {
    templates = (ctx === 'url' ? urlEngine : plain).parse(source);
  } catch (e) {
    throw new TemplateError(`template syntax error: ${(e as Error).message.split('\n')[0]}`);
  }
  const paths: string[] = [];
  for (const t of templates) {
    if (t.token.kind === TokenKind.HTML) continue;
    if (!(t instanceof Output))
      throw new TemplateError('only {{ … }} interpolations are allowed in templates, not {% tags %}');
    for (const f of t.value.filters) {
      if (ctx === 'url' && f.name === 'raw')
        throw new TemplateError(
          'the raw filter is not allowed in URLs: event data in a URL is always encoded, so it cannot change where the request goes',
        );
      // The url engine's output escape shows up as an unnamed (function) filter: it is ours.
      if (f.name !== '[object Function]' && !ALLOWED_FILTERS.has(f.name))
        throw new TemplateError(`filter "${f.name}" is not available`);
    }
    const initial = t.value.initial.postfix[0];
    const text = initial?.getText?.() ?? '';
    if (/^[A-Za-z_][\w.]*$/.test(text)) paths.push(text);
  }
  const parsed = { templates, paths };
  if (parseCache.size > 2000) parseCache.clear();
  parseCache.set(key, parsed);
  return parsed;
}

export interface RenderResult {
  value: string;
  /** Paths that resolved to nothing (rendered empty). */
  missing: string[];
}

export function renderTemplate(
  source: string,
  scope: Record<string, unknown>,
  ctx: TemplateContext,
): RenderResult {
  if (!source.includes('{{')) return { value: source, missing: [] };
  const parsed = parseTemplate(source, ctx);
  const engine = ctx === 'url' ? urlEngine : plain;
  let value: string;
  try {
    value = String(engine.renderSync(parsed.templates, scope));
  } catch (e) {
    throw new TemplateError(`template error: ${(e as Error).message.split('\n')[0]}`);
  }
  const missing = parsed.paths.filter((p) => {
    const v = getPath(scope, p);
    return v === undefined || v === null || v === '';
  });
  if (ctx === 'header' && /[\r\n]/.test(value)) {
    throw new TemplateError(
      'a header value contains a line break (CR/LF); refused to prevent header injection',
    );
  }
  return { value, missing };
}

/** `{{ path }}` alone (no filters): a JSON body leaf written like this keeps the value's JSON type. */
const BARE_PATH = /^\{\{\s*([A-Za-z_][\w]*(?:\.[\w$-]+)*)\s*\}\}$/;
export function barePath(source: string): string | undefined {
  return BARE_PATH.exec(source)?.[1];
}

/** `{{ secrets.name }}`, alone: the one way a template names a secret. */
const SECRET_OUTPUT = /^\s*secrets\.([A-Za-z_][\w-]{0,63})\s*$/;
const MENTIONS_SECRETS = /\bsecrets\b/;

/**
 * Renders a header or body template into segments: each piece of fixed text and each interpolation is
 * rendered on its own, and only an interpolation the template itself wrote as `{{ secrets.name }}`
 * becomes a secret reference. Event values are rendered as literal text whatever they contain, and
 * nothing later searches that text (issue 14, item 2). A secret used any other way (a filter on it,
 * an argument, `secrets["x"]`) is refused: its value is not known until send time.
 */
export function renderSegments(
  source: string,
  scope: Record<string, unknown>,
  ctx: 'header' | 'body',
  access: SecretAccess,
): RenderResult & { segments: Segments } {
  const parsed = parseTemplate(source, ctx);
  const segments: Segments = [];
  const missing: string[] = [];
  for (const t of parsed.templates) {
    // Fixed text of the template (parseTemplate admits only text and {{ }} outputs).
    const content = t instanceof Output ? t.token.content : undefined;
    if (content === undefined) {
      pushSegment(segments, String(plain.renderSync([t], {})));
      continue;
    }
    const name = SECRET_OUTPUT.exec(content)?.[1];
    if (name !== undefined) {
      const refused = secretRefused(name, (n) => access.managed.includes(n), access.ruleManaged);
      if (refused) throw new TemplateError(refused);
      if (!access.names.includes(name)) missing.push(`secrets.${name}`);
      segments.push({ secret: name });
      continue;
    }
    if (MENTIONS_SECRETS.test(content))
      throw new TemplateError(
        `secrets can only be inserted on their own, as {{ secrets.name }} (found {{ ${content.trim().slice(0, 80)} }})`,
      );
    try {
      pushSegment(segments, String(plain.renderSync([t], scope)));
    } catch (e) {
      throw new TemplateError(`template error: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  for (const p of parsed.paths)
    if (!p.startsWith('secrets.')) {
      const v = getPath(scope, p);
      if (v === undefined || v === null || v === '') missing.push(p);
    }
  const value = segments.map((s) => (typeof s === 'string' ? s : '')).join('');
  if (ctx === 'header' && /[\r\n]/.test(value)) {
    throw new TemplateError(
      'a header value contains a line break (CR/LF); refused to prevent header injection',
    );
  }
  return { segments, value, missing };
}
