import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../src/config/settings';
import type { JournalEntry } from '../../src/journal/types';
import type { RuleInput } from '../../src/rules/schema';
import { launch } from '../harness/browser';
import { REPO_ROOT } from '../harness/servers/http';
import { configure, type Env, emit, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

const ARTIFACTS = join(REPO_ROOT, 'artifacts/popup');
const SECRET = 'SECRET-VALUE-123';

let env: Env;
let crm: { page: Page; frame: Frame };
let crmTab: number;

const noteRule = (origin: string): RuleInput => ({
  id: 'note',
  name: 'Message → CRM note',
  when: { events: ['message.created'] },
  then: [
    {
      kind: 'http',
      method: 'POST',
      url: `${origin}/api/notes`,
      headers: { Authorization: 'Bearer {{ secrets.crm }}' },
      body: { type: 'json', value: { text: '{{ message.text }}', chat: '{{ conversation.id }}' } },
    },
  ],
});

const closedRule: RuleInput = {
  id: 'closed',
  name: 'Chat closed → log',
  when: { events: ['conversation.closed'] },
  then: [{ kind: 'log', message: 'closed {{ conversation.id }}' }],
};

const settings = (rules: RuleInput[]): SettingsInput => ({
  sites: [
    {
      id: 'crm',
      name: 'Demo CRM',
      matches: [`${env.servers.crm.origin}/*`],
      platforms: { roxchat: { origins: [env.servers.workspace.origin] } },
    },
  ],
  rules,
});

const message = (text: string, chatId = 7) => ({
  roxchatVisitorId: 'visitor-1',
  providedVisitorId: '12345',
  chatId,
  sessionId: 'sess-1',
  kind: 'visitor',
  messageText: text,
  siebelId: '4-1GQDLH42',
});

async function crmTabId(): Promise<number> {
  const page = await env.browser.extPage();
  return page.evaluate(async (origin) => {
    const c = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const tabs = await c.tabs.query({});
    const ids = tabs.filter((t) => t.url?.startsWith(`${origin}/?embed=`)).map((t) => t.id ?? 0);
    return Math.max(...ids);
  }, env.servers.crm.origin);
}

async function openPopup(width = 680, height = 580): Promise<Page> {
  const popup = await env.browser.ctx.newPage();
  await popup.setViewportSize({ width, height });
  await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${crmTab}`);
  await popup.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
  return popup;
}

const rows = (popup: Page) => popup.getByTestId('row');
const rowWith = (popup: Page, text: string) => rows(popup).filter({ hasText: text });

async function badge(): Promise<string> {
  const worker = await env.browser.worker();
  return worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );
}

const waitBadge = (want: (text: string) => boolean, what: string) =>
  waitFor(async () => {
    const text = await badge();
    return want(text) ? text : undefined;
  }, what);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  env = await startEnv();
  if (process.env.CRMB_EXTENSION_DIR) {
    // A private copy of the build (other work in the same tree may rebuild .output while this runs).
    await env.browser.close();
    env.browser = await launch({ extensionDir: process.env.CRMB_EXTENSION_DIR });
  }
  await send(env.browser, { type: 'secrets.set', name: 'crm', value: SECRET });
  await configure(env, settings([noteRule(env.servers.crm.origin), closedRule]));
  await env.browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  crm = await openCrm(env);
  await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
  crmTab = await crmTabId();
});

// A test that fails half-way must not leave its popup open: an open popup counts as "seen" for the badge.
afterEach(async () => {
  for (const p of env.browser.ctx.pages()) if (p.url().includes('/popup.html')) await p.close();
});

afterAll(async () => {
  await env?.close();
});

describe('popup: the live event inspector', () => {
  it('shows the tab status, updates live, filters, and details an event with its raw payload and outcome', async () => {
    const popup = await openPopup();
    // Header: the detected workspace, configured and permitted.
    const status = popup.getByTestId('tab-status');
    await expect.poll(() => status.getByTestId('workspaces').textContent()).toContain('roxchat');
    expect(await status.getByTestId('workspaces').textContent()).toContain(env.servers.workspace.origin);
    expect(await status.getByTestId('configured').textContent()).toBe('configured');
    expect(await status.getByTestId('permitted').textContent()).toBe('access granted');

    // Live: events emitted while the popup is open appear without reloading.
    await emit(crm.frame, 'newMessageAdded', message('hello from the popup test'));
    await rowWith(popup, 'hello from the popup test').waitFor();
    await emit(crm.frame, 'chatClosedByOperator', {
      roxchatVisitorId: 'visitor-1',
      providedVisitorId: '12345',
      chatId: 7,
      siebelId: '4-1GQDLH42',
      channelId: 'ch-1',
      channelType: 'skype',
      channelUserId: 'u-1',
      channelUserName: 'Maria',
    });
    await emit(crm.frame, 'notificationAdded', {
      notification: { id: 'n-1', kind: 'visitor', text: 'Visitor left the site', sessionId: 'sess-1' },
    });
    await rowWith(popup, 'conversation.closed').waitFor();
    await rowWith(popup, 'notification.added').waitFor();
    await expect
      .poll(() => rowWith(popup, 'hello from the popup test').getAttribute('data-state'))
      .toBe('delivered');

    // Filters: type, outcome, platform, text.
    const count = () => rows(popup).count();
    await popup.getByTestId('filter-type').selectOption('message.created');
    await expect
      .poll(async () => (await rows(popup).allTextContents()).every((t) => t.includes('message.created')))
      .toBe(true);
    expect(await rowWith(popup, 'conversation.closed').count()).toBe(0);
    await popup.getByTestId('filter-type').selectOption('');
    await popup.getByTestId('filter-outcome').selectOption('delivered');
    await expect.poll(() => rowWith(popup, 'notification.added').count()).toBe(0);
    const states = await rows(popup).evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states.every((s) => s === 'delivered' || s === 'failed' || s === 'retrying')).toBe(true);
    expect(await rowWith(popup, 'hello from the popup test').count()).toBe(1);
    await popup.getByTestId('filter-outcome').selectOption('matched');
    await expect.poll(() => rowWith(popup, 'conversation.closed').count()).toBe(1);
    expect(await rowWith(popup, 'notification.added').count()).toBe(0);
    await popup.getByTestId('filter-outcome').selectOption('');
    await popup.getByTestId('filter-platform').selectOption('onechat');
    await expect.poll(count).toBe(0);
    await popup.getByTestId('empty').waitFor();
    await popup.getByTestId('filter-platform').selectOption('roxchat');
    await expect.poll(count).toBeGreaterThanOrEqual(3);
    await popup.getByTestId('filter-text').fill('HELLO from the');
    await expect.poll(count).toBe(1);
    await popup.getByTestId('filter-text').fill('"popup hello"'); // a quoted phrase: no match
    await expect.poll(count).toBe(0);
    await popup.getByTestId('filter-text').fill('');
    await expect.poll(count).toBeGreaterThanOrEqual(3);

    // Detail: normalised fields, raw payload, matched rule, delivered outcome, why another rule did not match.
    await rowWith(popup, 'hello from the popup test').click();
    const detail = popup.getByTestId('detail');
    await detail.waitFor();
    expect(await detail.getByTestId('fields').textContent()).toContain('hello from the popup test');
    const raw = await detail.getByTestId('raw').textContent();
    expect(raw).toContain('messageText');
    expect(raw).toContain('"hello from the popup test"');
    expect(raw).toContain('"roxchat"');
    expect(await detail.getByTestId('matched-rule').allTextContents()).toEqual(['Message → CRM note']);
    const action = detail.getByTestId('action');
    expect(await action.getAttribute('data-status')).toBe('ok');
    expect(await action.getByTestId('action-detail').textContent()).toContain('HTTP 201');
    await expect.poll(() => detail.getByTestId('why-not').textContent()).toContain('conversation.closed');
    // Replay: the note rule would run again; the secret shows as a reference, never its value.
    const replay = detail.getByTestId('replay-rule');
    await replay.waitFor();
    expect(await replay.textContent()).toContain('Message → CRM note');
    expect(await replay.textContent()).toContain('Bearer [secret:crm]');
    expect(await detail.textContent()).not.toContain(SECRET);

    // Copy as fixture: {note, expectTypes, raw} of the event's data.
    await popup.bringToFront();
    await detail.getByTestId('copy-fixture').click();
    await detail.getByText('Copied').waitFor();
    const fixture = JSON.parse(await popup.evaluate(() => navigator.clipboard.readText()));
    expect(fixture.expectTypes).toEqual(['message.created']);
    expect(fixture.raw).toMatchObject({
      source: 'roxchat',
      event: 'newMessageAdded',
      params: { messageText: 'hello from the popup test' },
    });
    expect(typeof fixture.note).toBe('string');

    // Keyboard: Escape goes back, the list is a listbox moved with arrows and opened with Enter.
    await popup.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await popup.getByTestId('events').focus();
    await popup.keyboard.press('Home');
    await popup.keyboard.press('Enter');
    await popup.getByTestId('detail').waitFor();
    await popup.getByTestId('back').click();
    await popup.close();
  });

  it('lists rejected messages with their reason, so a misconfigured origin is obvious', async () => {
    const popup = await openPopup();
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
    await emit(evil, 'newMessageAdded', message('from a stranger'));
    // An invalid payload from the trusted workspace: rejected with the zod issues.
    await emit(crm.frame, 'newMessageAdded', { ...message('bad'), chatId: 'not-a-number' });
    await popup.getByTestId('rejected-banner').waitFor();
    await popup.getByTestId('filter-outcome').selectOption('rejected');
    const untrusted = rowWith(popup, 'untrusted origin');
    await untrusted.waitFor();
    expect(
      await rows(popup).evaluateAll((els) => els.every((e) => e.getAttribute('data-kind') === 'rejected')),
    ).toBe(true);
    await untrusted.first().click();
    const detail = popup.getByTestId('detail');
    expect(await detail.getByTestId('reject-reason').textContent()).toContain('untrusted origin');
    expect(await detail.textContent()).toContain(env.servers.untrusted.origin);
    await popup.getByTestId('back').click();
    await rowWith(popup, 'invalid newMessageAdded').first().click();
    expect(await popup.getByTestId('issues').textContent()).toContain('chatId');
    await popup.close();
  });

  it('a note the CRM refuses (400) is dead-lettered, shows "!" on the badge, and Retry in the detail delivers it', async () => {
    env.servers.api.inject({ status: 400, times: 1000, path: '/api/notes' });
    const popup = await openPopup();
    await emit(crm.frame, 'newMessageAdded', message('refused at first'));
    await popup.getByTestId('filter-text').fill('refused at first');
    const row = rowWith(popup, 'refused at first');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    await row.click();
    const action = popup.getByTestId('detail').getByTestId('action');
    expect(await action.getAttribute('data-status')).toBe('dead');
    expect(await action.getByTestId('action-detail').textContent()).toContain('HTTP 400');
    await waitBadge((t) => t === '!', 'red "!" badge');

    env.servers.api.reset(); // the fault is cleared
    await action.getByTestId('retry').click();
    await expect.poll(() => action.getAttribute('data-status'), { timeout: 15_000 }).toBe('ok');
    expect(env.servers.api.notes.map((n) => n.text)).toContain('refused at first');
    const sent = env.servers.api.received.find((r) => r.method === 'POST' && r.path === '/api/notes');
    expect(sent?.headers.authorization).toBe(`Bearer ${SECRET}`);
    await waitBadge((t) => t !== '!', 'badge without "!"');

    // Discard: a second refused note is dropped from the outbox and no longer counts as failing.
    env.servers.api.inject({ status: 400, times: 1000, path: '/api/notes' });
    await popup.getByTestId('back').click();
    await emit(crm.frame, 'newMessageAdded', message('refused and discarded'));
    await popup.getByTestId('filter-text').fill('refused and discarded');
    await expect
      .poll(() => rowWith(popup, 'refused and discarded').getAttribute('data-state'))
      .toBe('failed');
    await rowWith(popup, 'refused and discarded').click();
    await waitBadge((t) => t === '!', 'red "!" again');
    await popup.getByTestId('discard').click();
    await expect.poll(() => popup.getByTestId('action').getAttribute('data-status')).toBe('skipped');
    await waitBadge((t) => t !== '!', 'badge without "!" after discard');
    env.servers.api.reset();
    await popup.close();
  });

  it('the badge counts events since the popup was last opened, and opening it clears the count', async () => {
    const popup = await openPopup();
    await popup.close();
    await waitBadge((t) => t === '', 'badge cleared');
    for (const t of ['unseen 1', 'unseen 2', 'unseen 3'])
      await emit(crm.frame, 'newMessageAdded', message(t));
    await waitBadge((t) => t === '3', 'badge "3"');
    const again = await openPopup();
    await waitBadge((t) => t === '', 'badge cleared on open');
    await again.close();
  });

  it('exports the journal as JSON with secret values redacted', async () => {
    // A message that happens to contain the secret value, and a rule using it in a header.
    await emit(crm.frame, 'newMessageAdded', message(`my token is ${SECRET}`));
    await waitFor(
      () => env.servers.api.notes.some((n) => String(n.text).includes(SECRET)) || undefined,
      'note with the secret delivered',
    );
    const popup = await openPopup();
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByTestId('export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^crm-bridge-journal-\d{8}-\d{6}\.json$/);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    const parsed = JSON.parse(text) as { format: string; entries: JournalEntry[] };
    expect(parsed.format).toBe('crm-bridge-journal');
    expect(parsed.entries.length).toBeGreaterThan(5);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('my token is [secret:crm]');
    await popup.close();
  });

  it('looks right in light and dark (screenshots)', async () => {
    // A retrying action for the screenshots (503s), then a message that gets delivered.
    env.servers.api.inject({ status: 503, times: 1000, path: '/api/notes' });
    await emit(crm.frame, 'newMessageAdded', message('CRM is down, retrying', 8));
    await emit(crm.frame, 'visitorSelected', {
      roxchatVisitorId: 'visitor-2',
      providedVisitorId: null,
      chatId: 9,
      sessionId: 'sess-2',
      taskId: 't',
      siebelId: null,
    });
    const popup = await openPopup();
    await expect
      .poll(() => rowWith(popup, 'CRM is down, retrying').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('retrying');
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: join(ARTIFACTS, `list-${scheme}.png`) });
      await rowWith(popup, 'CRM is down, retrying').click();
      await popup.getByTestId('replay-rule').waitFor();
      await popup.screenshot({ path: join(ARTIFACTS, `detail-${scheme}.png`) });
      await popup.locator('.detail-body').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await popup.screenshot({ path: join(ARTIFACTS, `detail-bottom-${scheme}.png`) });
      await popup.getByTestId('back').click();
    }
    await rowWith(popup, 'untrusted origin').first().click();
    await popup.screenshot({ path: join(ARTIFACTS, 'rejected-dark.png') });
    await popup.close();
    const narrow = await openPopup(560, 580);
    await narrow.emulateMedia({ colorScheme: 'light' });
    await narrow.screenshot({ path: join(ARTIFACTS, 'list-560-light.png') });
    await narrow.close();
    env.servers.api.reset();
  });

  it('pauses and resumes capture, and clears the journal (two clicks)', async () => {
    const popup = await openPopup();
    await popup.getByTestId('pause').click();
    await popup.getByTestId('tab-status').getByText('capture paused').waitFor();
    expect(await popup.getByTestId('pause').textContent()).toBe('Resume');
    await emit(crm.frame, 'newMessageAdded', message('sent while paused'));
    await new Promise((r) => setTimeout(r, 800));
    expect(await rowWith(popup, 'sent while paused').count()).toBe(0);
    await popup.getByTestId('pause').click();
    await expect.poll(() => popup.getByTestId('pause').textContent()).toBe('Pause');
    await emit(crm.frame, 'newMessageAdded', message('sent after resuming'));
    await rowWith(popup, 'sent after resuming').waitFor();

    await popup.getByTestId('clear').click();
    expect(await popup.getByTestId('clear').textContent()).toBe('Click to clear');
    expect(await rows(popup).count()).toBeGreaterThan(0);
    await popup.getByTestId('clear').click();
    await expect.poll(() => rows(popup).count()).toBe(0);
    await popup.getByTestId('empty').waitFor();
    const r = await send<{ entries: JournalEntry[] }>(env.browser, { type: 'journal.recent', limit: 10 });
    expect(r.entries).toEqual([]);
    await popup.close();
  });

  it('with 5,000 journaled events the first screen is quick and the rendered rows stay bounded while scrolling loads more', async () => {
    await configure(env, settings([])); // no actions: this measures the inspector, not the CRM
    const n = 5000;
    const start = Date.now();
    await crm.frame.evaluate((count) => {
      const sim = (window as unknown as { sim: { emit(e: string, p: unknown): void } }).sim;
      for (let i = 0; i < count; i++) {
        sim.emit('newMessageAdded', {
          roxchatVisitorId: 'bulk-visitor',
          providedVisitorId: null,
          chatId: 10_000 + (i % 50),
          sessionId: 'bulk',
          kind: i % 2 ? 'visitor' : 'operator',
          messageText: `bulk message ${i}`,
          siebelId: null,
        });
      }
    }, n);
    await waitFor(
      async () => {
        const r = await send<{ entries: JournalEntry[] }>(env.browser, { type: 'journal.recent', limit: 1 });
        const e = r.entries[0];
        return e?.kind === 'event' && e.event.message?.text === `bulk message ${n - 1}` ? true : undefined;
      },
      '5,000 events journaled',
      120_000,
      250,
    );
    console.log(`[popup.test] 5,000 events captured and journaled in ${Date.now() - start} ms`);

    const t0 = Date.now();
    const popup = await openPopup();
    await rowWith(popup, `bulk message ${n - 1}`).waitFor();
    const firstScreen = Date.now() - t0;
    console.log(`[popup.test] first screen with 5,000 journaled events in ${firstScreen} ms`);
    expect(firstScreen).toBeLessThan(3000);
    const loaded = async () => Number(await popup.getByTestId('events').getAttribute('data-count'));
    expect(await loaded()).toBe(200);
    expect(await rows(popup).count()).toBeLessThan(100);

    const scroller = popup.getByTestId('list-scroller');
    let max = 0;
    for (let i = 0; i < 12; i++) {
      const before = await loaded();
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect.poll(loaded).toBeGreaterThan(before);
      max = Math.max(max, await rows(popup).count());
    }
    expect(await loaded()).toBeGreaterThanOrEqual(2600);
    expect(max).toBeLessThan(100);
    // The rows at the scroll position are the old ones; the newest are not in the DOM any more.
    expect(await rowWith(popup, `bulk message ${n - 1}`).count()).toBe(0);
    // Filtering the 2,600+ loaded entries stays bounded too.
    await popup.getByTestId('filter-text').fill('"bulk message 42"');
    await expect.poll(() => rows(popup).count()).toBeGreaterThan(0);
    expect(await rows(popup).count()).toBeLessThan(100);
    await popup.screenshot({ path: join(ARTIFACTS, 'list-5000.png') });

    // A live burst while the popup is open and scrolled: every entry arrives, the DOM stays bounded.
    await popup.getByTestId('filter-text').fill('');
    const total = async () => {
      const text = (await popup.getByTestId('count').textContent()) ?? '';
      return text.includes('/') ? -1 : Number(text);
    };
    await expect.poll(total).toBeGreaterThan(0);
    const before = await total();
    await crm.frame.evaluate(() => {
      const sim = (window as unknown as { sim: { emit(e: string, p: unknown): void } }).sim;
      for (let i = 0; i < 500; i++) {
        sim.emit('newMessageAdded', {
          roxchatVisitorId: 'live-visitor',
          providedVisitorId: null,
          chatId: 20_000,
          sessionId: 'live',
          kind: 'visitor',
          messageText: `live burst ${i}`,
          siebelId: null,
        });
      }
    });
    await expect.poll(total, { timeout: 60_000 }).toBe(before + 500);
    expect(await rows(popup).count()).toBeLessThan(100);
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await rowWith(popup, 'live burst 499').waitFor();
    await popup.close();
  }, 240_000);
});
