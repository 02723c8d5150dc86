import { matchesPattern } from '../config/match-pattern';
import type { Settings, Site } from '../config/settings';
import type { PlatformId } from '../events/types';
import { getPlatform } from '../platforms';
import type { BridgeConfig } from '../protocol';

export function siteMatches(site: Site, url: string): boolean {
  return site.matches.some((p) => matchesPattern(p, url));
}

/**
 * The sites that decide what is trusted on `url`. Where a managed site covers the page, the managed
 * sites covering it are the whole answer: a user site matching the same page adds nothing there, no
 * origin and no platform (issue 14 item 7: user sites cannot widen a managed site's trust list, and
 * SECURITY.md "Admin policy wins"). On pages no managed site covers, every matching site counts.
 * `managed` is reliable here: mergeWithPolicy sets it on policy sites and clears it on user sites.
 */
export function sitesAt(settings: Settings, url: string): Site[] {
  const matching = settings.sites.filter((s) => siteMatches(s, url));
  const managed = matching.filter((s) => s.managed);
  return managed.length > 0 ? managed : matching;
}

/** Per-platform config for a frame URL: the union over the sites that decide trust there (sitesAt). */
export function bridgeConfigFor(settings: Settings, url: string): BridgeConfig {
  const byPlatform = new Map<PlatformId, BridgeConfig['platforms'][number]>();
  for (const site of sitesAt(settings, url)) {
    for (const [id, cfg] of Object.entries(site.platforms) as Array<
      [PlatformId, NonNullable<Site['platforms'][PlatformId]>]
    >) {
      if (!cfg.enabled) continue;
      const platform = getPlatform(id);
      if (!platform) continue;
      const tap = platform.tap;
      const entry = byPlatform.get(id) ?? {
        id,
        tap: tap.kind,
        envelope: tap.kind === 'postMessage' ? tap.envelope : undefined,
        origins: tap.kind === 'postMessage' ? [...tap.defaultOrigins] : [],
        framePathHint: tap.kind === 'postMessage' ? tap.framePathHint : undefined,
        socketUrlSuffix: tap.kind === 'websocket' ? (cfg.socketUrlSuffix ?? tap.defaultUrlSuffix) : undefined,
      };
      for (const o of cfg.origins) if (!entry.origins.includes(o)) entry.origins.push(o);
      byPlatform.set(id, entry);
    }
  }
  return { paused: settings.paused, platforms: [...byPlatform.values()] };
}

/** Is `platform` configured for a site matching this page URL? (Worker-side check of every capture.) */
export function platformAllowedAt(
  settings: Settings,
  url: string,
  platform: PlatformId,
  origin: string,
  via: string,
): boolean {
  const cfg = bridgeConfigFor(settings, url).platforms.find((p) => p.id === platform);
  if (!cfg) return false;
  if (via === 'postMessage') return cfg.tap === 'postMessage' && cfg.origins.includes(origin);
  return cfg.tap === via;
}
