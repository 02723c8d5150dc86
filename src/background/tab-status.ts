import { browser } from 'wxt/browser';
import type { Settings } from '../config/settings';
import type { TabStatus } from '../protocol';
import { siteMatches } from './sites';
import type { TabState } from './tab-state';

/**
 * What the popup header shows for a tab. Asks the browser for the host permission itself (not the
 * worker's short cache): the popup must show a grant or revocation at once.
 */
export async function tabStatus(tabId: number, settings: Settings, tabs: TabState): Promise<TabStatus> {
  // tabId -1 is direct mode's pseudo-tab (tabs.get throws synchronously on a negative id).
  const tab = tabId >= 0 ? await browser.tabs.get(tabId).catch(() => undefined) : undefined;
  const url = tab?.url;
  const configured = url ? settings.sites.some((s) => siteMatches(s, url)) : false;
  const permitted =
    url && /^https?:/.test(url)
      ? await browser.permissions.contains({ origins: [`${new URL(url).origin}/*`] })
      : false;
  return { tabId, url, configured, permitted, paused: settings.paused, ...tabs.get(tabId) };
}
