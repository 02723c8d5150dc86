// The popup suites' shared driver (test/e2e/popup-*.test.ts): settings and messages of the demo CRM, and
// an environment per test file. `popupSuite()` starts its own demo servers and Chromium (fresh profile:
// empty journal, no badge count, capture running, empty outbox) in beforeAll, so a file depends on no
// other; a file with several tests must reset what each of its tests uses.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SettingsInput } from '../../src/config/settings';
import type { RuleInput } from '../../src/rules/schema';
import { REPO_ROOT } from '../harness/servers/http';
import { BEARER_CRM, noteRule as baseNoteRule, crmSite, roxMessage } from './fixtures';
import { configure, type Env, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

export const ARTIFACTS = join(REPO_ROOT, 'artifacts/popup');
export const SECRET = 'SECRET-VALUE-123';

/** The popup suites' note rule: an explicit POST with the `crm` secret as a bearer token. */
export const noteRule = (origin: string): RuleInput =>
  baseNoteRule(origin, { method: 'POST', headers: BEARER_CRM });

export const closedRule: RuleInput = {
  id: 'closed',
  name: 'Chat closed → log',
  when: { events: ['conversation.closed'] },
  then: [{ kind: 'log', message: 'closed {{ conversation.id }}' }],
};

export const settings = (env: Env, rules: RuleInput[]): SettingsInput => ({
  sites: [crmSite(env.servers, { name: 'Demo CRM' })],
  rules,
});

/** A Rox.Chat `newMessageAdded` payload from the popup suites' visitor (with a provided id and a Siebel id). */
export const message = (text: string, chatId = 7) =>
  roxMessage(text, chatId, {
    visitorId: 'visitor-1',
    providedVisitorId: '12345',
    sessionId: 'sess-1',
    siebelId: '4-1GQDLH42',
  });

export const rows = (popup: Page) => popup.getByTestId('row');
export const rowWith = (popup: Page, text: string) => rows(popup).filter({ hasText: text });

export async function crmTabId(env: Env): Promise<number> {
  const page = await env.browser.extPage();
  return page.evaluate(async (origin) => {
    const c = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const tabs = await c.tabs.query({});
    const ids = tabs.filter((t) => t.url?.startsWith(`${origin}/?embed=`)).map((t) => t.id ?? 0);
    return Math.max(...ids);
  }, env.servers.crm.origin);
}

export interface PopupSuite {
  /** Set in beforeAll. */
  env: Env;
  /** The demo CRM page and its Rox.Chat simulator frame. */
  crm: { page: Page; frame: Frame };
  crmTab: number;
  openPopup(width?: number, height?: number): Promise<Page>;
  badge(): Promise<string>;
  waitBadge(want: (text: string) => boolean, what: string): Promise<string>;
  /** Embeds the Rox.Chat simulator from the untrusted origin in the CRM page and returns its frame, ready. */
  untrustedFrame(): Promise<Frame>;
}

/**
 * Registers this file's hooks: beforeAll starts the env with the `crm` secret, the note and closed
 * rules, clipboard access, and the demo CRM open with its Rox.Chat workspace detected; afterEach closes
 * any popup left open; afterAll closes everything.
 */
export function popupSuite(): PopupSuite {
  const s = {} as PopupSuite;

  s.openPopup = async (width = 680, height = 580) => {
    const popup = await s.env.browser.ctx.newPage();
    await popup.setViewportSize({ width, height });
    await popup.goto(`chrome-extension://${s.env.browser.extensionId}/popup.html?tab=${s.crmTab}`);
    await popup.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
    return popup;
  };

  s.badge = async () => {
    const worker = await s.env.browser.worker();
    return worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
      ).chrome.action.getBadgeText({}),
    );
  };

  s.waitBadge = (want, what) =>
    waitFor(async () => {
      const text = await s.badge();
      return want(text) ? text : undefined;
    }, what);

  s.untrustedFrame = async () => {
    const { env, crm } = s;
    await crm.page.evaluate(
      ([src]) => {
        const f = document.createElement('iframe');
        f.src = src as string;
        document.body.appendChild(f);
      },
      [
        `${env.servers.untrusted.origin}/roxchat/workspace.html?parent=${encodeURIComponent(env.servers.crm.origin)}`,
      ] as const,
    );
    const evil = await waitFor(
      () => crm.page.frames().find((f) => f.url().startsWith(env.servers.untrusted.origin)),
      'untrusted frame',
    );
    await waitFor(
      () => evil.evaluate(() => (window as unknown as { sim?: { ready?: boolean } }).sim?.ready === true),
      'untrusted simulator',
    );
    return evil;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // launch() loads CRMB_EXTENSION_DIR when set (a private copy of the build), else .output/chrome-mv3-test.
    s.env = await startEnv();
    await send(s.env.browser, { type: 'secrets.set', name: 'crm', value: SECRET });
    await configure(s.env, settings(s.env, [noteRule(s.env.servers.crm.origin), closedRule]));
    await s.env.browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
    s.crm = await openCrm(s.env);
    await workspaceDetected(s.env, 'roxchat', s.env.servers.crm.origin);
    s.crmTab = await crmTabId(s.env);
  });

  // A test that fails half-way must not leave its popup open: an open popup counts as "seen" for the badge.
  afterEach(async () => {
    for (const p of s.env?.browser.ctx.pages() ?? []) if (p.url().includes('/popup.html')) await p.close();
  });

  afterAll(async () => {
    await s.env?.close();
  });

  return s;
}
