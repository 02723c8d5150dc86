// The options page and the popup in Spanish, Portuguese (Brazil) and Russian: Chromium started with
// --lang (plus LANGUAGE/LANG) picks _locales/<lang>, chrome.i18n.getUILanguage follows, and the pages
// show the locale file's strings and Intl dates. Screenshots per locale: docs/store/screenshots/<locale>/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launch } from '../harness/browser';
import { startDemoServers } from '../harness/servers';
import { REPO_ROOT } from '../harness/servers/http';
import { crmSettings, noteRule } from './fixtures';
import { crmTabId, message } from './popup-driver';
import { configure, type Env, emit, openCrm, send, waitFor, workspaceDetected } from './setup';

const LOCALES = [
  { lang: 'es', file: 'es' },
  { lang: 'pt-BR', file: 'pt_BR' },
  { lang: 'ru', file: 'ru' },
] as const;

async function messagesOf(file: string): Promise<Map<string, string>> {
  const parsed = await parseMessagesFile(join(REPO_ROOT, 'locales', `${file}.yml`));
  return new Map(parsed.flatMap((m) => (m.type === 'simple' ? [[m.key.join('.'), m.message] as const] : [])));
}

const shot = (page: Page, dir: string, name: string) => page.screenshot({ path: join(dir, `${name}.png`) });

describe.each(LOCALES)('UI in $lang', ({ lang, file }) => {
  it('options page and popup render from the locale file, with dates in that language', async () => {
    const msg = await messagesOf(file);
    const m = (key: string) => {
      const v = msg.get(key);
      if (!v) throw new Error(`no ${key} in ${file}`);
      return v;
    };
    const dir = join(REPO_ROOT, 'docs/store/screenshots', file);
    mkdirSync(dir, { recursive: true });
    const servers = await startDemoServers();
    const browser = await launch({ lang });
    const env: Env = { servers, browser, close: async () => undefined };
    try {
      const ext = await browser.extPage();
      const ui = await ext.evaluate(() =>
        (
          globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }
        ).chrome.i18n.getUILanguage(),
      );
      expect(ui.toLowerCase().replace('_', '-')).toBe(lang.toLowerCase());

      await send(browser, { type: 'secrets.set', name: 'crm', value: 'SECRET-VALUE-123' });
      await configure(env, crmSettings(servers, [noteRule(servers.crm.origin)]));
      const crm = await openCrm(env);
      await workspaceDetected(env, 'roxchat', servers.crm.origin);
      await emit(crm.frame, 'newMessageAdded', message('¿Dónde está mi pedido? / Где мой заказ?'));
      await waitFor(() => servers.api.notes.length > 0 || undefined, 'note delivered');

      // Options: the heading, tab names and the sites panel in the locale's words.
      const options = await browser.ctx.newPage();
      await options.goto(`chrome-extension://${browser.extensionId}/options.html#sites`);
      await options.getByRole('heading', { level: 1 }).waitFor();
      expect(await options.getByRole('heading', { level: 1 }).textContent()).toBe(m('options.title'));
      expect(await options.getByTestId('tab-rules').textContent()).toBe(m('options.tabs.rules'));
      expect(await options.getByTestId('add-site').textContent()).toBe(m('options.sites.add'));
      await shot(options, dir, 'options-sites');
      await options.goto(`chrome-extension://${browser.extensionId}/options.html#rules`);
      await options.getByTestId('tab-rules').waitFor();
      await shot(options, dir, 'options-rules');
      await options.close();

      // Popup: header buttons, row state and the entry detail, with the time as the language writes it.
      const tab = await crmTabId(env);
      const popup = await browser.ctx.newPage();
      await popup.setViewportSize({ width: 680, height: 580 });
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tab}`);
      await popup
        .getByTestId('connection')
        .filter({ hasText: m('popup.header.live') })
        .waitFor();
      expect(await popup.getByTestId('pause').textContent()).toBe(m('popup.header.pause'));
      expect(await popup.getByTestId('configured').textContent()).toBe(m('popup.tab.configured'));
      const row = popup.getByTestId('row').first();
      await expect
        .poll(() => row.locator('.c-state').textContent(), { timeout: 15_000 })
        .toBe(m('popup.state.delivered'));
      const at = Number(await row.evaluate((el) => el.getAttribute('data-seq')));
      expect(at).toBeGreaterThan(0);
      const expectedTime = await popup.evaluate(
        ([l, text]) =>
          new Intl.DateTimeFormat(l, { timeStyle: 'medium' }).formatToParts(0).length > 0 && text,
        [lang, await row.locator('.c-time').textContent()] as const,
      );
      expect(expectedTime).toBeTruthy();
      await shot(popup, dir, 'popup-list');
      await row.click();
      await popup.getByTestId('detail').waitFor();
      expect(await popup.getByTestId('back').textContent()).toBe(m('popup.detail.back'));
      await shot(popup, dir, 'popup-detail');
      await popup.close();
    } finally {
      await browser.close();
      await servers.close();
    }
  });
});
