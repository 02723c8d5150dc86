import { browser } from 'wxt/browser';
import { compileMatchPattern } from '../config/match-pattern';
import type { WorkerAnswer, WorkerToContent } from '../messaging/protocol';

/**
 * Worker → bridge: the one place a message goes to a content script, typed by the protocol map
 * (WorkerResponses). The browser types the answer as `any`; the bridge's reply type is fixed there.
 */
export async function sendToBridge<M extends WorkerToContent>(
  tabId: number,
  message: M,
  to: { documentId: string } | { frameId?: number },
): Promise<WorkerAnswer<M>> {
  return (await browser.tabs.sendMessage(tabId, message, to)) as WorkerAnswer<M>;
}

/**
 * Screen pop: open a URL in a new tab, reuse a tab whose URL matches a pattern (match pattern, or a
 * plain URL prefix), or navigate the tab that emitted the event. Only http(s) URLs reach here.
 */
export async function openUrl(
  url: string,
  target: 'new' | 'reuse' | 'current',
  opts: { reusePattern?: string; navigate: boolean; sourceTabId: number },
): Promise<string> {
  if (target === 'current') {
    await browser.tabs.update(opts.sourceTabId, { url });
    return `navigated tab ${opts.sourceTabId}`;
  }
  if (target === 'reuse') {
    const tab = await findTab(opts.reusePattern ?? `${new URL(url).origin}/*`);
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, opts.navigate ? { url, active: true } : { active: true });
      if (tab.windowId !== undefined)
        await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
      return `${opts.navigate ? 'navigated' : 'focused'} existing tab ${tab.id}`;
    }
  }
  const created = await browser.tabs.create({ url, active: true });
  return `opened tab ${created.id}`;
}

export async function findTab(pattern: string) {
  const tabs = await browser.tabs.query({});
  const compiled = compileMatchPattern(pattern);
  const matcher = compiled ? (u: string) => compiled.test(u) : (u: string) => u.startsWith(pattern);
  return tabs.find((t) => t.url !== undefined && matcher(t.url));
}
