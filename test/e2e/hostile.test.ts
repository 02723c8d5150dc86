// Hostile pages: for each postMessage platform, messages from anything but a detected workspace frame
// on a trusted origin are not accepted — they are journaled as rejections with a reason, and nothing
// reaches the rules or the CRM.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry, RejectedEntry } from '../../src/journal/types';
import { crmSite } from './fixtures';
import { configure, type Env, journal, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;

/** A valid payload per platform, carrying a marker we can look for in the journal. */
const payloads: Record<string, (marker: string) => unknown> = {
  roxchat: (m) => ({
    source: 'roxchat',
    event: 'newMessageAdded',
    params: { roxchatVisitorId: m, chatId: 1, sessionId: 's', kind: 'visitor', messageText: m },
  }),
  ucontact: (m) => ({ event: 'changedLanguage', data: m }),
};

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  const ws = env.servers.workspace.origin;
  await configure(env, {
    sites: [crmSite(env.servers, { platforms: { roxchat: { origins: [ws] }, ucontact: { origins: [ws] } } })],
    rules: [
      {
        id: 'all',
        name: 'anything → note',
        when: { events: ['message.created', 'ui.language_changed'] },
        then: [{ kind: 'http', url: `${crm}/api/notes`, body: { type: 'json', value: { t: '{{ type }}' } } }],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

async function crmPage(): Promise<Page> {
  const page = await env.browser.ctx.newPage();
  await page.goto(`${env.servers.crm.origin}/?embed=roxchat,ucontact`);
  await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
  await workspaceDetected(env, 'ucontact', env.servers.crm.origin);
  return page;
}

async function frameAt(page: Page, match: (url: string) => boolean, what: string): Promise<Frame> {
  return waitFor(() => page.frames().find((f) => match(f.url())), what);
}

const postToTop = (frame: Frame | Page, data: unknown) =>
  frame.evaluate((d) => {
    window.top?.postMessage(d, '*');
  }, data);

async function expectRejectedOnly(marker: string, reason: RegExp): Promise<void> {
  const rejected = await waitFor(async () => {
    const entries = await journal(env);
    return entries.find(
      (e): e is RejectedEntry => e.kind === 'rejected' && JSON.stringify(e.sample ?? '').includes(marker),
    );
  }, `rejection of ${marker}`);
  expect(rejected.reason).toMatch(reason);
  const accepted = (await journal(env)).filter(
    (e): e is EventEntry => e.kind === 'event' && JSON.stringify(e.event.data).includes(marker),
  );
  expect(accepted).toEqual([]);
}

describe.each(Object.keys(payloads))('%s: nothing accepted from a hostile sender', (platform) => {
  const payload = payloads[platform] as (m: string) => unknown;

  it('an iframe on an untrusted origin', async () => {
    const page = await crmPage();
    const marker = `${platform}-untrusted-${Date.now()}`;
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.appendChild(f);
    }, `${env.servers.untrusted.origin}/crm/contact.html`);
    const evil = await frameAt(page, (u) => u.startsWith(env.servers.untrusted.origin), 'untrusted frame');
    await postToTop(evil, payload(marker));
    await expectRejectedOnly(marker, /untrusted origin/);
    await page.close();
  });

  it('a trusted-origin window that is not the detected workspace frame (nested inside it)', async () => {
    const page = await crmPage();
    const marker = `${platform}-nested-${Date.now()}`;
    const ws = await frameAt(page, (u) => u.includes(`/${platform}/workspace.html`), 'workspace frame');
    await ws.evaluate(() => {
      const f = document.createElement('iframe');
      f.src = '/crm/contact.html?nested';
      document.body.appendChild(f);
    });
    const nested = await frameAt(page, (u) => u.includes('nested'), 'nested frame');
    await postToTop(nested, payload(marker));
    await expectRejectedOnly(marker, /not from a detected workspace iframe/);
    await page.close();
  });

  it('a workspace frame that navigated to another origin', async () => {
    const page = await crmPage();
    const marker = `${platform}-navigated-${Date.now()}`;
    const ws = await frameAt(page, (u) => u.includes(`/${platform}/workspace.html`), 'workspace frame');
    // The iframe element keeps its trusted src attribute; its document is now on another origin.
    await ws.goto(`${env.servers.untrusted.origin}/crm/contact.html`);
    const moved = await frameAt(page, (u) => u.startsWith(env.servers.untrusted.origin), 'navigated frame');
    await postToTop(moved, payload(marker));
    await expectRejectedOnly(marker, /untrusted origin/);
    await page.close();
  });

  it('a popup opened by the page (window.opener), even on the trusted origin', async () => {
    const page = await crmPage();
    const marker = `${platform}-popup-${Date.now()}`;
    const popupP = page.waitForEvent('popup');
    await page.evaluate((src) => {
      window.open(src, 'crmb-popup', 'width=400,height=300');
    }, `${env.servers.workspace.origin}/crm/contact.html`);
    const popup = await popupP;
    await popup.waitForLoadState();
    await popup.evaluate((d) => window.opener?.postMessage(d, '*'), payload(marker));
    await expectRejectedOnly(marker, /not from a detected workspace iframe|opener/);
    await popup.close();
    await page.close();
  });

  it('the page itself', async () => {
    const page = await crmPage();
    const marker = `${platform}-self-${Date.now()}`;
    await page.evaluate((d) => window.postMessage(d, '*'), payload(marker));
    await expectRejectedOnly(marker, /this window or its opener/);
    await page.close();
  });
});

it('no hostile message reached the CRM API', () => {
  expect(env.servers.api.received.filter((r) => r.method === 'POST')).toEqual([]);
});
