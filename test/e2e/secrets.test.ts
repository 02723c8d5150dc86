// Secrets stay in the extension origin: nothing a content script or the page can read holds one, and
// the journal, exports, the outbox listing and error messages never contain one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEARER_CRM, crmSettings, noteRule, roxMessage } from './fixtures';
import { configure, type Env, emit, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
const SECRET = 'sk_live_CRMB_0123456789abcdef';

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  const r = await send<{ ok: boolean }>(env.browser, { type: 'secrets.set', name: 'crm', value: SECRET });
  expect(r.ok).toBe(true);
  await configure(
    env,
    crmSettings(env.servers, [
      noteRule(crm, {
        name: 'note with an API key',
        headers: BEARER_CRM,
        body: { text: '{{ message.text }}', key: '{{ secrets.crm }}' },
      }),
    ]),
  );
});

afterAll(async () => {
  await env?.close();
});

describe('secrets', () => {
  it('are used in the request, and found nowhere a page, a content script or a user export can read', async () => {
    // The API fails once and echoes the key in its error body: the excerpt must not keep it.
    env.servers.api.inject({ status: 500, times: 1, path: '/api/notes' });
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', roxMessage(`my key is ${SECRET}`, 1));
    const note = await waitFor(() => env.servers.api.notes[0], 'note delivered');
    expect(note.key).toBe(SECRET);
    expect(env.servers.api.received.find((r) => r.status === 201)?.headers.authorization).toBe(
      `Bearer ${SECRET}`,
    );

    const ext = await env.browser.extPage();
    // storage.local and storage.session are what content scripts could read.
    const storage = await ext.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      return JSON.stringify([await c.storage.local.get(null), await c.storage.session.get(null)]);
    });
    expect(storage).not.toContain(SECRET);
    // The page's own storage and DOM — minus the CRM's list of the notes its API stored, which
    // legitimately shows the visitor's message (it contains the key by design of this test).
    const pageView = await page.evaluate(async () => {
      const dom = document.documentElement.cloneNode(true) as HTMLElement;
      dom.querySelector('#notes')?.remove();
      return JSON.stringify([dom.outerHTML, { ...localStorage }, await indexedDB.databases()]);
    });
    expect(pageView).not.toContain(SECRET);
    // Journal, export, outbox listing, secrets listing.
    for (const req of [
      { type: 'journal.recent', limit: 500 },
      { type: 'journal.export' },
      { type: 'outbox.list' },
      { type: 'secrets.list' },
      { type: 'settings.get' },
    ]) {
      expect(JSON.stringify(await send(env.browser, req)), req.type).not.toContain(SECRET);
    }
    expect(JSON.stringify(await send(env.browser, { type: 'journal.recent', limit: 500 }))).toContain(
      '[secret:crm]',
    );
    await page.close();
  });
});
