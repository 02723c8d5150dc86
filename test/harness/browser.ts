import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { REPO_ROOT } from './servers/http';

/** Fixed by the manifest `key` (wxt.config.ts). */
export const EXTENSION_ID = 'gddjbfnjjobbifpfoanlhbdmjejjioka';
/** The test build; CRMB_EXTENSION_DIR points at a private copy (parallel builds wipe .output). */
export const TEST_BUILD = process.env.CRMB_EXTENSION_DIR ?? resolve(REPO_ROOT, '.output/chrome-mv3-test');

export function browserPath(): string {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('No Chromium found: run `node scripts/ensure-browser.mjs` or set CHROME_PATH.');
  return found;
}

export interface Launched {
  ctx: BrowserContext;
  profileDir: string;
  extensionId: string;
  worker(): Promise<Worker>;
  /** An extension page to call the worker from (runtime messages, CDP). */
  extPage(): Promise<Page>;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

export async function launch(
  opts: {
    extensionDir?: string;
    profileDir?: string;
    headless?: boolean;
    /**
     * UI language, e.g. 'es', 'pt-BR'. On Linux chrome.i18n.getUILanguage follows LANGUAGE/LC_ALL/LANG
     * (not `--lang`, passed anyway for other platforms) and only for languages whose .pak is installed
     * (Debian: the chromium-l10n package; without it Chromium stays en-US).
     */
    lang?: string;
  } = {},
): Promise<Launched> {
  const ext = opts.extensionDir ?? TEST_BUILD;
  if (!existsSync(join(ext, 'manifest.json')))
    throw new Error(`no extension build at ${ext}: run \`npx wxt build --mode test\``);
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'crmb-profile-'));
  const headless = opts.headless ?? true;
  const ctx = await chromium.launchPersistentContext(profileDir, {
    executablePath: browserPath(),
    headless,
    viewport: { width: 1280, height: 800 },
    ...(opts.lang
      ? {
          env: {
            ...process.env,
            LANGUAGE: opts.lang.replace('-', '_'),
            LC_ALL: `${opts.lang.replace('-', '_')}.UTF-8`,
            LANG: `${opts.lang.replace('-', '_')}.UTF-8`,
          },
        }
      : {}),
    args: [
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  let page: Page | undefined;
  const launched: Launched = {
    ctx,
    profileDir,
    extensionId: EXTENSION_ID,
    async worker() {
      const existing = ctx
        .serviceWorkers()
        .find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
      if (existing) return existing;
      return ctx.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`),
        timeout: 20_000,
      });
    },
    async extPage() {
      if (page && !page.isClosed()) return page;
      page = await ctx.newPage();
      await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
      return page;
    },
    async close(o = {}) {
      await ctx.close().catch(() => undefined);
      if (!o.keepProfile && !opts.profileDir) cleanupProfile(profileDir);
    },
  };
  await launched.worker();
  return launched;
}

/** Sends a typed request to the worker from an extension page (the same path the options page uses). */
export async function send<T = unknown>(l: Launched, message: unknown): Promise<T> {
  const page = await l.extPage();
  return page.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    message,
  ) as Promise<T>;
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Stops every service worker of the browser (DevTools protocol); the next event restarts it fresh. */
export async function stopServiceWorker(l: Launched): Promise<void> {
  const page = await l.extPage();
  const cdp = await l.ctx.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach().catch(() => undefined);
}

export function cleanupProfile(dir: string): void {
  // A Chromium child process can still be writing into the profile just after the context closed
  // (ENOTEMPTY once, in outbox.test.ts teardown): retried, as rm -rf would be.
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
