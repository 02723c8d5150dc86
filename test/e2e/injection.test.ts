// Injection: hostile event values (quotes, braces, template syntax, CRLF, javascript:/data: URLs, HTML)
// never inject headers, are never re-evaluated as templates, never navigate to non-http(s) URLs and are
// never written into the CRM page as HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { crmSite, roxMessage } from './fixtures';
import { configure, type Env, emit, journal, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
const HOSTILE = `"quotes" {{ secrets.crm }} {% if true %}x{% endif %} </script><img src=x onerror=alert(1)> \${1+1}`;

const message = (text: string, chatId: number) => roxMessage(text, chatId, { siebelId: text });

async function outcome(text: string) {
  return waitFor(
    async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry => x.kind === 'event' && x.event.message?.text === text,
      );
      return e?.actions.find((a) => a.status !== 'queued');
    },
    `outcome for ${JSON.stringify(text)}`,
  );
}

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  const on = (chat: number) => [{ op: 'equals' as const, path: 'conversation.id', value: String(chat) }];
  await configure(env, {
    sites: [crmSite(env.servers)],
    rules: [
      {
        id: 'body',
        name: 'note',
        when: { events: ['message.created'], where: on(1) },
        then: [
          {
            kind: 'http',
            url: `${crm}/api/notes?q={{ message.text }}`,
            headers: { 'X-Text': 'ok' },
            body: { type: 'json', value: { text: '{{ message.text }}' } },
          },
        ],
      },
      {
        id: 'header',
        name: 'header',
        when: { events: ['message.created'], where: on(2) },
        then: [
          {
            kind: 'http',
            url: `${crm}/api/notes`,
            headers: { 'X-Text': '{{ message.text }}' },
            body: { type: 'json', value: { t: 'x' } },
          },
        ],
      },
      {
        id: 'fill',
        name: 'fill',
        when: { events: ['message.created'], where: on(4) },
        then: [{ kind: 'fill', fields: { '#react-name': '{{ message.text }}' } }],
      },
      {
        id: 'pop',
        name: 'pop',
        when: { events: ['message.created'], where: on(5) },
        then: [{ kind: 'open-url', url: `${crm}/contacts/{{ message.text }}` }],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('hostile event values', () => {
  it('quotes, braces and template syntax are delivered literally, once, inside their JSON string', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', message(HOSTILE, 1));
    const note = await waitFor(() => env.servers.api.notes[0], 'note');
    expect(note.text).toBe(HOSTILE);
    const req = env.servers.api.received.find((r) => r.method === 'POST');
    expect(new URL(req?.path ?? '', 'http://x').searchParams.get('q')).toBe(HOSTILE);
    expect(Object.keys(req?.body as object)).toEqual(['text']);
    await page.close();
  });

  it('CRLF in a header value is refused: nothing is sent, the action fails with a reason', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const before = env.servers.api.received.length;
    await emit(frame, 'newMessageAdded', message('a\r\nX-Injected: 1', 2));
    const o = await outcome('a\r\nX-Injected: 1');
    expect(o.status).toBe('failed');
    expect(o.error).toMatch(/line break/);
    await new Promise((r) => setTimeout(r, 300));
    expect(env.servers.api.received.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
    await page.close();
  });

  // An open-url rule whose URL event data could write (`{{ message.text | raw }}`, the way a
  // javascript:/data:/file: URL could arrive) can no longer be saved: test/e2e/trust-secrets.test.ts.

  it('an interpolation cannot leave the CRM host of a screen-pop URL', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', message('../../@evil.example/x?y#z', 5));
    const tab = await waitFor(
      () => env.browser.ctx.pages().find((p) => p.url().includes('/contacts/')),
      'pop',
    );
    expect(new URL(tab.url()).origin).toBe(env.servers.crm.origin);
    expect(tab.url()).toContain('%2F%40evil.example');
    await tab.close();
    await page.close();
  });

  it('fill writes HTML as a literal value, never as markup', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await page.waitForSelector('#react-name');
    const imgsBefore = await page.locator('img').count();
    await emit(frame, 'newMessageAdded', message(HOSTILE, 4));
    await waitFor(async () => (await page.inputValue('#react-name')) === HOSTILE || undefined, 'filled');
    expect(await page.locator('img').count()).toBe(imgsBefore);
    expect(await page.evaluate(() => (window as unknown as { alerted?: boolean }).alerted)).toBeUndefined();
    await page.close();
  });
});
