import { browser } from 'wxt/browser';

/** Where a new user starts: the options page's first-run checklist (issue 18). */
export const SETUP_PAGE = '/options.html#setup';

/**
 * runtime.onInstalled: on a fresh install (not an update, not a browser update) open the checklist in
 * a new tab. Registered synchronously with the other listeners (src/background/index.ts).
 */
export function openSetupOnInstall(details: { reason: string }): void {
  if (details.reason !== 'install') return;
  void browser.tabs.create({ url: browser.runtime.getURL(SETUP_PAGE) }).catch(() => undefined);
}
