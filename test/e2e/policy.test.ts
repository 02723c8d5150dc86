// Admin policy for real: Chromium on Linux reads /etc/chromium/policies/managed/*.json, and its
// `3rdparty.extensions.<id>` entry becomes chrome.storage.managed for the extension.
import { accessSync, constants, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyStatus } from '../../src/config/policy';
import type { Settings } from '../../src/config/settings';
import { EXTENSION_ID } from '../harness/browser';
import { REPO_ROOT } from '../harness/servers/http';
import { crmSite, roxMessage } from './fixtures';
import {
  type Env,
  emit,
  openCrm,
  POLICY_DIR,
  send,
  startEnv,
  waitFor,
  workspaceDetected,
  writeExtensionPolicy,
} from './setup';

const POLICY_FILE = 'crm-bridge-e2e.json';
const OPTIONS_ARTIFACTS = join(REPO_ROOT, 'artifacts/options');

let env: Env;

const writePolicy = (policy: unknown) => writeExtensionPolicy(POLICY_FILE, policy);

const managedRule = (crm: string, title: string) => ({
  id: 'm-note',
  name: 'Managed: message → note',
  when: { events: ['message.created'] },
  // Chrome's schema subset cannot type a JSON body template: the policy carries it JSON-encoded (docs/admin.md).
  then: [
    {
      kind: 'http',
      url: `${crm}/api/notes`,
      headers: { 'X-Api-Key': '{{ secrets.crm_key }}' },
      body: { type: 'json', value: JSON.stringify({ title, text: '{{ message.text }}' }) },
    },
  ],
});

const msg = (text: string) => roxMessage(text, 1);

/** Asks Chromium to re-read policy now (chrome://policy "Reload policies"), instead of waiting for its file watcher. */
async function reloadPolicies(): Promise<void> {
  const page = await env.browser.ctx.newPage();
  await page.goto('chrome://policy');
  await page
    .locator('#reload-policies')
    .click()
    .catch(() => undefined);
  await page.waitForTimeout(300);
  await page.close();
}

const status = () => send<PolicyStatus>(env.browser, { type: 'policy.status' });
const effective = async () =>
  (await send<{ effective: Settings }>(env.browser, { type: 'settings.get' })).effective;

beforeAll(async () => {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
  } catch {
    throw new Error(
      `This test writes a real Chromium policy to ${POLICY_DIR} and needs write access there (run as root, as CI does).`,
    );
  }
  mkdirSync(OPTIONS_ARTIFACTS, { recursive: true });
  env = await startEnv((servers) => {
    writePolicy({
      sites: [crmSite(servers, { name: 'Managed CRM' })],
      rules: [managedRule(servers.crm.origin, 'managed v1')],
      secrets: { crm_key: 'MANAGED-KEY-42' },
    });
  });
});

afterAll(async () => {
  rmSync(join(POLICY_DIR, POLICY_FILE), { force: true });
  await env?.close();
});

describe('admin policy through chrome.storage.managed', () => {
  it('the managed rule runs on a simulator event, with a managed secret', async () => {
    const s = await waitFor(async () => {
      const st = await status();
      return st.keysReceived.includes('rules') ? st : undefined;
    }, 'policy received');
    expect(s.keysReceived).toEqual(['rules', 'secrets', 'sites']);
    expect(s.error).toBeUndefined();
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', msg('hello from policy'));
    const note = await waitFor(
      () => env.servers.api.notes.find((n) => n.text === 'hello from policy'),
      'managed note',
    );
    expect(note.title).toBe('managed v1');
    const req = env.servers.api.received.find((r) => r.method === 'POST');
    expect(req?.headers['x-api-key']).toBe('MANAGED-KEY-42');
    await page.close();
  });

  it('runtime messages cannot modify, disable or delete managed rules and sites', async () => {
    const before = await effective();
    expect(before.rules.find((r) => r.id === 'm-note')?.managed).toBe(true);
    const forged = {
      sites: [],
      rules: [
        { ...before.rules[0], enabled: false, name: 'hijacked', managed: false },
        { ...before.rules[0], id: 'other', managed: true },
      ],
    };
    const r = await send<{ ok: boolean; warning?: string }>(env.browser, {
      type: 'settings.save',
      settings: forged,
    });
    expect(r.warning).toMatch(/set by your organisation/);
    const after = await effective();
    const managed = after.rules.find((x) => x.id === 'm-note');
    expect(managed).toMatchObject({ enabled: true, name: 'Managed: message → note', managed: true });
    expect(after.rules.find((x) => x.id === 'other')).toBeUndefined();
    expect(after.sites.map((x) => [x.id, x.managed])).toEqual([['crm', true]]);
    // Managed secrets are never shown and cannot be overwritten.
    const secrets = await send<{ secrets: Array<{ name: string; managed: boolean }> }>(env.browser, {
      type: 'secrets.list',
    });
    expect(secrets.secrets).toContainEqual({ name: 'crm_key', managed: true });
    expect(JSON.stringify(secrets)).not.toContain('MANAGED-KEY-42');
    const overwrite = await send<{ ok: boolean; error?: string }>(env.browser, {
      type: 'secrets.set',
      name: 'crm_key',
      value: 'x',
    });
    expect(overwrite.ok).toBe(false);
  });

  it('the options page shows managed entries locked, with no way to edit, disable or delete them', async () => {
    const page = await env.browser.ctx.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#rules`);
    const rule = page.getByTestId('rule-m-note');
    await rule.waitFor();
    expect(await rule.textContent()).toContain('set by your organisation');
    await rule.getByTestId('lock').waitFor();
    // No toggle, no move/duplicate/edit/delete: only a read-only "View" of the rule.
    expect(await rule.locator('input, select, textarea').count()).toBe(0);
    expect(await rule.getByRole('button').count()).toBe(0);
    expect(await rule.getByText(/^(Edit|Delete|Duplicate)$/).count()).toBe(0);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(OPTIONS_ARTIFACTS, 'policy-rules-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(OPTIONS_ARTIFACTS, 'policy-rules-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByTestId('tab-sites').click();
    const site = page.getByTestId('site-crm');
    await site.getByTestId('lock').waitFor();
    expect(await site.textContent()).toContain('set by your organisation');
    expect(await site.getByRole('button', { name: /Edit|Remove/ }).count()).toBe(0);

    // The keys that arrived, against the known ones.
    await page.getByTestId('tab-policy').click();
    for (const k of ['rules', 'secrets', 'sites'])
      expect(await page.getByTestId(`policy-key-${k}`).textContent()).toContain('received');
    expect(await page.getByTestId('policy-key-userRulesAllowed').textContent()).not.toContain('received');
    expect(await page.getByTestId('policy-error').count()).toBe(0);
    await page.close();
  });

  it('a policy change while the browser runs applies without reload; an invalid one keeps the last good policy', async () => {
    writePolicy({
      sites: [crmSite(env.servers)],
      rules: [managedRule(env.servers.crm.origin, 'managed v2')],
      secrets: { crm_key: 'MANAGED-KEY-42' },
    });
    await reloadPolicies();
    await waitFor(
      async () => {
        const e = await effective();
        return JSON.stringify(e.rules).includes('managed v2') || undefined;
      },
      'policy v2 applied',
      30_000,
    );
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', msg('after change'));
    expect(
      (await waitFor(() => env.servers.api.notes.find((n) => n.text === 'after change'), 'v2 note')).title,
    ).toBe('managed v2');

    writePolicy({ rules: [{ id: 'broken' }], sites: [] });
    await reloadPolicies();
    const st = await waitFor(
      async () => {
        const s = await status();
        return s.error ? s : undefined;
      },
      'invalid policy reported',
      30_000,
    );
    expect(st.error).toMatch(/rules\.0\.when/);
    expect(st.error).toMatch(/last valid policy stays in force/);
    await emit(frame, 'newMessageAdded', msg('still v2'));
    expect(
      (
        await waitFor(
          () => env.servers.api.notes.find((n) => n.text === 'still v2'),
          'note under last good policy',
        )
      ).title,
    ).toBe('managed v2');
    await page.close();
  });

  it('the options page shows an invalid policy’s error prominently', async () => {
    const page = await env.browser.ctx.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#rules`);
    const banner = page.getByTestId('policy-error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/rules\.0\.when/);
    // The last good policy's managed rule is still shown, locked.
    await page.getByTestId('rule-m-note').getByTestId('lock').waitFor();
    await page.getByTestId('tab-policy').click();
    expect(await page.getByTestId('policy-error').textContent()).toMatch(/last valid policy stays in force/);
    await page.screenshot({ path: join(OPTIONS_ARTIFACTS, 'policy-error-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(OPTIONS_ARTIFACTS, 'policy-error-dark.png'), fullPage: true });
    await page.close();
  });
});
