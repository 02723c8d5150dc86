/**
 * Chrome match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns)
 * for http(s): `<scheme>://<host>[:<port>]/<path>`. Unlike `wxt/utils/match-patterns`, a port is
 * allowed (Chrome accepts one; local CRMs and our tests use them). Without a port, any port matches.
 */
const PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(?::(\d{1,5}))?(\/.*)$/;

export interface CompiledPattern {
  test(url: string): boolean;
}

const escapeRe = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

export function compileMatchPattern(pattern: string): CompiledPattern | undefined {
  if (pattern === '<all_urls>') return { test: (u) => /^https?:\/\//.test(u) };
  const m = PATTERN.exec(pattern);
  if (!m) return undefined;
  const [, scheme, host = '', port, path = '/'] = m;
  const pathRe = new RegExp(`^${path.split('*').map(escapeRe).join('.*')}$`);
  return {
    test(raw: string): boolean {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return false;
      }
      const proto = url.protocol.slice(0, -1);
      if (proto !== 'http' && proto !== 'https') return false;
      if (scheme !== '*' && scheme !== proto) return false;
      if (host !== '*') {
        if (host.startsWith('*.')) {
          const base = host.slice(2);
          if (url.hostname !== base && !url.hostname.endsWith(`.${base}`)) return false;
        } else if (url.hostname !== host) return false;
      }
      if (port !== undefined) {
        const actual = url.port || (proto === 'https' ? '443' : '80');
        if (actual !== port) return false;
      }
      return pathRe.test(url.pathname + url.search);
    },
  };
}

const cache = new Map<string, CompiledPattern | null>();
export function matchesPattern(pattern: string, url: string): boolean {
  let c = cache.get(pattern);
  if (c === undefined) {
    c = compileMatchPattern(pattern) ?? null;
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, c);
  }
  return c?.test(url) ?? false;
}

/** A URL a pattern certainly matches: wildcards replaced by the narrowest thing they stand for. */
function sampleUrl(pattern: string): string | undefined {
  const m = PATTERN.exec(pattern);
  if (!m) return undefined;
  const [, scheme, host = '', port, path = '/'] = m;
  const h = host === '*' ? 'any.invalid' : host.replace(/^\*\./, '');
  return `${scheme === '*' ? 'https' : scheme}://${h}${port ? `:${port}` : ''}${path.replaceAll('*', '')}`;
}

/**
 * Whether two patterns can match a common page, judged by whether either matches a URL the other
 * certainly matches. It can miss partial overlaps of path wildcards (`/a*` and `*b`): it only feeds
 * the options page's explanation; what is trusted on a page is decided per URL (background/sites.ts).
 */
export function patternsOverlap(a: string, b: string): boolean {
  const sa = sampleUrl(a);
  const sb = sampleUrl(b);
  return (sb !== undefined && matchesPattern(a, sb)) || (sa !== undefined && matchesPattern(b, sa));
}
