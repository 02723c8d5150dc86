// Issue 18: the popup's way into the settings and back to a working page. A rejection's "Open settings…"
// opens that site's editor (scrolled to and focused), "Configure…" on an unconfigured page opens a new
// site with the page's address filled in, and a OneChat dashboard whose socket was opened before the site
// was configured (invisible to CRM Bridge) is said so, with a reload that attaches it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TabStatus } from '../../src/protocol';
import { crmSite } from './fixtures';
import { message, noteRule, popupSuite, rowWith } from './popup-driver';
import { configure, emit, send, waitFor } from './setup';

const p = popupSuite();

async function tabIdOf(url: string): Promise<number> {
  const ext = await p.env.browser.extPage();
  return waitFor(
    () =>
      ext.evaluate(async (u) => {
        const c = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
        return (await c.tabs.query({})).find((t) => t.url === u)?.id;
      }, url),
    'tab id',
  );
}

/** The options page the click opened (a new tab), once its site editor is shown. */
async function optionsOpened(before: Set<Page>): Promise<Page> {
  const page = await waitFor(
    () => p.env.browser.ctx.pages().find((x) => !before.has(x) && x.url().includes('/options.html')),
    'options page opened',
  );
  await page.locator('form.editor').waitFor();
  return page;
}

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

describe('popup: links into the settings', () => {
  it("a rejection's Open settings… opens that site's editor, scrolled to and focused", async () => {
    const popup = await p.openPopup();
    const evil = await p.untrustedFrame();
    await emit(evil, 'newMessageAdded', message('from a stranger'));
    await popup.getByTestId('filter-outcome').selectOption('rejected');
    await rowWith(popup, 'untrusted origin').first().click();
    const before = new Set(p.env.browser.ctx.pages());
    await popup.getByTestId('open-site-settings').click();
    const options = await optionsOpened(before);
    expect(await options.getByTestId('site-name').inputValue()).toBe('Demo CRM');
    expect(await options.getByTestId('site-match-0').inputValue()).toBe(`${p.env.servers.crm.origin}/*`);
    await expect.poll(() => focusedTestId(options)).toBe('site-name');
    expect(
      await options.locator('form.editor').evaluate((f) => {
        const r = f.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight;
      }),
    ).toBe(true);
    expect(new URL(options.url()).hash).toBe('#sites');
    await options.close();
    await popup.close();
  });

  it('Configure… on an unconfigured page opens a new site with its address filled in', async () => {
    const { env } = p;
    const page = await env.browser.ctx.newPage();
    const url = `${env.servers.untrusted.origin}/roxchat/workspace.html`;
    await page.goto(url);
    const tab = await tabIdOf(page.url());
    const popup = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tab}`);
    const before = new Set(env.browser.ctx.pages());
    await popup.getByTestId('configure').click();
    const options = await optionsOpened(before);
    expect(await options.getByTestId('site-name').inputValue()).toBe(new URL(url).host);
    expect(await options.getByTestId('site-match-0').inputValue()).toBe(`${env.servers.untrusted.origin}/*`);
    await expect.poll(() => focusedTestId(options)).toBe('site-name');
    await options.close();
    await popup.close();
    await page.close();
  });

  it('a OneChat socket opened before the site was configured: the popup says so and a reload attaches it', async () => {
    const { env } = p;
    const workspace = env.servers.workspace.origin;
    const dashboard = await env.browser.ctx.newPage();
    await dashboard.goto(`${workspace}/onechat/dashboard.html?client=early`);
    await waitFor(
      () =>
        dashboard.evaluate(
          () => (window as unknown as { sim: { state: string } }).sim.state === 'subscribed',
        ),
      'dashboard subscribed',
    );
    await configure(env, {
      sites: [
        crmSite(env.servers, { name: 'Demo CRM' }),
        { id: 'oc', name: 'OneChat', matches: [`${workspace}/*`], platforms: { onechat: {} } },
      ],
      rules: [noteRule(env.servers.crm.origin)],
    });
    const tab = await tabIdOf(dashboard.url());
    const status = () => send<TabStatus>(env.browser, { type: 'tab.status', tabId: tab });
    const popup = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tab}`);
    const hint = popup.getByTestId('attach-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('No OneChat connection seen on this page yet');
    expect((await status()).sockets).toHaveLength(0);

    await hint.getByTestId('reload-tab').click();
    await waitFor(
      async () => (await status()).sockets.some((s) => s.platform === 'onechat' && s.state === 'subscribed'),
      'the reloaded page’s socket seen',
    );
    await expect.poll(() => hint.count(), { timeout: 15_000 }).toBe(0);
    await popup.close();
    await dashboard.close();
  });
});
