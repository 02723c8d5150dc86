// Sites: help with match patterns and origins, form → Site, which host permissions a change needs. Pure.
import { MatchPatternSchema, OriginSchema, type Site, SiteSchema } from '../../config/settings';
import type { PlatformId } from '../../events/types';
import type { Rule } from '../../rules/schema';
import type { Issue } from './rule-form-parts';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * What the user probably means: `crm.example.com` → `https://crm.example.com/*`, a full URL → its site,
 * loopback hosts → http. Undefined when the input is already a pattern (with a *) or is not host-like.
 */
export function suggestMatchPattern(input: string): string | undefined {
  const s = input.trim();
  // A valid pattern without * matches one exact URL only: surely the whole site was meant.
  if (s === '' || (MatchPatternSchema.safeParse(s).success && s.includes('*'))) return undefined;
  const m = /^(?:(\*|https?):\/\/)?((?:\*\.)?[^/\s?#*]+)([/?#].*)?$/i.exec(s);
  if (!m) return undefined;
  const host = (m[2] ?? '').toLowerCase();
  if (!/^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/.test(host) && !/^\[::1\](:\d+)?$/.test(host)) return undefined;
  const scheme = m[1]?.toLowerCase() ?? (LOOPBACK.test(host) ? 'http' : 'https');
  const candidate = `${scheme}://${host}/*`;
  return MatchPatternSchema.safeParse(candidate).success ? candidate : undefined;
}

/** `acme.rox.chat` → `https://acme.rox.chat`; a URL → its origin. Undefined when already an origin. */
export function suggestOrigin(input: string): string | undefined {
  const s = input.trim();
  if (s === '' || OriginSchema.safeParse(s).success) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(s)
    ? s
    : `${LOOPBACK.test(s.split('/')[0] ?? '') ? 'http' : 'https'}://${s}`;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return OriginSchema.safeParse(u.origin).success && u.origin !== s ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export interface SiteForm {
  id: string;
  name: string;
  matches: string[];
  /** Platforms looked for on the site, with trusted workspace origins (postMessage) / socket suffix. */
  platforms: Partial<Record<PlatformId, { origins: string[]; socketUrlSuffix: string }>>;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[a-z*]+:\/\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** An id not used by any of `taken`, derived from the site's name or first pattern. */
export function uniqueId(base: string, taken: Iterable<string>, fallback = 'item'): string {
  const used = new Set(taken);
  const root = slug(base) || fallback;
  if (!used.has(root)) return root;
  for (let i = 2; ; i++) if (!used.has(`${root}-${i}`)) return `${root}-${i}`;
}

export function siteFromForm(f: SiteForm): { site?: Site; issues: Issue[] } {
  const platforms: Record<string, unknown> = {};
  for (const [id, cfg] of Object.entries(f.platforms)) {
    if (!cfg) continue;
    platforms[id] = {
      enabled: true,
      origins: cfg.origins.filter((o) => o.trim() !== ''),
      ...(cfg.socketUrlSuffix.trim() ? { socketUrlSuffix: cfg.socketUrlSuffix.trim() } : {}),
    };
  }
  const issues: Issue[] = [];
  if (Object.keys(platforms).length === 0)
    issues.push({ path: 'platforms', message: 'choose at least one platform' });
  const parsed = SiteSchema.safeParse({
    id: f.id,
    name: f.name,
    matches: f.matches.filter((m) => m.trim() !== ''),
    platforms,
  });
  if (!parsed.success)
    issues.push(
      ...parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  return issues.length ? { issues } : { site: parsed.data, issues };
}

export function siteToForm(site: Site): SiteForm {
  const platforms: SiteForm['platforms'] = {};
  for (const [id, cfg] of Object.entries(site.platforms) as Array<
    [PlatformId, Site['platforms'][PlatformId]]
  >) {
    if (cfg?.enabled)
      platforms[id] = { origins: [...cfg.origins], socketUrlSuffix: cfg.socketUrlSuffix ?? '' };
  }
  return { id: site.id, name: site.name, matches: [...site.matches], platforms };
}

/** The host-permission pattern for a match pattern (Chrome ignores the path; we ask for the whole host). */
export function hostPermission(pattern: string): string {
  const m = /^((?:\*|https?):\/\/[^/]+)\//.exec(pattern);
  return m ? `${m[1]}/*` : pattern;
}

/** The origin an http action posts to, when its URL has no template before the path. */
export function staticOrigin(urlTemplate: string): string | undefined {
  const m = /^(https?:\/\/[^/{}?#]+)(?:[/?#]|$)/i.exec(urlTemplate.trim());
  if (!m?.[1]) return undefined;
  try {
    return new URL(m[1]).origin;
  } catch {
    return undefined;
  }
}

/** Host permissions the rules' http actions need. */
export function ruleOrigins(rules: readonly Pick<Rule, 'then'>[]): string[] {
  const out = new Set<string>();
  for (const r of rules)
    for (const a of r.then) {
      const o = a.kind === 'http' ? staticOrigin(a.url) : undefined;
      if (o) out.add(`${o}/*`);
    }
  return [...out];
}

/** Permissions a removed site held that nothing left (other sites, http actions) still needs. */
export function permissionsToRevoke(
  removed: Site,
  remainingSites: readonly Site[],
  rules: readonly Pick<Rule, 'then'>[],
): string[] {
  const keep = new Set([
    ...remainingSites.flatMap((s) => s.matches.map(hostPermission)),
    ...ruleOrigins(rules),
  ]);
  return [...new Set(removed.matches.map(hostPermission))].filter((p) => !keep.has(p));
}
