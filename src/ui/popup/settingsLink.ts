import { browser } from 'wxt/browser';
import { matchesPattern } from '../../config/match-pattern';
import type { Site } from '../../config/settings';
import { request } from '../api';
import { type SitesLink, sitesLinkHash } from '../options/sites/deep-link';
import { originOf } from './format';

/** The Sites link for a page: its site's editor (a user site first), else a new site for its origin. */
export function sitesLinkFor(sites: readonly Site[], url: string | undefined): SitesLink | undefined {
  if (!url) return undefined;
  const here = sites.filter((s) => s.matches.some((p) => matchesPattern(p, url)));
  const site = here.find((s) => !s.managed) ?? here[0];
  if (site) return { edit: site.id };
  const origin = originOf(url);
  return origin ? { add: origin } : undefined;
}

/** Opens the options page in a new tab at a Sites link (or the Sites tab). */
export function openSites(link: SitesLink | undefined): void {
  const hash = link ? sitesLinkHash(link) : '#sites';
  void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}${hash}` });
}

/** "Open settings…" for a tab's page: its site's editor, looked up in the worker's settings. */
export async function openSettingsFor(tabId: number): Promise<void> {
  const [status, settings] = await Promise.all([
    request({ type: 'tab.status', tabId }).catch(() => undefined),
    request({ type: 'settings.get' }),
  ]);
  openSites(sitesLinkFor(settings.effective.sites, status?.url));
}
