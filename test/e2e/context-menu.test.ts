// Actions the agent starts: the context menu's "Start a Rox.Chat chat" on a visitor selected in the CRM
// page starts an outgoing chat in the Rox.Chat simulator, checked in the workspace frame.
//
// A context menu cannot be opened or clicked in a headless browser (it is browser UI, not page DOM),
// so the test selects the text in the page as the agent would, reads the selection the browser would
// hand to contextMenus.onClicked, and calls the very handler the listener calls (`crmbMenuClick`, which
// only the test build defines, in src/background/index.ts) with the same OnClickData and tab a click
// gives. Everything after the click is the real path: site check, journal lookup, command schema,
// tabs.sendMessage to the bridge, postMessage into the workspace frame.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmSite } from './fixtures';
import { configure, type Env, emit, journal, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;

type Received = Array<{ origin: string; data: unknown }>;

/** Selects the text of a new element in the CRM page (the agent's selection) and returns it. */
async function selectInPage(page: Page, text: string): Promise<string> {
  return page.evaluate((t) => {
    const el = document.createElement('p');
    el.textContent = t;
    document.body.appendChild(el);
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    return sel?.toString() ?? '';
  }, text);
}

/** What a click on menu item `id` over `selectionText` in the CRM tab does (the onClicked handler's result). */
async function click(id: string, selectionText: string): Promise<{ status: string; error?: string }> {
  const worker = await env.browser.worker();
  return worker.evaluate(
    async ([menuItemId, text, origin]) => {
      const c = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      const tab = (await c.tabs.query({})).find((t) => t.url?.startsWith(`${origin}/?embed=`));
      const hook = (globalThis as unknown as { crmbMenuClick: (i: object, t: unknown) => Promise<unknown> })
        .crmbMenuClick;
      return (await hook(
        { menuItemId, selectionText: text, frameId: 0, pageUrl: tab?.url, editable: false },
        tab,
      )) as { status: string; error?: string };
    },
    [id, selectionText, env.servers.crm.origin] as const,
  );
}

beforeAll(async () => {
  env = await startEnv();
  await configure(env, { sites: [crmSite(env.servers, { name: 'Demo CRM' })], rules: [] });
});

afterAll(async () => {
  await env?.close();
});

describe('context menu: actions the agent starts', () => {
  it('"Start a Rox.Chat chat" on the selected visitor starts an outgoing chat in the workspace', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    // The workspace has shown this visitor (its Rox.Chat id and session) in this tab.
    await emit(frame, 'visitorSelected', {
      roxchatVisitorId: 'e01baca71a28557b52b4e6038d12bcb8',
      providedVisitorId: '12345',
      chatId: 11,
      sessionId: 'c8405a4eab2a4945add9b1c8ac97ad7d',
      taskId: 't-1',
      siebelId: '4-1GQDLH42',
    });
    await waitFor(
      async () => (await journal(env)).some((e) => e.kind === 'event' && e.type === 'conversation.selected'),
      'visitor seen',
    );
    const received = () =>
      frame.evaluate(() => (window as unknown as { sim: { received: Received } }).sim.received);

    // An unknown visitor: nothing is sent, and the agent is told what to do.
    const unknown = await click('roxchat:start-chat', await selectInPage(page, 'Nobody Known'));
    expect(unknown.status).toBe('failed');
    expect(unknown.error).toContain('Select the visitor in the Rox.Chat workspace first');
    expect(await received()).toEqual([]);

    // The agent selects the visitor's CRM id in the CRM page and picks "Start a Rox.Chat chat".
    const selection = await selectInPage(page, '4-1GQDLH42');
    expect(selection).toBe('4-1GQDLH42');
    const result = await click('roxchat:start-chat', selection);
    expect(result).toMatchObject({ status: 'ok' });
    const got = await waitFor(async () => (await received())[0], 'command received in the workspace');
    expect(got).toEqual({
      origin: env.servers.crm.origin,
      data: {
        action: 'start_outgoing_chat',
        params: {
          roxchatVisitorId: 'e01baca71a28557b52b4e6038d12bcb8',
          sessionId: 'c8405a4eab2a4945add9b1c8ac97ad7d',
        },
      },
    });
    await page.close();
  });
});
