// OneChat direct mode in Chromium: the worker subscribes to the ActionCable channel itself (no
// dashboard open), delivers, recovers after drops, stalls and worker restarts; the popup shows its
// connection state next to a dashboard tab's. Helpers in onechat-kit.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../src/config/settings';
import { stopServiceWorker } from '../harness/browser';
import { DEMO_PUBSUB_TOKEN } from '../harness/servers/actioncable';
import { DIRECT_IDENTIFIER, onechatKit, sim, startOnechat } from './onechat-kit';
import { type Env, journal, waitFor } from './setup';

let env: Env;
let settings: SettingsInput;
const { notesFor, events, openDashboard, tabStatus, workerSees, fresh, directSubscriptions, enableDirect } =
  onechatKit(() => ({ env, settings }));

beforeAll(async () => {
  ({ env, settings } = await startOnechat());
});

afterAll(async () => {
  await env?.close();
});

describe('OneChat direct mode, in Chromium', () => {
  it('direct mode: the worker subscribes by itself, delivers events, recovers after drops and restarts', async () => {
    await fresh();
    const { cable } = env.servers;
    await waitFor(() => cable.subscriptions().length === 0, 'no dashboard connected');
    await enableDirect();
    await waitFor(() => cable.subscriptions().length === 1, 'worker subscribed');
    expect(JSON.parse(cable.subscriptions()[0]?.identifier ?? '{}')).toEqual(DIRECT_IDENTIFIER);
    await waitFor(() => cable.commands.some((c) => c.action === 'update_presence'), 'presence published');

    const deliver = async (id: number) => {
      await waitFor(() => cable.subscriptions().length === 1, 'worker subscribed');
      await cable.broadcastFixture('message_created', { id, content: `direct ${id}` });
      await waitFor(() => notesFor(id).length === 1, `note ${id}`);
    };
    await deliver(6001);
    const e = (await events()).find((x) => x.event.message?.id === '6001');
    expect(e?.event).toMatchObject({
      tabId: -1,
      frameId: -1,
      origin: env.servers.workspace.origin,
      page: { url: env.servers.workspace.origin },
    });
    expect((await tabStatus(-1)).sockets[0]).toMatchObject({ platform: 'onechat', state: 'subscribed' });

    const before = cable.connections;
    cable.dropAll(); // TCP cut, no goodbye
    await waitFor(() => cable.connections > before, 'reconnected');
    await deliver(6002);
    cable.dropAll({ graceful: true }); // Rails `disconnect` {reason: server_restart, reconnect: true}
    await deliver(6003);
    // A half-open connection (nothing arrives, not even pings): stale after 6 s, then a new connection.
    const stalled = cable.connections;
    cable.stallAll();
    await waitFor(() => cable.connections > stalled, 'stale detected', 15_000);
    await deliver(6004);
    // The keepalive alarm re-establishes the connection when the worker was stopped.
    const ext = await env.browser.extPage();
    const alarm = await ext.evaluate(() =>
      (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.alarms.get(
        'onechat-direct',
      ),
    );
    expect(alarm?.periodInMinutes).toBe(0.5);
    await stopServiceWorker(env.browser);
    await waitFor(() => cable.subscriptions().length === 0, 'worker gone');
    await tabStatus(-1); // any event wakes the worker; its init reconnects
    await deliver(6005);
    expect(JSON.stringify(await journal(env))).not.toContain(DEMO_PUBSUB_TOKEN);
  });

  it('the popup shows the connection state of the tab and of direct mode; a tab + direct mode still dedupe', async () => {
    await fresh();
    // Its own setup (it once relied on the direct-mode test before it): direct mode on and subscribed.
    await enableDirect();
    await waitFor(() => directSubscriptions().length === 1, 'direct mode subscribed');
    const page = await openDashboard('popup');
    const tabId = await workerSees(page);
    await env.servers.cable.broadcastFixture('message_created', { id: 7001, content: 'tab and direct' });
    await waitFor(async () => (await sim(page)).received.some((m) => m.data.id === 7001), 'tab got it');
    await waitFor(() => notesFor(7001).length === 1, 'note');

    const popup = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tabId}`);
    const line = (direct: boolean) =>
      popup.locator('[data-testid=onechat-state]', { hasText: direct ? 'direct mode' : /^OneChat:/ });
    await line(false).locator('strong', { hasText: 'subscribed' }).waitFor();
    await line(true).locator('strong', { hasText: 'subscribed' }).waitFor();
    expect(await line(false).textContent()).toContain(new URL(env.servers.workspace.origin).host);
    // The server ends every connection for good: the tab's line follows live.
    env.servers.cable.dropAll({ graceful: true, reason: 'unauthorized', reconnect: false });
    await line(false).locator('strong', { hasText: 'disconnected' }).waitFor();
    await line(true).locator('strong', { hasText: 'disconnected' }).waitFor();
    expect(notesFor(7001)).toHaveLength(1);
    await popup.close();
    await page.close();
  });
});
