// Unit tests run against WXT's fake browser, which has no i18n: serve the English messages the way
// chrome.i18n.getMessage does (built from locales/en.yml by the same code as the extension's _locales).
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const messages = generateChromeMessages(await parseMessagesFile(resolve(__dirname, '../../locales/en.yml')));

export function getMessage(name: string, subs?: string | string[]): string {
  const message = messages[name]?.message;
  if (message === undefined) return '';
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (list[Number(d) - 1] ?? '')));
}

fakeBrowser.i18n.getMessage = getMessage as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
