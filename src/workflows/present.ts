import { browser } from 'wxt/browser';
import { t } from '../util/i18n';
import { ASK_ALARM_PREFIX, type AskRecord } from './asks';

/** The extension page that shows one parked question (entrypoints/ask). */
export const askPageUrl = (id: string): string =>
  browser.runtime.getURL(`/ask.html?id=${encodeURIComponent(id)}`);

/** A small popup window with the question (wrap-up form or the candidates to pick from). */
export async function openAskWindow(id: string): Promise<void> {
  await browser.windows.create({ url: askPageUrl(id), type: 'popup', width: 460, height: 600 });
}

/**
 * Shows a parked question: a wrap-up form set to `window` opens at once; anything else is a
 * notification whose click opens it (and the popup's "Needs you" list shows it too). The timeout is a
 * chrome.alarms alarm, so it fires even after the worker has slept.
 */
export async function openAsk(ask: AskRecord): Promise<void> {
  await browser.alarms.create(`${ASK_ALARM_PREFIX}${ask.id}`, {
    when: Math.max(ask.expiresAt, Date.now() + 1000),
  });
  if (ask.kind === 'wrapup' && ask.present === 'window') return openAskWindow(ask.id);
  await browser.notifications
    .create(`${ASK_ALARM_PREFIX}${ask.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: ask.kind === 'pick' ? t('notifications.askPick') : t('notifications.askWrapup'),
      message: (ask.about ? `${ask.title} (${ask.about})` : ask.title).slice(0, 500),
    })
    .catch(() => undefined);
}

/** The question is answered or timed out: its alarm and notification go. */
export async function closeAsk(ask: AskRecord): Promise<void> {
  await browser.alarms.clear(`${ASK_ALARM_PREFIX}${ask.id}`);
  await browser.notifications.clear(`${ASK_ALARM_PREFIX}${ask.id}`).catch(() => false);
}
