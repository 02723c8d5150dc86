// Issue 14, items 1 and 9, in real Chromium: what a script in the page itself can do to the content
// side. It can synthesise a MessageEvent with a trusted origin and the workspace iframe's window as
// source (item 1); patch Object.prototype.toJSON and CustomEvent.prototype.detail (item 9); and
// dispatch a OneChat configuration of its own before the bridge does (item 9).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_REASON } from '../../src/content/bridge';
import type { EventEntry, RejectedEntry } from '../../src/journal/types';
import { crmSite, inviteRule, noteRule, shopSite } from './fixtures';
import {
  configure,
  type Env,
  emit,
  emitFixture,
  journal,
  openCrm,
  startEnv,
  waitFor,
  workspaceDetected,
} from './setup';
import { type WebsiteWindow, websiteDriver } from './website';

let env: Env;
let seq = 0;
const unique = () => `${Date.now() % 1e7}${seq++}`;

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  const ws = env.servers.workspace.origin;
  await configure(env, {
    sites: [
      crmSite(env.servers),
      shopSite(ws),
      { id: 'oc', matches: [`${ws}/onechat/*`], platforms: { onechat: {} } },
    ],
    rules: [
      noteRule(crm, {
        name: 'message → note',
        body: { text: '{{ message.text }}', messageId: '{{ message.id }}' },
      }),
      inviteRule,
      {
        id: 'jivo-open',
        name: 'state cmd:open → jivo_api.open',
        when: {
          events: ['jivochat:jivo_onChangeState'],
          where: [{ op: 'equals', path: 'data.args.0', value: 'cmd:open' }],
        },
        then: [{ kind: 'agent-command', command: 'open', params: { start: 'call' } }],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

const notes = () => env.servers.api.received.filter((r) => r.method === 'POST' && r.path === '/api/notes');

/** Rejections whose sample contains `marker`, once there is one. */
const rejectionsOf = (marker: string) =>
  waitFor(async () => {
    const r = (await journal(env)).filter(
      (e): e is RejectedEntry => e.kind === 'rejected' && JSON.stringify(e.sample ?? '').includes(marker),
    );
    return r.length ? r : undefined;
  }, `rejection of ${marker}`);

/** In the CRM page: dispatch, on window, a MessageEvent claiming to come from the Rox.Chat iframe. */
function forge(page: Page, data: unknown, repeatMs = 0): Promise<void> {
  return page.evaluate(
    ([d, origin, every]) => {
      const iframe = Array.from(document.querySelectorAll('iframe')).find((f) =>
        f.src.includes('/roxchat/workspace.html'),
      );
      const fire = () =>
        window.dispatchEvent(new MessageEvent('message', { data: d, origin, source: iframe?.contentWindow }));
      fire();
      if (every) setInterval(fire, every);
    },
    [data, env.servers.workspace.origin, repeatMs] as const,
  );
}

describe('item 1: synthetic MessageEvents are refused, journaled with their reason', () => {
  it('a forged Rox.Chat message (trusted origin, the iframe as source) reaches nothing; the real one does', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const marker = `forged-${unique()}`;
    const before = notes().length;
    await forge(page, {
      source: 'roxchat',
      event: 'newMessageAdded',
      params: { roxchatVisitorId: marker, chatId: 1, sessionId: 's', kind: 'visitor', messageText: marker },
    });
    const [rejected] = await rejectionsOf(marker);
    expect(rejected?.reason).toBe(SYNTHETIC_REASON);
    expect(rejected?.origin).toBe(env.servers.workspace.origin);
    expect(rejected?.platform).toBe('roxchat');
    // The genuine message from the simulator still arrives, and it is the only note.
    await emitFixture(frame, 'newMessageAdded');
    await waitFor(() => notes().length > before || undefined, 'the genuine note');
    await new Promise((r) => setTimeout(r, 500));
    expect(
      notes()
        .slice(before)
        .map((n) => (n.body as { text: string }).text),
    ).toEqual(['Greetings!']);
    const accepted = (await journal(env)).filter(
      (e): e is EventEntry => e.kind === 'event' && JSON.stringify(e.event.data).includes(marker),
    );
    expect(accepted).toEqual([]);
    await page.close();
  });

  const selected = (sessionId: string) => ({
    roxchatVisitorId: `vis-${sessionId}`,
    providedVisitorId: null,
    chatId: 9,
    sessionId,
    taskId: 'invite',
    siebelId: null,
  });
  const outcome = (sessionId: string) =>
    waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry =>
          x.kind === 'event' &&
          x.type === 'conversation.selected' &&
          JSON.stringify(x.event.data).includes(sessionId),
      );
      return e?.actions[0];
    }, `outcome of ${sessionId}`);
  const failure = (marker: string) => ({
    source: 'roxchat',
    event: 'startOutgoingChatFailed',
    params: { error: 'visitor_already_in_chat', marker },
  });

  it('a forged reply to an agent command is not counted as the workspace’s answer', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const session = `s-${unique()}`;
    // The page keeps forging a failure reply "from the workspace" while the bridge waits for replies.
    await forge(page, failure(session), 40);
    await emit(frame, 'visitorSelected', selected(session));
    const a = await outcome(session);
    expect(a.status).toBe('ok');
    const rejected = await rejectionsOf(session);
    expect(rejected.every((r) => r.reason === SYNTHETIC_REASON)).toBe(true);
    await page.close();
  });

  it('a reply from the workspace window after it navigated to another origin is not counted either', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const session = `n-${unique()}`;
    await emit(frame, 'visitorSelected', selected(session));
    // Same window (the iframe's contentWindow, so `event.source` matches), another origin: it posts
    // genuine (isTrusted) failure replies for as long as the bridge waits.
    await frame.goto(`${env.servers.untrusted.origin}/crm/contact.html`);
    await frame.evaluate((d) => {
      setInterval(() => window.parent.postMessage(d, '*'), 40);
    }, failure(session));
    const a = await outcome(session);
    expect(a.status).toBe('ok');
    await rejectionsOf(session);
    await page.close();
  });
});

interface Shop extends WebsiteWindow {
  widgetSim: WebsiteWindow['widgetSim'] & {
    jivo: { calls: Array<{ method: string; args: unknown[] }> };
  };
}

describe('item 9: hooks do not trust page prototypes', () => {
  const { openSite, inPage } = websiteDriver<Shop>(() => env, 'jivo', 'visitor');

  it('a page-defined Object/Array.prototype.toJSON and CustomEvent.prototype.detail change nothing', async () => {
    const id = unique();
    const page = await openSite({ visitor: id, user: id });
    await inPage(page, () => {
      const forged = {
        k: 'event',
        p: 'jivochat',
        d: { callback: 'jivo_onOpen', args: ['forged by toJSON'] },
      };
      const w = window as unknown as Record<string, unknown>;
      w.saved = {
        o: Object.getOwnPropertyDescriptor(Object.prototype, 'toJSON'),
        d: Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail'),
      };
      const detail = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')?.get as () => unknown;
      Object.defineProperty(Object.prototype, 'toJSON', { configurable: true, value: () => forged });
      Object.defineProperty(Array.prototype, 'toJSON', { configurable: true, value: () => undefined });
      // Commands from the bridge are rewritten on the way in: open → close.
      Object.defineProperty(CustomEvent.prototype, 'detail', {
        configurable: true,
        get(this: CustomEvent) {
          const v = detail.call(this);
          return typeof v === 'string' ? v.replace('"method":"open"', '"method":"close"') : v;
        },
      });
    });
    // The widgets fire real callbacks (nothing returned to Playwright while the prototypes are patched).
    await inPage(page, (w) => {
      w.widgetSim.jivo.fire('jivo_onChangeState', 'cmd:open');
      w.widgetSim.kommo.fire('onChatShow');
    });
    const events = await waitFor(async () => {
      const e = (await journal(env)).filter(
        (x): x is EventEntry =>
          x.kind === 'event' && new URL(x.event.page.url).searchParams.get('visitor') === id,
      );
      const done = e.find((x) => x.platform === 'jivochat')?.actions[0];
      return e.length >= 2 && done ? e : undefined;
    }, 'both events journaled and the command run');
    expect(events.map((e) => [e.platform, e.type]).sort()).toEqual([
      ['jivochat', 'widget.state_changed'],
      ['kommo', 'widget.opened'],
    ]);
    expect(JSON.stringify(events)).not.toContain('forged by toJSON');
    expect(events.find((e) => e.platform === 'jivochat')?.actions[0]?.status).toBe('ok');
    // Restore the page's prototypes before reading its state back.
    await inPage(page, () => {
      const w = window as unknown as { saved: { d: PropertyDescriptor } };
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
      delete (Array.prototype as { toJSON?: unknown }).toJSON;
      Object.defineProperty(CustomEvent.prototype, 'detail', w.saved.d);
    });
    const calls = await inPage(page, (w) => w.widgetSim.jivo.calls.map((c) => [c.method, c.args]));
    expect(calls.filter(([m]) => m === 'open' || m === 'close')).toEqual([['open', [{ start: 'call' }]]]);
    await page.close();
  });
});

describe('item 9: the OneChat configuration comes from the bridge only', () => {
  it('a page that sends its own configuration first does not silence the real socket, nor get the port', async () => {
    // demo/public/onechat/fake-config.html: its first script configures the hook every way a page can.
    const page = await env.browser.ctx.newPage();
    const relays: string[] = [];
    await page.exposeFunction('relayed', (d: string) => relays.push(d));
    await page.goto(`${env.servers.workspace.origin}/onechat/fake-config.html?client=fakecfg`);
    await waitFor(
      () =>
        page.evaluate(() => (window as unknown as { sim: { state: string } }).sim.state === 'subscribed') ||
        undefined,
      'subscribed',
    );
    const id = 7_000_000 + (Date.now() % 100_000);
    await env.servers.cable.broadcastFixture('message_created', { id, content: 'real after a fake config' });
    await waitFor(
      () => notes().find((n) => (n.body as { messageId: string }).messageId === String(id)),
      'the real message reached the CRM',
    );
    // The page never saw the bridge's port, and the hook did not take the page's.
    expect(await page.evaluate(() => (window as unknown as { fake: unknown }).fake)).toEqual({
      stolenPorts: 0,
      portTaken: false,
    });
    // And the bridge's real configuration did arrive through the private port: a socket of another
    // path opened now is not watched (before the configuration every socket is).
    await page.evaluate(
      (u) => {
        const w = window as unknown as { echo: unknown[]; relayed(d: string): void };
        w.echo = [];
        document.addEventListener('crm-bridge:hook', (e) => w.relayed((e as CustomEvent<string>).detail));
        const s = new WebSocket(u);
        s.onopen = () => s.send(JSON.stringify({ identifier: '{}', message: { event: 'message.created' } }));
        s.onmessage = (m) => w.echo.push(m.data);
      },
      `${env.servers.cable.url.replace(/\/cable$/, '/echo')}`,
    );
    await waitFor(
      () => page.evaluate(() => (window as unknown as { echo: unknown[] }).echo.length > 0) || undefined,
      'echo frame',
    );
    expect(relays.filter((r) => r.includes('/echo'))).toEqual([]);
    await page.close();
  });
});
