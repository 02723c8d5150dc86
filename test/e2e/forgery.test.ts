// MAIN-world forgeries: a page can dispatch the hook's CustomEvents itself. On a site not configured
// for that platform they are refused (no hook is registered there, and the bridge drops them);
// a page that overrides JSON.parse, Array.prototype.push, EventTarget.prototype.addEventListener and
// WebSocket keeps working and does not fool the OneChat hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry, RejectedEntry } from '../../src/journal/types';
import { crmSite } from './fixtures';
import { configure, type Env, journal, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;

beforeAll(async () => {
  env = await startEnv();
  await configure(env, {
    sites: [
      crmSite(env.servers),
      { id: 'oc', matches: [`${env.servers.workspace.origin}/onechat/*`], platforms: { onechat: {} } },
    ],
    rules: [],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('forged page events', () => {
  it.each([
    'jivochat',
    'kommo',
    'onechat',
  ])('a %s event forged on a site not configured for it is refused', async (platform) => {
    const { page } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const marker = `forged-${platform}-${Date.now()}`;
    await page.evaluate(
      ([p, m]) => {
        const detail = JSON.stringify(
          p === 'onechat'
            ? {
                k: 'frame',
                p,
                u: 'ws://x/cable',
                d: JSON.stringify({
                  identifier: '{}',
                  message: { event: 'message.created', data: { id: 1, content: m } },
                }),
              }
            : { k: 'event', p, d: { callback: p === 'kommo' ? 'onChatShow' : 'jivo_onOpen', args: [m] } },
        );
        document.dispatchEvent(new CustomEvent('crm-bridge:hook', { detail }));
      },
      [platform, marker] as const,
    );
    const rejected = await waitFor(async () => {
      const list = (await journal(env)).filter(
        (e): e is RejectedEntry => e.kind === 'rejected' && e.reason.includes(`for ${platform}`),
      );
      return list.length ? list : undefined;
    }, 'rejection');
    expect(rejected[0]?.reason).toMatch(/not configured for this site/);
    const accepted = (await journal(env)).filter(
      (e): e is EventEntry => e.kind === 'event' && JSON.stringify(e.event.data).includes(marker),
    );
    expect(accepted).toEqual([]);
    await page.close();
  });

  it('a page overriding JSON.parse, Array.prototype.push, addEventListener and WebSocket keeps working; the hook still sees real frames', async () => {
    const page = await env.browser.ctx.newPage();
    await page.goto(`${env.servers.workspace.origin}/onechat/dashboard.html?client=hostile`);
    await waitFor(
      () =>
        page.evaluate(() => (window as unknown as { sim: { state: string } }).sim.state === 'subscribed') ||
        undefined,
      'subscribed',
    );
    await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      JSON.parse = () => ({
        identifier: '{}',
        message: { event: 'message.created', data: { id: 666, content: 'forged by JSON.parse' } },
      });
      Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
        w.pushCalls = ((w.pushCalls as number) ?? 0) + 1;
        for (const i of items) this[this.length] = i;
        return this.length;
      };
      const add = EventTarget.prototype.addEventListener;
      EventTarget.prototype.addEventListener = function (
        this: EventTarget,
        ...args: Parameters<EventTarget['addEventListener']>
      ) {
        w.addCalls = ((w.addCalls as number) ?? 0) + 1;
        return add.apply(this, args);
      };
    });
    await env.servers.cable.broadcastFixture('message_created', { id: 4242, content: 'real frame' });
    const got = await waitFor(async () => {
      const list = (await journal(env)).filter(
        (e): e is EventEntry => e.kind === 'event' && e.platform === 'onechat',
      );
      return list.find((e) => e.event.message?.text === 'real frame');
    }, 'real frame journaled');
    expect(got.event.message?.id).toBe('4242');
    const forged = (await journal(env)).filter(
      (e): e is EventEntry =>
        e.kind === 'event' && JSON.stringify(e.event.data).includes('forged by JSON.parse'),
    );
    expect(forged).toEqual([]);
    // The page's own socket handlers still got the raw frame (what its forged JSON.parse makes of it
    // is the page's business), through its own overridden Array.prototype.push.
    const frames = await page.evaluate(
      () =>
        (window as unknown as { sim: { frames: { onmessage: string[]; listener: string[] } } }).sim.frames,
    );
    expect(frames.onmessage.some((f) => f.includes('real frame'))).toBe(true);
    expect(frames.listener.some((f) => f.includes('real frame'))).toBe(true);
    expect(
      await page.evaluate(() => (window as unknown as { pushCalls?: number }).pushCalls),
    ).toBeGreaterThan(0);
    await page.close();
  });
});
