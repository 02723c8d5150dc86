import { browser } from 'wxt/browser';
import type { BridgeEvent } from '../events/model';
import { t } from '../util/i18n';
import { type ActionOf, eventScope, renderHttpUrl, renderString } from './render';

const KEY = 'notificationUrls';

/** System notification; its click opens the rendered URL (kept in storage.session across worker restarts). */
export async function notify(action: ActionOf<'notify'>, event: BridgeEvent): Promise<string> {
  const scope = eventScope(event);
  const title = renderString(action.title, scope, 'text').value.slice(0, 200) || t('extName');
  const message = renderString(action.message, scope, 'text').value.slice(0, 1000);
  const url = action.url ? renderHttpUrl(action.url, scope).value.href : undefined;
  const id = await browser.notifications.create({
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message,
  });
  if (url) {
    const stored = ((await browser.storage.session.get(KEY))[KEY] ?? {}) as Record<string, string>;
    stored[id] = url;
    await browser.storage.session.set({ [KEY]: stored });
  }
  return `notification ${id}${url ? ` → ${url}` : ''}`;
}

/** Registered at top level by the worker: a click on one of our notifications opens its URL. */
export async function onNotificationClicked(id: string): Promise<void> {
  const stored = ((await browser.storage.session.get(KEY))[KEY] ?? {}) as Record<string, string>;
  const url = stored[id];
  if (!url || !/^https?:\/\//.test(url)) return;
  delete stored[id];
  await browser.storage.session.set({ [KEY]: stored });
  await browser.tabs.create({ url });
  await browser.notifications.clear(id);
}
