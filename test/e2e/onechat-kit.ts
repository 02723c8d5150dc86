// Shared by the OneChat e2e files (onechat.test.ts: the dashboard's socket; onechat-direct.test.ts:
// direct mode): one browser + fixture servers per file, configured with a OneChat site and a note rule.
import type { Page } from 'playwright-core';
import type { SettingsInput } from '../../src/config/settings';
import type { EventEntry } from '../../src/journal/types';
import type { TabStatus } from '../../src/messaging/protocol';
import { onechat } from '../../src/platforms/onechat';
import { DEMO_PUBSUB_TOKEN } from '../harness/servers/actioncable';
import { noteRule } from './fixtures';
import { configure, type Env, journal, send, startEnv, waitFor } from './setup';

export interface Sim {
  ready: boolean;
  state: string;
  received: Array<{ event: string; data: { id?: number } }>;
  frames: { onmessage: string[]; listener: string[] };
  checks: Record<string, unknown>;
}
export const sim = (page: Page) => page.evaluate(() => (window as unknown as { sim: Sim }).sim);

/** The committed seed fixtures that are data frames with events, and the canonical types they yield. */
export const SEEDS = onechat.fixtures.filter((f) => f.expectTypes.length > 0);

/** The identifier direct mode subscribes with (its own connection, apart from any dashboard's). */
export const DIRECT_IDENTIFIER = {
  channel: 'RoomChannel',
  pubsub_token: DEMO_PUBSUB_TOKEN,
  account_id: 1,
  user_id: 1,
};

/** Servers + Chromium with the OneChat site and its note rule saved; `settings` is what was saved. */
export async function startOnechat(): Promise<{ env: Env; settings: SettingsInput }> {
  const env = await startEnv();
  const settings: SettingsInput = {
    sites: [
      {
        id: 'onechat',
        name: 'OneChat',
        matches: [`${env.servers.workspace.origin}/*`],
        platforms: { onechat: {} },
      },
    ],
    rules: [
      noteRule(env.servers.crm.origin, {
        name: 'OneChat message → CRM note',
        platforms: ['onechat'],
        body: {
          title: 'OneChat {{ message.direction }}',
          text: '{{ message.text }}',
          messageId: '{{ message.id }}',
          conversation: '{{ conversation.id }}',
        },
      }),
    ],
  };
  await configure(env, settings);
  return { env, settings };
}

/** Helpers bound to the file's environment (read when called: it exists once beforeAll ran). */
export function onechatKit(current: () => { env: Env; settings: SettingsInput }) {
  const env = () => current().env;
  const notePosts = () =>
    env().servers.api.received.filter((r) => r.method === 'POST' && r.path === '/api/notes');
  const notesFor = (id: number) =>
    notePosts().filter((r) => (r.body as { messageId?: string }).messageId === String(id));
  /** Events processed (not the duplicates journaled as such: issue 14 item 3). */
  const events = async () =>
    (await journal(env())).filter((e): e is EventEntry => e.kind === 'event' && e.state !== 'duplicate');

  async function openDashboard(client: string): Promise<Page> {
    const page = await env().browser.ctx.newPage();
    await page.goto(`${env().servers.workspace.origin}/onechat/dashboard.html?client=${client}`);
    await waitFor(async () => (await sim(page)).state === 'subscribed', `dashboard ${client} subscribed`);
    return page;
  }

  async function tabIdOf(page: Page): Promise<number> {
    const ext = await env().browser.extPage();
    const url = page.url();
    return waitFor(
      () =>
        ext.evaluate(async (u) => {
          const c = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          return (await c.tabs.query({})).find((t) => t.url === u)?.id;
        }, url),
      'tab id',
    );
  }

  const tabStatus = (tabId: number) => send<TabStatus>(env().browser, { type: 'tab.status', tabId });
  const socketState = async (tabId: number) =>
    (await tabStatus(tabId)).sockets.find((s) => s.platform === 'onechat')?.state;

  /** Waits until the worker has seen the page's socket subscribed (hook → bridge → worker). */
  async function workerSees(page: Page): Promise<number> {
    const id = await tabIdOf(page);
    await waitFor(async () => (await socketState(id)) === 'subscribed', 'worker sees the subscription');
    return id;
  }

  async function fresh(): Promise<void> {
    await send(env().browser, { type: 'journal.clear' });
    env().servers.api.reset();
  }

  const directSubscriptions = () =>
    env()
      .servers.cable.subscriptions()
      .filter((x) => JSON.stringify(JSON.parse(x.identifier)) === JSON.stringify(DIRECT_IDENTIFIER));

  /** Turns direct mode on (token secret + settings); idempotent, so each test that needs it calls it. */
  async function enableDirect(): Promise<void> {
    await send(env().browser, { type: 'secrets.set', name: 'onechat_token', value: DEMO_PUBSUB_TOKEN });
    await configure(env(), {
      ...current().settings,
      onechatDirect: {
        enabled: true,
        url: env().servers.workspace.origin,
        pubsubTokenSecret: 'onechat_token',
        accountId: 1,
        userId: 1,
        presence: true,
      },
    });
  }

  return {
    notePosts,
    notesFor,
    events,
    openDashboard,
    tabIdOf,
    tabStatus,
    workerSees,
    fresh,
    directSubscriptions,
    enableDirect,
  };
}
