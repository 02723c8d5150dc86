// An agent's first hour (issue 18), as a new user in a fresh profile, through the UI only: install opens
// the "Get started" checklist; the popup on the demo CRM page finds the Rox.Chat frame and adds the site
// with no origin typed; a secret and a rule are made in the options page, where each broken rule is
// refused with a sentence saying how to fix it; then a Rox.Chat message reaches the CRM API.
//
// The popup is opened as a page (`popup.html?tab=<id>`, test/e2e/popup-driver.ts): Chromium grants
// activeTab only on a real toolbar click, which a test cannot make. The probe's executeScript works
// here because the test build declares the loopback hosts (docs/architecture.md "Permissions"); in a
// store build the toolbar click grants activeTab for the same call.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings';
import { crmTabId } from './popup-driver';
import { type Env, emitFixture, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
let options: Page;
const SECRET = 'first-hour-secret-1';

const userSettings = async () =>
  (await send<{ settings: Settings }>(env.browser, { type: 'settings.get' })).settings;
const problems = (p: Page) => p.getByTestId('rule-errors').textContent();

beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('first hour: guided setup and rules that cannot be saved broken', () => {
  it('install opens the checklist, nothing done yet', async () => {
    options = await waitFor(
      () => env.browser.ctx.pages().find((p) => p.url().endsWith('/options.html#setup')),
      'options page opened on install',
    );
    await options.getByTestId('setup').waitFor();
    for (const step of ['site', 'workspace', 'secret', 'rule', 'test'])
      expect(await options.getByTestId(`setup-${step}`).getAttribute('data-done')).toBe('false');
  });

  it('the popup on the CRM page finds the Rox.Chat frame and adds the site in one click', async () => {
    const crm = env.servers.crm.origin;
    await openCrm(env);
    const tab = await crmTabId(env);
    const popup = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tab}`);
    const choice = popup.getByTestId(`probe-${env.servers.workspace.origin}`);
    await choice.waitFor();
    expect(await choice.inputValue()).toBe('roxchat');
    await popup.getByTestId('add-site').click();
    await expect.poll(() => popup.getByTestId('add-site-status').textContent()).toContain('Site added.');
    const sites = (await userSettings()).sites;
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({
      matches: [`${crm}/*`],
      platforms: { roxchat: { enabled: true, origins: [env.servers.workspace.origin] } },
    });
    await expect.poll(() => popup.getByTestId('configured').textContent()).toBe('configured');
    await popup.close();
  });

  it('a secret and a rule made in the options page; broken rules are refused with how to fix them', async () => {
    const crm = env.servers.crm.origin;
    await options.reload();
    await options.getByTestId('tab-secrets').click();
    await options.getByTestId('secret-name').fill('crm');
    await options.getByTestId('secret-value').fill(SECRET);
    await options.getByTestId('secret-add').click();
    await options.getByTestId('secret-crm').waitFor();

    await options.getByTestId('tab-rules').click();
    await options.getByTestId('new-rule').click();
    // Nothing typed yet: no error greets the user (the empty event list is only reported on Save).
    expect(await options.getByTestId('rule-problems').count()).toBe(0);
    expect(await options.locator('.field-errors').count()).toBe(0);

    await options.getByTestId('rule-name').fill('Chat message → CRM note');
    await options.getByTestId('rule-event-input').fill('message.create');
    await options.getByTestId('rule-event-add').click();
    await options.getByTestId('then.0-url').fill('not a url/api/notes');
    await options.getByTestId('then.0-headers-add').click();
    await options.getByTestId('then.0-headers-key-0').fill('Authorization');
    await options.getByTestId('then.0-headers-value-0').fill('Bearer {{ secrets.crm }}');
    await options.getByTestId('then.0-body-add').click();
    await options.getByTestId('then.0-body-key-0').fill('text');
    await options.getByTestId('then.0-body-value-0').fill('{{ message.txt }}');
    await options.getByTestId('then.0-body-add').click();
    await options.getByTestId('then.0-body-key-1').fill('chat');
    await options.getByTestId('then.0-body-value-1').fill('{{ conversation.id }');

    await options.getByTestId('rule-save').click();
    const text = await problems(options);
    expect(text).toContain(
      'No platform sends an event called "message.create": did you mean "message.created"?',
    );
    expect(text).toContain('"not a url/api/notes" is not a full web address: start it with https://');
    expect(text).toContain('A value is not closed: write each one as {{ name }}');
    expect(await options.getByTestId('rule-save-anyway').count()).toBe(0);
    expect((await userSettings()).rules).toHaveLength(0);

    // Fix the errors the way the sentences say.
    await options.getByRole('button', { name: 'Remove event message.create' }).click();
    await options.getByTestId('rule-event-input').fill('message.created');
    await options.getByTestId('rule-event-add').click();
    await options.getByTestId('then.0-url').fill(`${crm}/api/notes`);
    await options.getByTestId('then.0-body-value-1').fill('{{ conversation.id }}');
    await expect.poll(() => options.getByTestId('rule-errors').count()).toBe(0);
    // The path the Rox.Chat samples never carry, now that the rule listens to a real event.
    expect(await options.getByTestId('rule-warnings').textContent()).toContain(
      'The sample events have no field "message.txt": did you mean "message.text"?',
    );

    // A warning needs an explicit "Save anyway"; fixing it saves directly.
    await options.getByTestId('rule-save').click();
    await options.getByTestId('rule-save-anyway').waitFor();
    expect((await userSettings()).rules).toHaveLength(0);
    await options.getByTestId('then.0-body-value-0').fill('{{ message.text }}');
    await expect.poll(() => options.getByTestId('rule-problems').count()).toBe(0);
    await options.getByTestId('rule-save').click();
    const health = options.getByTestId('health-chat-message-crm-note');
    await health.waitFor();
    expect(await health.getAttribute('data-health')).toBe('ok');
  });

  it('a Rox.Chat message reaches the CRM and the checklist is complete', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emitFixture(frame, 'newMessageAdded');
    await waitFor(
      () => env.servers.api.received.find((r) => r.path === '/api/notes' && r.method === 'POST'),
      'note delivered',
    );
    const note = env.servers.api.received.find((r) => r.path === '/api/notes' && r.method === 'POST');
    expect(note?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(note?.body).toMatchObject({ text: 'Greetings!' });
    await page.close();
    await options.goto(`chrome-extension://${env.browser.extensionId}/options.html#setup`);
    await options.reload();
    await expect.poll(() => options.locator('[data-testid^="setup-"][data-done="true"]').count()).toBe(5);
  });

  it('a workspace frame the site does not trust is flagged in the popup and trusted in one click', async () => {
    const { page } = await openCrm(env);
    const untrusted = env.servers.untrusted.origin;
    await page.evaluate(
      (src) => {
        const f = document.createElement('iframe');
        f.src = src;
        f.title = 'roxchat agent workspace';
        document.body.appendChild(f);
      },
      `${untrusted}/roxchat/workspace.html?parent=${encodeURIComponent(env.servers.crm.origin)}`,
    );
    await waitFor(() => page.frames().find((f) => f.url().startsWith(untrusted)), 'untrusted frame');
    const tab = await crmTabId(env);
    const popup = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tab}`);
    const flag = popup.getByTestId('workspace-flag');
    await flag.waitFor();
    expect(await flag.textContent()).toContain(`A Rox.Chat workspace from ${untrusted} is on this page`);
    await flag.getByTestId('trust-origin').click();
    await expect.poll(() => popup.getByTestId('trust-result').textContent()).toContain('Trusted.');
    const site = (await userSettings()).sites[0];
    expect(site?.platforms.roxchat?.origins).toEqual([env.servers.workspace.origin, untrusted]);
    await popup.close();
    await page.close();
  });
});
