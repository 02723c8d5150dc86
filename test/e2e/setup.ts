import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { SettingsInput } from '../../src/config/settings';
import type { JournalEntry } from '../../src/journal/types';
import { EXTENSION_ID, type Launched, launch, send, waitFor } from '../harness/browser';
import { type DemoServers, startDemoServers } from '../harness/servers';

export interface Env {
  servers: DemoServers;
  browser: Launched;
  close(): Promise<void>;
}

/** Chromium's managed-policy folder on Linux (CRMB_POLICY_DIR overrides, e.g. for a non-root run). */
export const POLICY_DIR = process.env.CRMB_POLICY_DIR ?? '/etc/chromium/policies/managed';

/** Writes this extension's `3rdparty` policy to POLICY_DIR/`file`; returns the path (remove it after). */
export function writeExtensionPolicy(file: string, policy: unknown): string {
  mkdirSync(POLICY_DIR, { recursive: true });
  const path = join(POLICY_DIR, file);
  writeFileSync(path, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
  return path;
}

/**
 * Fixture servers and a browser with the built extension. `beforeLaunch` runs once the servers are up
 * and before the browser starts (a policy file must exist when Chromium reads policy at launch).
 */
export async function startEnv(beforeLaunch?: (servers: DemoServers) => void | Promise<void>): Promise<Env> {
  const servers = await startDemoServers();
  await beforeLaunch?.(servers);
  const browser = await launch();
  return {
    servers,
    browser,
    close: async () => {
      await browser.close();
      await servers.close();
    },
  };
}

/** The content script the worker registered under `id` (chrome.scripting), or undefined. */
export async function registeredScript(env: Env, id: string) {
  const worker = await env.browser.worker();
  const scripts = await worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: typeof import('wxt/browser').browser }
    ).chrome.scripting.getRegisteredContentScripts(),
  );
  return scripts.find((s) => s.id === id);
}

export async function configure(env: Env, settings: SettingsInput): Promise<void> {
  const r = await send<{ ok: boolean; error?: string }>(env.browser, { type: 'settings.save', settings });
  if (!r.ok) throw new Error(`settings rejected: ${r.error}`);
}

export async function journal(env: Env, limit = 500): Promise<JournalEntry[]> {
  const r = await send<{ entries: JournalEntry[] }>(env.browser, { type: 'journal.recent', limit });
  return r.entries;
}

/** Opens the demo CRM page and returns the workspace simulator frame of `platform`, once it is ready. */
export async function openCrm(
  env: Env,
  embed = 'roxchat',
  platform = 'roxchat',
): Promise<{ page: Page; frame: Frame }> {
  const page = await env.browser.ctx.newPage();
  await page.goto(`${env.servers.crm.origin}/?embed=${embed}`);
  const frame = await waitFor(async () => {
    const f = page.frames().find((x) => x.url().includes(`/${platform}/workspace.html`));
    return f &&
      (await f.evaluate(() => (window as unknown as { sim?: { ready?: boolean } }).sim?.ready === true))
      ? f
      : undefined;
  }, `${platform} simulator ready`);
  return { page, frame };
}

export const emitFixture = (frame: Frame, name: string) =>
  frame.evaluate(
    (n) => (window as unknown as { sim: { emitFixture(x: string): void } }).sim.emitFixture(n),
    name,
  );

export const emit = (frame: Frame, event: string, params: unknown) =>
  frame.evaluate(
    ([e, p]) => (window as unknown as { sim: { emit(a: unknown, b: unknown): void } }).sim.emit(e, p),
    [event, params] as const,
  );

export { send, waitFor };

/** Waits until the worker knows of a detected `platform` workspace in some tab whose URL starts with `urlPrefix`. */
export async function workspaceDetected(env: Env, platform: string, urlPrefix: string): Promise<void> {
  const page = await env.browser.extPage();
  await waitFor(
    () =>
      page.evaluate(
        async ([p, prefix]) => {
          const c = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          const tabs = await c.tabs.query({});
          for (const t of tabs) {
            if (!t.id || !t.url?.startsWith(prefix)) continue;
            const s = (await c.runtime.sendMessage({ type: 'tab.status', tabId: t.id })) as {
              workspaces: Array<{ platform: string }>;
            };
            if (s.workspaces.some((w) => w.platform === p)) return true;
          }
          return false;
        },
        [platform, urlPrefix] as const,
      ),
    `${platform} workspace detected`,
  );
}
