// Issue 14 item 5 in the real options page: an import that turns on OneChat direct mode (which sends a
// named secret to its server) says so and saves nothing until the user confirms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings';
import { EXTENSION_ID } from '../harness/browser';
import { type Env, send, startEnv } from './setup';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => {
  await env?.close();
});

const userSettings = async () =>
  (await send<{ settings: Settings }>(env.browser, { type: 'settings.get' })).settings;

describe('import that sets onechatDirect', () => {
  it('shows where the secret would go and saves only after confirmation', async () => {
    const page = await env.browser.ctx.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#transfer`);
    await page.getByTestId('tab-transfer').click();
    const url = env.servers.workspace.origin;
    const imported = { onechatDirect: { enabled: true, url, pubsubTokenSecret: 'onechat_token' } };
    await page.getByTestId('import-json').fill(JSON.stringify(imported));
    await page.getByTestId('import').click();
    const warning = await page.getByTestId('import-confirm').textContent();
    expect(warning).toContain(`turns on OneChat direct mode`);
    expect(warning).toContain(`${url.replace('http:', 'ws:')}/cable`);
    expect(warning).toContain('"onechat_token"');
    // Nothing saved yet.
    expect((await userSettings()).onechatDirect).toBeUndefined();
    await page.getByTestId('import-confirm-yes').click();
    await page.getByTestId('import-result').waitFor();
    expect((await userSettings()).onechatDirect).toMatchObject({ url, pubsubTokenSecret: 'onechat_token' });
    await page.close();
  });
});
