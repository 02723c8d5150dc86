// OneChat's dashboard socket (ActionCable) in Chromium: the MAIN-world hook, every seed event to the
// CRM, the page's own handlers untouched, two tabs deduped, a socket opened before the configuration.
// Direct mode (the worker's own connection) is in onechat-direct.test.ts; helpers in onechat-kit.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../src/config/settings';
import type { EventEntry } from '../../src/journal/types';
import { stopServiceWorker } from '../harness/browser';
import { ALT_CABLE_PATH, DEMO_PUBSUB_TOKEN } from '../harness/servers/actioncable';
import { onechatKit, SEEDS, sim, startOnechat } from './onechat-kit';
import { configure, type Env, journal, registeredScript, waitFor } from './setup';

let env: Env;
let settings: SettingsInput;
const { notePosts, notesFor, events, openDashboard, tabIdOf, tabStatus, workerSees, fresh } = onechatKit(
  () => ({ env, settings }),
);

beforeAll(async () => {
  ({ env, settings } = await startOnechat());
});

afterAll(async () => {
  await env?.close();
});

describe('OneChat over its ActionCable WebSocket, in Chromium', () => {
  it('registers hook-onechat.js in the MAIN world at document_start for the OneChat site only', async () => {
    expect(await registeredScript(env, 'hook-onechat')).toMatchObject({
      js: ['hook-onechat.js'],
      matches: [`${env.servers.workspace.origin}/*`],
      world: 'MAIN',
      runAt: 'document_start',
      allFrames: true,
    });
  });

  it('the dashboard (real @rails/actioncable) gets every seed event; the worker journals them and the CRM gets the notes', async () => {
    await fresh();
    const page = await openDashboard('tab1');
    const tabId = await workerSees(page);
    for (const f of SEEDS) await env.servers.cable.broadcastFixture(f.name);
    await waitFor(async () => (await sim(page)).received.length === SEEDS.length, 'page received all');
    expect((await sim(page)).received.map((m) => m.event)).toEqual(
      SEEDS.map((f) => (f.raw as { message: { event: string } }).message.event),
    );

    const expected = SEEDS.flatMap((f) => f.expectTypes);
    const got = await waitFor(async () => {
      const e = await events();
      return e.length >= expected.length ? e : undefined;
    }, 'journaled events');
    expect(got.map((e) => e.type).reverse()).toEqual(expected);
    expect(got.every((e) => e.tabId === tabId && e.platform === 'onechat')).toBe(true);
    // The pubsub_token in the identifier never reaches the journal.
    expect(JSON.stringify(await journal(env))).not.toContain(DEMO_PUBSUB_TOKEN);

    const messages = expected.filter((t) => t === 'message.created').length;
    await waitFor(() => notePosts().length === messages, 'notes');
    expect(notesFor(106).map((r) => r.body)).toEqual([
      { title: 'OneChat inbound', text: 'hi', messageId: '106', conversation: '7' },
    ]);
    await page.close();
  });

  it("the page's own handlers still get every frame (pings included); a non-/cable socket is untouched", async () => {
    await fresh();
    const page = await openDashboard('tab2');
    await workerSees(page);
    await page.evaluate(
      (u) => {
        const w = window as unknown as { relays: string[]; echo: unknown[] };
        w.relays = [];
        w.echo = [];
        document.addEventListener('crm-bridge:hook', (e) => w.relays.push((e as CustomEvent<string>).detail));
        const ws = new WebSocket(u);
        ws.onmessage = (m) => w.echo.push(m.data);
      },
      `${env.servers.cable.url.replace(/\/cable$/, '/echo')}`,
    );
    // A second /cable socket the page serves with addEventListener only (no onmessage handler for the
    // hook to wrap): the hook's own listener must take over, and still relay each frame once.
    await page.evaluate(
      ({ u, token }) => {
        const w = window as unknown as { listenerOnly: string[] };
        w.listenerOnly = [];
        const ws = new WebSocket(`${u}?client=listener-only`, ['actioncable-v1-json']);
        const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: token });
        ws.addEventListener('message', (m) => {
          w.listenerOnly.push(m.data);
          if (String(m.data).includes('"welcome"'))
            ws.send(JSON.stringify({ command: 'subscribe', identifier }));
        });
      },
      { u: env.servers.cable.url, token: DEMO_PUBSUB_TOKEN },
    );
    await waitFor(
      () =>
        page.evaluate(() =>
          (window as unknown as { listenerOnly: string[] }).listenerOnly.some((f) =>
            f.includes('confirm_subscription'),
          ),
        ),
      'listener-only socket subscribed',
    );
    await waitFor(
      () => page.evaluate(() => (window as unknown as { echo: unknown[] }).echo.length > 0),
      'echo frame',
    );
    await env.servers.cable.broadcastFixture('message_created', { id: 3001, content: 'frames' });
    await waitFor(async () => notesFor(3001).length === 1, 'note 3001');

    // Frame for frame what the server sent this connection, in order, to onmessage and to a listener.
    const s = await waitFor(
      async () => {
        const x = await sim(page);
        const sent = env.servers.cable.sentTo('tab2');
        return x.frames.onmessage.some((f) => f.includes('"ping"')) &&
          JSON.stringify(x.frames.onmessage) === JSON.stringify(sent)
          ? x
          : undefined;
      },
      'page frames = server frames (with a ping)',
      10_000,
    );
    expect(s.frames.listener).toEqual(s.frames.onmessage);
    expect(s.checks).toMatchObject({
      instanceOfWebSocket: true,
      constructorIsWebSocket: true,
      statics: [0, 1, 2, 3],
      protocol: 'actioncable-v1-json',
      binaryType: 'blob',
    });
    // The hook relayed the cable socket's frames but nothing of the echo socket, and no ping.
    const relays = (await page.evaluate(() => (window as unknown as { relays: string[] }).relays)).map(
      (d) => JSON.parse(d) as { k: string; u: string; d?: string },
    );
    expect(relays.some((r) => r.k === 'frame' && r.d?.includes('"id":3001'))).toBe(true);
    expect(relays.filter((r) => r.u.includes('/echo'))).toEqual([]);
    // Exactly one relay of the message per /cable socket: the wrapped onmessage (ActionCable's) and the
    // listener-only one; never both the wrapper and the hook's listener on one socket.
    const of3001 = (client: string) =>
      relays.filter((r) => r.k === 'frame' && r.d?.includes('"id":3001') && r.u.includes(`client=${client}`));
    expect(of3001('tab2')).toHaveLength(1);
    expect(of3001('listener-only')).toHaveLength(1);
    expect(
      (await page.evaluate(() => (window as unknown as { listenerOnly: string[] }).listenerOnly)).filter(
        (f) => f.includes('"id":3001'),
      ),
    ).toHaveLength(1);
    expect(relays.filter((r) => r.d?.includes('"ping"'))).toEqual([]);
    expect((await events()).some((e) => e.event.message?.id === '999999')).toBe(false);
    await page.close();
  });

  it('two dashboard tabs: each message yields exactly one CRM note', async () => {
    await fresh();
    const a = await openDashboard('a');
    const b = await openDashboard('b');
    await workerSees(a);
    await workerSees(b);
    await env.servers.cable.broadcastFixture('message_created', { id: 5001, content: 'one' });
    await env.servers.cable.broadcastFixture('message_created', { id: 5002, content: 'two' });
    for (const p of [a, b])
      await waitFor(
        async () => (await sim(p)).received.filter((m) => (m.data.id ?? 0) > 5000).length === 2,
        'both got both',
      );
    await waitFor(() => notesFor(5001).length === 1 && notesFor(5002).length === 1, 'notes');
    await new Promise((r) => setTimeout(r, 800));
    expect([notesFor(5001).length, notesFor(5002).length]).toEqual([1, 1]);
    expect((await events()).filter((e) => e.type === 'message.created')).toHaveLength(2);
    // The second tab's sightings are journaled as duplicates of the first's, not dropped silently.
    const dups = (await journal(env)).filter(
      (e): e is EventEntry => e.kind === 'event' && e.state === 'duplicate' && e.type === 'message.created',
    );
    expect(dups.map((d) => d.duplicateOf?.eventId).sort()).toEqual([
      'onechat:message.created:k:5001',
      'onechat:message.created:k:5002',
    ]);
    await a.close();
    await b.close();
  });

  it('a custom socket suffix: frames of a socket opened before the configuration arrived are not lost', async () => {
    await fresh();
    await configure(env, {
      ...settings,
      sites: settings.sites?.map((site) => ({
        ...site,
        platforms: { onechat: { socketUrlSuffix: ALT_CABLE_PATH } },
      })),
    });
    // The page opens its socket from an inline <head> script, while it is parsed. With the worker
    // stopped first, the bridge's configuration waits for a worker start, and the server sends a
    // message the moment the subscription is confirmed: open, welcome, confirm and that message all
    // reach the page before the hook knows the suffix. The page records when the configuration came.
    // Under load the worker can restart before the page's socket is answered, and then the run does
    // not exercise the case: it is tried again (with a fresh message id) up to four times.
    type Early = { url: string; frames: string[]; at: number[]; echo: number[]; configAt?: number };
    const openEarly = async (id: number) => {
      const p = await env.browser.ctx.newPage();
      await p.addInitScript(() => {
        // The configuration travels over the bridge's private port (hook-protocol.ts HOOK_PORT_EVENT);
        // this init script runs before the page hook, so it can listen on that port too.
        document.addEventListener('crm-bridge:port', (e) => {
          (e as MessageEvent).ports[0]?.addEventListener('message', () => {
            const w = window as unknown as { configAt?: number };
            w.configAt ??= performance.now();
          });
        });
      });
      env.servers.cable.onSubscribed = (client) => {
        if (client === 'early')
          void env.servers.cable.broadcastFixture('message_created', { id, content: 'early socket' });
      };
      await stopServiceWorker(env.browser);
      await p.goto(`${env.servers.workspace.origin}/onechat/early-socket.html?path=${ALT_CABLE_PATH}&echo=1`);
      const read = () =>
        p.evaluate(() => {
          const w = window as unknown as { early: Early; configAt?: number };
          return { ...w.early, configAt: w.configAt };
        });
      const seen = await waitFor(async () => {
        const e = await read();
        return e.configAt !== undefined && e.frames.some((f) => f.includes(`"id":${id}`)) ? e : undefined;
      }, `message ${id} and the configuration in the page`);
      const frameAt = seen.at[seen.frames.findIndex((f) => f.includes(`"id":${id}`))] as number;
      const config = seen.configAt as number;
      // Both sockets (the configured path and the echo path) must have been answered before it.
      const before = frameAt < config && seen.echo.length > 0 && (seen.echo[0] as number) < config;
      return { page: p, seen, read, before };
    };
    let id = 8001;
    let run = await openEarly(id);
    for (let attempt = 1; attempt < 4 && !run.before; attempt++) {
      await run.page.close();
      id = 8001 + 10 * attempt;
      run = await openEarly(id);
    }
    const { page, seen } = run;
    const early = run.read;
    try {
      expect(run.before, 'the message reached the page before the configuration').toBe(true);
      await waitFor(() => notesFor(id).length === 1, `note ${id} from the early socket`);
      // A socket of another path, opened and answered before the configuration too: the hook relayed
      // its frame then (it watched every socket), and the bridge dropped it once it knew the suffix.
      const { echo } = await early();
      expect(echo.length > 0 && (echo[0] as number) < (seen.configAt as number)).toBe(true);
      expect(JSON.stringify(await journal(env))).not.toContain('8002');
      // The connection state too, from the frames the hook relayed before it was configured.
      const tabId = await tabIdOf(page);
      const s = await waitFor(async () => {
        const x = (await tabStatus(tabId)).sockets.find((k) => k.url === seen.url);
        return x?.state === 'subscribed' ? x : undefined;
      }, 'socket state of the early socket');
      expect(s.platform).toBe('onechat');
    } finally {
      env.servers.cable.onSubscribed = undefined;
      await page.close();
      await configure(env, settings);
    }
  });
});
