// Issue 14, items 2 and 8, in real Chromium: a visitor's text never pulls a secret into a request
// (whatever it contains: the old placeholder, liquid syntax, tags, ${…}), and a rule whose URL host,
// port or scheme event data could choose is refused when saved, so nothing reaches any server.
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../src/rules/schema';
import { crmSite, roxMessage } from './fixtures';
import { configure, type Env, emit, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
const SECRET = 'sk_live_CRMB_trust_9f8e7d6c5b4a';
/** Every request the untrusted origin (127.0.0.3) receives: a steered request would land here. */
const untrustedHits: string[] = [];

const FORGED = [
  '\uE000secret:crm\uE001',
  'before \uE000secret:crm\uE001 after',
  '{{ secrets.crm }}',
  '{% raw %}{{ secrets.crm }}{% endraw %} {% if true %}x{% endif %}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} is the point of this value
  '${secrets.crm}',
];

const message = (text: string, chatId: number) => roxMessage(text, chatId, { visitorId: `v${chatId}` });

const rules = (crm: string): RuleInput[] => [
  {
    id: 'named',
    name: 'note with an API key',
    when: { events: ['message.created'] },
    then: [
      {
        kind: 'http',
        url: `${crm}/api/notes?rule=named&q={{ message.text }}`,
        headers: { Authorization: 'Bearer {{ secrets.crm }}' },
        body: { type: 'json', value: { text: '{{ message.text }}', said: 'visitor: {{ message.text }}' } },
      },
    ],
  },
  {
    id: 'plain',
    name: 'note naming no secret',
    when: { events: ['message.created'] },
    then: [
      {
        kind: 'http',
        url: `${crm}/api/notes?rule=plain`,
        body: { type: 'text', value: '{{ message.text }}', contentType: 'text/plain' },
      },
    ],
  },
];

const site = () => crmSite(env.servers);

beforeAll(async () => {
  env = await startEnv();
  env.servers.untrusted.server.on('request', (req: IncomingMessage) => untrustedHits.push(req.url ?? ''));
  const r = await send<{ ok: boolean }>(env.browser, { type: 'secrets.set', name: 'crm', value: SECRET });
  expect(r.ok).toBe(true);
  await configure(env, { sites: [site()], rules: rules(env.servers.crm.origin) });
});

afterAll(async () => {
  await env?.close();
});

describe('item 2: event text never reaches a secret', () => {
  it('forged placeholders, liquid, tags and JS templates arrive literally; the secret only where the rule named it', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    for (const [i, text] of FORGED.entries()) await emit(frame, 'newMessageAdded', message(text, 100 + i));
    const posts = await waitFor(() => {
      const done = env.servers.api.received.filter((r) => r.method === 'POST' && r.status === 201);
      return done.length >= FORGED.length * 2 ? done : undefined;
    }, 'every note delivered');

    for (const text of FORGED) {
      const named = posts.find(
        (p) => p.path.includes('rule=named') && (p.body as { text?: string }).text === text,
      );
      expect(named, `named-secret note for ${JSON.stringify(text)}`).toBeDefined();
      expect(named?.body).toEqual({ text, said: `visitor: ${text}` });
      expect(new URL(named?.path ?? '', 'http://x').searchParams.get('q')).toBe(text);
      expect(named?.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(
        posts.some((p) => p.path.includes('rule=plain') && p.body === text),
        JSON.stringify(text),
      ).toBe(true);
    }
    // The only place the value appears in anything any server received: the header the rule named.
    for (const r of env.servers.api.received) {
      const { authorization, ...headers } = r.headers;
      expect(JSON.stringify([r.path, headers, r.body])).not.toContain(SECRET);
      if (authorization !== undefined) expect(r.path).toContain('rule=named');
    }
    expect(untrustedHits).toEqual([]);
    await page.close();
  });
});

describe('item 8: event data never chooses where a request goes', () => {
  const crm = () => env.servers.crm.origin;
  const untrusted = () => new URL(env.servers.untrusted.origin);
  let chat = 200;
  it.each([
    ['the host', () => `http://127.0.0.{{ message.text }}/api/notes`, /must be fixed text/],
    ['the whole origin', () => `http://{{ message.text }}/api/notes`, /must be fixed text/],
    ['the tail of the host', () => `${crm()}{{ message.text }}`, /must be fixed text/],
    ['the port', () => `http://127.0.0.3:{{ message.text }}/api/notes`, /must be fixed text/],
    ['the whole URL, raw', () => '{{ message.text | raw }}', /raw filter is not allowed/],
    ['a path, raw', () => `${crm()}/api/{{ message.text | raw }}`, /raw filter is not allowed/],
  ])('a rule letting event data choose %s is refused when saved, and nothing is sent', async (_, url, why) => {
    const steer = {
      id: 'steer',
      name: 'steered',
      when: { events: ['message.created'] },
      then: [{ kind: 'http', method: 'POST', url: url(), body: { type: 'json', value: { t: 'x' } } }],
    };
    for (const kind of ['http', 'open-url'] as const) {
      const rule = kind === 'http' ? steer : { ...steer, then: [{ kind, url: url() }] };
      const saved = await send<{ ok: boolean; error?: string }>(env.browser, {
        type: 'settings.save',
        settings: { sites: [site()], rules: [rule] },
      });
      expect(saved.ok, kind).toBe(false);
      expect(saved.error, kind).toMatch(why);
    }

    // The refused rule never ran: a message that would have steered it reaches no server.
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', crm());
    const before = env.servers.api.received.length;
    const pages = env.browser.ctx.pages().length;
    const text = `${untrusted().hostname.split('.').pop()}:${untrusted().port}/steered`;
    await emit(frame, 'newMessageAdded', message(text, ++chat));
    // The CRM page itself reads /api/contacts and /api/notes: count what the extension posts.
    const posts = () =>
      env.servers.api.received
        .slice(before)
        .filter((r) => r.method === 'POST')
        .map((r) => new URL(r.path, 'http://x').searchParams.get('rule'))
        .sort();
    await waitFor(() => posts().length >= 2 || undefined, 'the configured rules still run');
    // Any request the refused rule could have made would have been queued with these two.
    await new Promise((r) => setTimeout(r, 300));
    expect(posts()).toEqual(['named', 'plain']);
    expect(untrustedHits).toEqual([]);
    expect(env.browser.ctx.pages().length).toBe(pages);
    await page.close();
  });
});
