// Issue 14 item 4, in real Chromium with a real policy file: a managed secret is never in
// chrome.storage.local; the bridge content script (the extension's untrusted context in the page)
// cannot read storage.local at all; and a storage.local write nobody validated changes nothing.
import { rmSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyStatus } from '../../src/config/policy';
import type { Settings } from '../../src/config/settings';
import { EXTENSION_ID } from '../harness/browser';
import { crmSite } from './fixtures';
import { type Env, openCrm, send, startEnv, waitFor, workspaceDetected, writeExtensionPolicy } from './setup';

const SECRET = 'MANAGED-SECRET-STORAGE-7f3a9c';

let env: Env;

let policyFile = '';

beforeAll(async () => {
  env = await startEnv((servers) => {
    policyFile = writeExtensionPolicy('crm-bridge-e2e-storage.json', {
      sites: [crmSite(servers, { name: 'Managed CRM' })],
      secrets: { crm_key: SECRET },
    });
  });
});

afterAll(async () => {
  if (policyFile) rmSync(policyFile, { force: true });
  await env?.close();
});

/** Evaluates `expression` in the extension's isolated world of `page` (where the bridge runs). */
async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp: CDPSession = await env.browser.ctx.newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const ctx = await waitFor(
    async () =>
      contexts.find(
        (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${EXTENSION_ID}`,
      ),
    'the bridge content script context',
  );
  const r = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: ctx.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach().catch(() => undefined);
  return r.result.value;
}

const storageProbe = `(async () => {
  const out = {};
  try { out.read = JSON.stringify(await chrome.storage.local.get(null)); } catch (e) { out.readError = String(e && e.message || e); }
  try { await chrome.storage.local.set({ settings: { sites: [], rules: [], paused: true, journalLimit: 100 } }); out.wrote = true; } catch (e) { out.writeError = String(e && e.message || e); }
  return out;
})()`;

const effective = async () =>
  (await send<{ effective: Settings }>(env.browser, { type: 'settings.get' })).effective;

describe('policy secrets and storage.local', () => {
  it('a managed secret is in force, yet found nowhere in storage.local', async () => {
    await waitFor(async () => {
      const st = await send<PolicyStatus>(env.browser, { type: 'policy.status' });
      return st.keysReceived.includes('secrets') || undefined;
    }, 'policy received');
    const secrets = await send<{ secrets: Array<{ name: string; managed: boolean }> }>(env.browser, {
      type: 'secrets.list',
    });
    expect(secrets.secrets).toContainEqual({ name: 'crm_key', managed: true });
    const ext = await env.browser.extPage();
    const local = await ext.evaluate(async () =>
      JSON.stringify(
        await (
          globalThis as unknown as { chrome: typeof import('wxt/browser').browser }
        ).chrome.storage.local.get(null),
      ),
    );
    expect(local).not.toContain(SECRET);
  });

  it('the content script can neither read nor write storage.local (TRUSTED_CONTEXTS)', async () => {
    const { page } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const probe = (await inContentScript(page, storageProbe)) as {
      read?: string;
      readError?: string;
      wrote?: boolean;
      writeError?: string;
    };
    expect(probe.read).toBeUndefined();
    expect(probe.readError).toMatch(/not allowed|access/i);
    expect(probe.wrote).toBeUndefined();
    expect(JSON.stringify(probe)).not.toContain(SECRET);
    expect((await effective()).paused).toBe(false);
    await page.close();
  });

  it('a storage.local write that did not go through settings.save does not change the effective settings', async () => {
    const before = await effective();
    expect(before.paused).toBe(false);
    // Written directly (as a content script could where the browser cannot restrict storage.local).
    const ext = await env.browser.extPage();
    await ext.evaluate(() =>
      (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.local.set({
        settings: { sites: [], rules: [], paused: true, journalLimit: 100 },
      }),
    );
    // The worker follows only settings.save: a later message sees the same effective settings.
    await send(env.browser, { type: 'policy.status' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await effective()).paused).toBe(false);
    expect((await effective()).journalLimit).toBe(before.journalLimit);
  });
});
