import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../src/rules/schema';
import { shopSite } from './fixtures';
import { configure, type Env, journal, registeredScript, startEnv, waitFor } from './setup';
import { websiteDriver } from './website';

interface SimWindow {
  page?: { ready: boolean };
  pageCalls: Array<{ name: string; thisIsWindow: boolean; args: unknown[] }>;
  crmPlugin?: unknown;
  widgetSim: {
    jivo: { loaded?: boolean; fire(name: string, ...args: unknown[]): unknown };
    kommo: {
      loaded?: boolean;
      calls: Array<{ method: string; args: unknown[]; thisIsWindow: boolean }>;
      meta: Array<{ params: unknown; thisIsPlugin: boolean }>;
      fire(name: string, ...args: unknown[]): unknown[];
    };
  };
}

let env: Env;
let site: string;
let other: string;
let seq = 0;
/** A Kommo user_id unique to one page load: it tells that page's journal entries apart. */
const user = () => `u${Date.now() % 1e7}-${seq++}`;

const COMMANDS: Record<string, Record<string, unknown>> = {
  runChatShow: {},
  runChatHide: {},
  sendKeyActionHook: { name: 'Hook name' },
  setMeta: { bot_params: { username: '{{ contact.externalId }}', locale: 'com' } },
  runDestroy: {},
};

const note = (id: string, events: string[], value: Record<string, string>): RuleInput => ({
  id,
  name: id,
  when: { events, platforms: ['kommo'] },
  then: [
    {
      kind: 'http',
      method: 'POST',
      url: `${env.servers.crm.origin}/api/notes`,
      body: {
        type: 'json',
        value: { ...value, user: '{{ contact.externalId }}', chat: '{{ conversation.id }}' },
      },
    },
  ],
});

beforeAll(async () => {
  env = await startEnv();
  site = env.servers.workspace.origin;
  other = env.servers.untrusted.origin;
  await configure(env, {
    sites: [
      shopSite(site, { name: 'Demo shop' }),
      // The same website elsewhere, configured for JivoChat only: the Kommo hook must not run there.
      shopSite(other, { id: 'other', name: 'Jivo-only shop', platforms: { jivochat: {} } }),
    ],
    rules: [
      note('k-message', ['message.created'], {
        title: 'Kommo {{ message.direction }}',
        text: '{{ message.text }}',
      }),
      note('k-closed', ['conversation.closed'], { title: 'Kommo conversation closed' }),
      ...Object.entries(COMMANDS).map(
        ([command, params]): RuleInput => ({
          id: `cmd-${command}`,
          name: `button cmd:${command} → ${command}`,
          when: {
            events: ['kommo:onButtonClick'],
            where: [{ op: 'equals', path: 'data.args.0', value: `cmd:${command}` }],
          },
          then: [{ kind: 'agent-command', command, params }],
        }),
      ),
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

const { inPage, openSite, fire, eventsOf } = websiteDriver<SimWindow>(() => env, 'kommo', 'user');

/** The five callbacks, and the canonical type each must become (DESIGN.md). */
const FIVE: Array<[string, unknown[], string]> = [
  ['onChatReady', [], 'widget.ready'],
  ['onChatShow', [], 'widget.opened'],
  ['onChatHide', [], 'widget.closed'],
  ['onButtonClick', ['whatsapp', 'https://wa.me/1'], 'widget.button_clicked'],
  ['onConversationsChange', [false], 'conversation.updated'],
];

describe('Kommo page hook in Chromium', () => {
  it('the worker registers hook-kommo.js in the MAIN world, at document_start, for the kommo site only', async () => {
    expect(await registeredScript(env, 'hook-kommo')).toMatchObject({
      js: ['hook-kommo.js'],
      matches: [`${site}/website/*`],
      world: 'MAIN',
      runAt: 'document_start',
      allFrames: true,
    });
  });

  it.each([
    ['stub', 'stack', 'before-assign'],
    ['stub', 'last', 'before-assign'],
    ['late', 'stack', 'before-assign'],
    ['late', 'last', 'before-assign'],
    ['stub', 'stack', 'none'],
  ])('kommo=%s ksem=%s define=%s: the five callbacks reach the worker once each, page callbacks intact', async (kommo, ksem, define) => {
    const u = user();
    const page = await openSite({ kommo, ksem, define, user: u });
    const returned: unknown[] = [];
    for (const [name, args] of FIVE) returned.push(await fire(page, name, ...args));

    const pageRegisters = define !== 'none';
    expect(await inPage(page, (w) => w.pageCalls)).toEqual(
      pageRegisters ? FIVE.map(([name, args]) => ({ name: `kommo:${name}`, thisIsWindow: true, args })) : [],
    );
    // The page's return values reach the button (next to the hook's own listeners when they stack).
    for (const [i, [name]] of FIVE.entries()) {
      if (pageRegisters) expect(returned[i]).toContain(`page:kommo:${name}`);
    }
    await eventsOf(u, FIVE.length);
    await new Promise((r) => setTimeout(r, 300)); // would-be duplicates have had time to arrive
    const events = await eventsOf(u, FIVE.length);
    expect(events.map((e) => [e.event.sourceEvent, e.type])).toEqual(FIVE.map(([n, , t]) => [n, t]));
    expect(events.every((e) => e.platform === 'kommo' && e.event.contact?.externalId === u)).toBe(true);
    expect(events[3]?.event.data).toMatchObject({ args: ['whatsapp', 'https://wa.me/1'] });
    await page.close();
  });

  it('onConversationsChange is normalised: a rule fires on a new last message and on a conversation closing', async () => {
    const u = user();
    const page = await openSite({ user: u });
    const at = Date.now();
    const visitorSays = { created_at: at, is_out: true, text: 'Do you ship to Spain?', type: 'text' };
    const agentSays = {
      created_at: at + 5000,
      is_out: false,
      text: 'Yes, in 3 days.',
      type: 'text',
      author: { name: 'Anna' },
    };
    const chat = (last: object, closed = false) => [
      { name: `A-${u}`, is_closed: closed, last_message: last },
    ];
    await fire(page, 'onConversationsChange', chat(visitorSays));
    await fire(page, 'onConversationsChange', chat(visitorSays)); // the same snapshot again: nothing new
    await fire(page, 'onConversationsChange', chat(agentSays));
    await fire(page, 'onConversationsChange', chat(agentSays, true));

    const notes = () => env.servers.api.notes.filter((n) => n.user === u);
    await waitFor(() => notes().length >= 3, 'three notes');
    await new Promise((r) => setTimeout(r, 300));
    expect(notes().map(({ title, text, chat }) => ({ title, text, chat }))).toEqual([
      { title: 'Kommo inbound', text: 'Do you ship to Spain?', chat: `A-${u}` },
      { title: 'Kommo outbound', text: 'Yes, in 3 days.', chat: `A-${u}` },
      { title: 'Kommo conversation closed', text: undefined, chat: `A-${u}` },
    ]);
    const events = await eventsOf(u, 6);
    const closed = events.find((e) => e.type === 'conversation.closed');
    expect(closed?.event.conversation).toEqual({ id: `A-${u}`, status: 'closed' });
    expect(events.find((e) => e.event.agent)?.event.agent).toEqual({ name: 'Anna' });
    await page.close();
  });

  it('runChatShow / runChatHide / sendKeyActionHook / setMeta / runDestroy reach the page API', async () => {
    const u = user();
    const page = await openSite({ user: u });
    for (const command of Object.keys(COMMANDS)) await fire(page, 'onButtonClick', `cmd:${command}`, null);
    const calls = await waitFor(async () => {
      const k = await inPage(page, (w) => w.widgetSim.kommo);
      return k.calls.length >= 4 && k.meta.length >= 1 ? k : undefined;
    }, 'commands in the page');
    expect(
      calls.calls
        .map(({ method, args, thisIsWindow }) => ({ method, args, thisIsWindow }))
        .sort((a, b) => a.method.localeCompare(b.method)),
    ).toEqual([
      { method: 'runChatHide', args: [], thisIsWindow: true },
      { method: 'runChatShow', args: [], thisIsWindow: true },
      { method: 'runDestroy', args: [], thisIsWindow: true },
      { method: 'sendKeyActionHook', args: ['Hook name'], thisIsWindow: true },
    ]);
    expect(calls.meta).toEqual([
      { params: { bot_params: { username: u, locale: 'com' } }, thisIsPlugin: true },
    ]);
    const outcomes = await waitFor(async () => {
      const a = (await eventsOf(u, 5)).flatMap((e) => e.actions);
      return a.length >= 5 ? a : undefined;
    }, 'five outcomes');
    expect(outcomes.map((a) => [a.ruleId, a.status]).sort()).toEqual(
      Object.keys(COMMANDS)
        .map((c) => [`cmd-${c}`, 'ok'])
        .sort(),
    );
    await page.close();
  });

  it('the same website on a site not configured for kommo: no hook, nothing reaches the worker', async () => {
    const u = user();
    const page = await openSite({ user: u }, other);
    // crmPlugin is the page's own plain function: no hook accessor, no registration of ours.
    const own = await inPage(page, (w) => Object.getOwnPropertyDescriptor(w, 'crmPlugin'));
    expect(own && 'value' in own).toBe(true);
    for (const [name, args] of FIVE) expect(await fire(page, name, ...args)).toEqual([`page:kommo:${name}`]);
    await fire(page, 'onButtonClick', 'cmd:runChatShow', null);
    // JivoChat is configured there: its event, sent after the Kommo callbacks, shows the bridge was listening.
    await inPage(page, (w) => w.widgetSim.jivo.fire('jivo_onOpen'));
    const events = await eventsOf(u, 1);
    await new Promise((r) => setTimeout(r, 300)); // rejections are reported in 250 ms batches
    expect(events.map((e) => [e.platform, e.type])).toEqual([['jivochat', 'widget.opened']]);
    expect((await journal(env)).filter((e) => e.kind === 'rejected' && e.origin === other)).toEqual([]);
    expect(await inPage(page, (w) => w.widgetSim.kommo.calls)).toEqual([]);
    await page.close();
  });
});
