// Recommended vs mandatory with a real Chromium policy (issue 19): a suggested rule arrives pre-filled and
// the user changes it in the options page; a mandatory rule is locked; a locked setting changes neither
// through the options page nor through a runtime message.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyStatus } from '../../src/config/policy';
import type { Settings } from '../../src/config/settings';
import { EXTENSION_ID } from '../harness/browser';
import { crmSite } from './fixtures';
import { type Env, POLICY_DIR, send, startEnv, waitFor, writeExtensionPolicy } from './setup';

const POLICY_FILE = `crm-bridge-e2e-recommended-${process.pid}.json`;
const logRule = (id: string, name: string) => ({
  id,
  name,
  when: { events: ['message.created'] },
  then: [{ kind: 'log' }],
});

let env: Env;
let page: Page;

const get = () =>
  send<{ settings: Settings; effective: Settings; policy: PolicyStatus }>(env.browser, {
    type: 'settings.get',
  });

beforeAll(async () => {
  env = await startEnv((servers) => {
    writeExtensionPolicy(POLICY_FILE, {
      sites: [crmSite(servers, { name: 'Managed CRM' })],
      rules: [logRule('m-log', 'Mandatory log')],
      recommended: { rules: [logRule('tip', 'Suggested log')] },
      lockedSettings: { journalLimit: 300 },
    });
  });
  await waitFor(
    async () => ((await get()).policy.suggested?.rules.includes('tip') ? true : undefined),
    'policy applied',
  );
  page = await env.browser.ctx.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#rules`);
  await page.getByRole('heading', { name: 'CRM Bridge settings' }).waitFor();
}, 60_000);

afterAll(async () => {
  rmSync(join(POLICY_DIR, POLICY_FILE), { force: true });
  await env?.close();
});

describe('recommended and mandatory policy entries in the options page', () => {
  it('the recommended rule is the user’s, marked suggested, and the user turns it off', async () => {
    const before = await get();
    expect(before.settings.rules.map((r) => r.id)).toEqual(['tip']);
    const row = page.getByTestId('rule-tip');
    await expect(row.getByTestId('suggested').textContent()).resolves.toBe('Suggested by your organisation');
    await expect(row.getByTestId('lock').count()).resolves.toBe(0);
    await row.getByTestId('toggle-tip').uncheck();
    const after = await waitFor(async () => {
      const s = await get();
      return s.settings.rules.find((r) => r.id === 'tip')?.enabled === false ? s : undefined;
    }, 'the user’s change saved');
    expect(after.effective.rules.find((r) => r.id === 'tip')).toMatchObject({
      enabled: false,
      managed: false,
    });
  });

  it('the mandatory rule is locked: no toggle, edit or delete', async () => {
    const row = page.getByTestId('rule-m-log');
    await expect(row.getByTestId('lock').count()).resolves.toBe(1);
    await expect(row.getByTestId('toggle-m-log').count()).resolves.toBe(0);
    await expect(row.getByRole('button', { name: /edit|delete/i }).count()).resolves.toBe(0);
  });

  it('a locked setting cannot be changed in the options page or by a runtime message', async () => {
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#general`);
    const input = page.getByRole('textbox', { name: /Journal keeps the last/ });
    await expect(input.isDisabled()).resolves.toBe(true);
    await expect(input.inputValue()).resolves.toBe('300');
    const current = (await get()).settings;
    const r = await send<{ ok: boolean }>(env.browser, {
      type: 'settings.save',
      settings: { ...current, journalLimit: 9000 },
    });
    expect(r.ok).toBe(true);
    const after = await get();
    expect(after.effective.journalLimit).toBe(300);
    expect(after.settings.journalLimit).not.toBe(9000);
    expect(after.policy.locked).toEqual(['journalLimit']);
  });
});
