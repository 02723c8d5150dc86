// Issue 16: the retry time (`delivery.maxAgeHours`) set on the options page's General tab. A value out
// of bounds is refused with a plain sentence and nothing is stored; a good one is stored and used.
// (Shown locked under an admin policy: test/unit/options/retry-window.test.ts renders that state.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings';
import { EXTENSION_ID } from '../harness/browser';
import { type Env, send, startEnv, waitFor } from './setup';

let env: Env;

const userSettings = async () =>
  (await send<{ settings: Settings }>(env.browser, { type: 'settings.get' })).settings;

beforeAll(async () => {
  env = await startEnv();
});

afterAll(async () => {
  await env?.close();
});

async function general(): Promise<Page> {
  const page = await env.browser.ctx.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await page.getByRole('heading', { name: 'CRM Bridge settings' }).waitFor();
  await page.getByTestId('tab-general').click();
  return page;
}

describe('retry time on the General tab (issue 16)', () => {
  it('refuses hours out of bounds with a sentence, saves a whole number of hours', async () => {
    const page = await general();
    const input = page.getByLabel('Keep retrying a request that fails for');
    expect(await input.inputValue()).toBe('24');

    await input.fill('500');
    await page.getByTestId('retry-hours-save').click();
    const alert = page.getByTestId('retry-window').getByRole('alert');
    expect(await alert.textContent()).toBe('Enter a whole number of hours from 1 to 168.');
    expect((await userSettings()).delivery.maxAgeHours).toBe(24);

    await input.fill('48');
    await page.getByTestId('retry-hours-save').click();
    await waitFor(async () => (await userSettings()).delivery.maxAgeHours === 48 || undefined, 'saved 48 h');
    expect(await alert.count()).toBe(0);

    // Read back after a reload: what the worker stored is what the page shows.
    await page.reload();
    await page.getByTestId('tab-general').click();
    expect(await page.getByLabel('Keep retrying a request that fails for').inputValue()).toBe('48');
    await page.close();
  });
});
