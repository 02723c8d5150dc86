// Zero-touch deployment for real (issue 19): the enterprise package is force-installed by Chromium from
// a local update server named in ExtensionInstallForcelist (written under /etc/chromium/policies/managed/),
// and a Rox.Chat event on the managed site reaches the CRM API. No page of the extension is ever opened
// and no host permission is granted by hand: the package's required host permissions are the policy's.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackageResult, packageEnterprise } from '../../scripts/lib/enterprise';
import { browserPath, EXTENSION_ID, TEST_BUILD } from '../harness/browser';
import { type DemoServers, startDemoServers } from '../harness/servers';
import { type Listening, listen } from '../harness/servers/http';
import { crmSite, roxMessage } from './fixtures';
import { emit, POLICY_DIR, waitFor } from './setup';

// Unique per run: other engineers' browsers read the same folder; it is removed in afterAll.
const POLICY_FILE = join(POLICY_DIR, `crm-bridge-enterprise-e2e-${process.pid}.json`);

let servers: DemoServers;
let updates: Listening;
let pkg: PackageResult;
let ctx: BrowserContext | undefined;
const work = mkdtempSync(join(tmpdir(), 'crmb-enterprise-'));

const policyFor = (s: DemoServers) => ({
  sites: [crmSite(s, { name: 'Managed CRM' })],
  rules: [
    {
      id: 'm-note',
      name: 'Managed: message → note',
      when: { events: ['message.created'] },
      then: [
        {
          kind: 'http',
          url: `${s.crm.origin}/api/notes`,
          // Chrome's schema subset cannot type a JSON body template: JSON-encoded in a policy (docs/admin.md).
          body: { type: 'json', value: JSON.stringify({ title: 'enterprise', text: '{{ message.text }}' }) },
        },
      ],
    },
  ],
});

beforeAll(async () => {
  servers = await startDemoServers();
  // The update server: update.xml and the CRX, as an admin would host them.
  const files = new Map<string, { path: string; type: string }>();
  updates = await listen('127.0.0.3', 0, [
    (_req, res, url) => {
      const f = files.get(url.pathname);
      if (!f) return false;
      res.writeHead(200, { 'content-type': f.type, 'cache-control': 'no-store' });
      res.end(readFileSync(f.path));
      return true;
    },
  ]);
  const policy = policyFor(servers);
  // A key of its own (generated into `work`): an id different from the dev key's unpacked test build.
  pkg = await packageEnterprise({
    policy,
    buildDir: TEST_BUILD,
    outDir: join(work, 'out'),
    baseUrl: `${updates.origin}/crmb/`,
  });
  files.set('/crmb/update.xml', { path: pkg.updateXmlPath, type: 'text/xml' });
  files.set('/crmb/crm-bridge.crx', { path: pkg.crxPath, type: 'application/x-chrome-extension' });
  mkdirSync(POLICY_DIR, { recursive: true });
  // Exactly the entries the packager prints for the admin.
  writeFileSync(POLICY_FILE, JSON.stringify(pkg.policies, null, 2));
  ctx = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: browserPath(),
    headless: true,
    // Playwright disables extensions, background networking (the update check) and component updates by
    // default; a force-installed extension needs all three. No --load-extension: policy installs it.
    ignoreDefaultArgs: [
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-component-extensions-with-background-pages',
    ],
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}, 120_000);

afterAll(async () => {
  rmSync(POLICY_FILE, { force: true });
  await ctx?.close().catch(() => undefined);
  await updates?.close();
  await servers?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('enterprise package, force-installed by policy', () => {
  it('the packaged manifest asks for exactly the managed site and the CRM API origin, under an id of its own', () => {
    expect(pkg.id).not.toBe(EXTENSION_ID);
    expect(pkg.manifest.host_permissions).toEqual([`${servers.crm.origin}/*`]);
  });

  it('Chromium installs it and a Rox.Chat event on the managed site reaches the CRM API, with no click', async () => {
    const browser = ctx as BrowserContext;
    const page: Page = await browser.newPage();
    // The extension's worker running is the installation finished. Observed through the DevTools target
    // list (Playwright does not attach to a worker it did not see start): no extension page is loaded.
    const cdp = await browser.newCDPSession(page);
    await waitFor(
      async () => {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as {
          targetInfos: Array<{ url: string }>;
        };
        return targetInfos.some((t) => t.url.startsWith(`chrome-extension://${pkg.id}/`));
      },
      'the force-installed extension to start',
      60_000,
      250,
    );
    await cdp.detach();
    // The worker registers the content scripts once it has read the policy; a page loaded before that
    // has none, so the agent's CRM page is (re)loaded until the bridge is there, as an agent would.
    const note = await waitFor(
      async () => {
        await page.goto(`${servers.crm.origin}/?embed=roxchat`);
        const frame = await waitFor(async () => {
          const f = page.frames().find((x: Frame) => x.url().includes('/roxchat/workspace.html'));
          return f &&
            (await f.evaluate(() => (window as unknown as { sim?: { ready?: boolean } }).sim?.ready === true))
            ? f
            : undefined;
        }, 'roxchat simulator ready');
        await emit(frame, 'newMessageAdded', roxMessage('zero touch', 1));
        return waitFor(() => servers.api.notes.find((n) => n.text === 'zero touch'), 'note', 3_000).catch(
          () => undefined,
        );
      },
      'the managed note at the CRM API',
      60_000,
      500,
    );
    expect(note.title).toBe('enterprise');
    expect(browser.pages().some((p) => p.url().startsWith('chrome-extension://'))).toBe(false);
  });
});
