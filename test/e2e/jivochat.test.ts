import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../src/rules/schema';
import { stopServiceWorker } from '../harness/browser';
import { shopSite } from './fixtures';
import { configure, type Env, journal, registeredScript, startEnv, waitFor } from './setup';
import { websiteDriver } from './website';

interface SimWindow {
  page?: { ready: boolean };
  pageCalls: Array<{ name: string; thisIsWindow: boolean; args: unknown[] }>;
  atStart?: { accessor: boolean; configurable: boolean };
  widgetSim: {
    jivo: {
      loaded?: boolean;
      calls: Array<{ method: string; args: unknown[]; thisIsApi: boolean }>;
      fire(name: string, ...args: unknown[]): unknown;
      introduce(info: Record<string, string>): unknown;
      failNext(method: string, reason: string): void;
    };
    kommo: { loaded?: boolean; fire(name: string, ...args: unknown[]): unknown[] };
  };
}

let env: Env;
let site: string;
let other: string;
let seq = 0;
/** A visitor number unique to one page load: it tells that page's journal entries apart. */
const visitor = () => String((Date.now() % 1e6) * 100 + (seq++ % 100));

const COMMANDS: Record<string, Record<string, unknown>> = {
  open: { start: 'call' },
  close: {},
  setContactInfo: { name: 'Jane Roe', email: 'jane@example.com', phone: '+15550001', description: 'VIP' },
  setCustomData: {
    fields: [{ title: 'CRM', content: 'Open customer profile', link: 'https://crm.test/c/1' }],
  },
  setUserToken: { token: 'crm-{{ contact.platformId }}' },
  showProactiveInvitation: { invitation_text: 'How can I help you?', department_id: 161 },
  startCall: { phone: '+14084987855' },
  sendOfflineMessage: { name: 'John Smith', email: 'john@example.com', message: 'Offline message' },
  setRules: { rules: { triggers: [{ delay: 10, text: 'Hi!' }] } },
};

/** One rule per command, fired by jivo_onChangeState('cmd:<command>'). */
const commandRules = (): RuleInput[] =>
  Object.entries(COMMANDS).map(([command, params]) => ({
    id: `cmd-${command}`,
    name: `state cmd:${command} → jivo_api.${command}`,
    when: {
      events: ['jivochat:jivo_onChangeState'],
      where: [{ op: 'equals', path: 'data.args.0', value: `cmd:${command}` }],
    },
    then: [{ kind: 'agent-command', command, params }],
  }));

beforeAll(async () => {
  env = await startEnv();
  site = env.servers.workspace.origin;
  other = env.servers.untrusted.origin;
  await configure(env, {
    sites: [
      shopSite(site, { name: 'Demo shop' }),
      // The same website elsewhere, configured for Kommo only: the JivoChat hook must not run there.
      shopSite(other, { id: 'other', name: 'Kommo-only shop', platforms: { kommo: {} } }),
    ],
    rules: [
      {
        id: 'intro-contact',
        name: 'Visitor introduced → CRM contact',
        when: {
          events: ['contact.identified'],
          platforms: ['jivochat'],
          where: [{ op: 'exists', path: 'contact.email' }],
        },
        then: [
          {
            kind: 'http',
            method: 'POST',
            url: `${env.servers.crm.origin}/api/contacts`,
            body: {
              type: 'json',
              value: {
                name: '{{ contact.name }}',
                email: '{{ contact.email }}',
                phone: '{{ contact.phone }}',
                jivoVisitor: '{{ contact.platformId }}',
              },
            },
          },
        ],
      },
      ...commandRules(),
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

const { inPage, openSite, fire, eventsOf } = websiteDriver<SimWindow>(() => env, 'jivo', 'visitor');

/** The ten callbacks as the widget calls them, and the canonical type each must become (DESIGN.md). */
const TEN: Array<[string, unknown[], string]> = [
  ['jivo_onLoadCallback', [], 'widget.ready'],
  ['jivo_onOpen', [], 'widget.opened'],
  ['jivo_onMessageSent', ['Hi, I need help'], 'message.created'],
  ['jivo_onAccept', [], 'conversation.accepted'],
  ['jivo_onClose', [], 'widget.closed'],
  ['jivo_onIntroduction', [], 'contact.identified'],
  ['jivo_onResizeCallback', [], 'widget.resized'],
  ['jivo_onCallStart', [], 'call.started'],
  ['jivo_onCallEnd', [{ result: 'fail', reason: 'Callback disabled' }], 'call.ended'],
  ['jivo_onChangeState', ['chat/min'], 'widget.state_changed'],
];

describe('JivoChat page hook in Chromium', () => {
  it('the worker registers hook-jivochat.js in the MAIN world, at document_start, for the jivochat site only', async () => {
    expect(await registeredScript(env, 'hook-jivochat')).toMatchObject({
      js: ['hook-jivochat.js'],
      matches: [`${site}/website/*`],
      world: 'MAIN',
      runAt: 'document_start',
      allFrames: true,
    });
  });

  it('runs before page scripts: a function declared in an inline <head> script is taken back', async () => {
    const v = visitor();
    const page = await openSite({ visitor: v }, site, '/website/declared.html');
    // What the page's first inline script saw: the hook's accessor was already there.
    expect(await inPage(page, (w) => w.atStart)).toEqual({ accessor: true, configurable: true });
    expect(await fire(page, 'jivo_onOpen', 'x')).toBe('page:jivo_onOpen');
    expect(await inPage(page, (w) => w.pageCalls)).toEqual([
      { name: 'jivo_onOpen', thisIsWindow: true, args: ['x'] },
    ]);
    const [opened] = await eventsOf(v);
    expect(opened?.type).toBe('widget.opened');
    expect(opened?.event.contact?.platformId).toBe(v);
    await page.close();
  });

  it.each([
    'before-assign',
    'before-declare',
    'after-assign',
    'after-declare',
    'none',
  ])('define=%s: all ten callbacks reach the worker and the page’s own callbacks still run', async (define) => {
    const v = visitor();
    const page = await openSite({ define, visitor: v });
    const returned: unknown[] = [];
    for (const [name, args] of TEN) returned.push(await fire(page, name, ...args));

    const own = define === 'none' ? [] : TEN.map(([name, args]) => ({ name, thisIsWindow: true, args }));
    expect(await inPage(page, (w) => w.pageCalls)).toEqual(own);
    // The page's return values reach the widget unchanged.
    expect(returned).toEqual(TEN.map(([name]) => (define === 'none' ? undefined : `page:${name}`)));

    const events = await eventsOf(v, TEN.length);
    expect(events.map((e) => [e.event.sourceEvent, e.type])).toEqual(TEN.map(([n, , t]) => [n, t]));
    expect(events.every((e) => e.platform === 'jivochat' && e.event.contact?.platformId === v)).toBe(true);
    expect(events.find((e) => e.type === 'message.created')?.event.message).toEqual({
      text: 'Hi, I need help',
      direction: 'inbound',
    });
    expect(events.at(-2)?.event.data).toMatchObject({
      args: [{ result: 'fail', reason: 'Callback disabled' }],
    });
    await page.close();
  });

  it('callbacks the widgets fire at load, maybe before the bridge has its configuration, are not lost', async () => {
    const v = visitor();
    // The worker asleep (as after 30 s idle): the bridge waits for it to wake before it has its config.
    await stopServiceWorker(env.browser);
    const page = await openSite({ visitor: v, auto: '1' });
    const events = await eventsOf(v, 2);
    expect(events.map((e) => [e.platform, e.type])).toEqual([
      ['jivochat', 'widget.ready'],
      ['kommo', 'widget.ready'],
    ]);
    expect(await inPage(page, (w) => w.pageCalls.map((c) => c.name))).toEqual([
      'jivo_onLoadCallback',
      'kommo:onChatReady',
    ]);
    await page.close();
  });

  it('jivo_onIntroduction → a contact in the CRM, enriched with jivo_api.getContactInfo()', async () => {
    const v = visitor();
    const page = await openSite({ visitor: v });
    const info = { name: 'John Smith', email: `john.${v}@example.com`, phone: '+14084987855' };
    expect(await inPage(page, (w, i) => w.widgetSim.jivo.introduce(i), info)).toBe(
      'page:jivo_onIntroduction',
    );
    const contact = await waitFor(
      () => env.servers.api.contacts.find((c) => c.email === info.email),
      'contact created',
    );
    expect(contact).toMatchObject({ ...info, jivoVisitor: v });
    const posted = env.servers.api.received.filter(
      (r) => r.method === 'POST' && r.path === '/api/contacts' && JSON.stringify(r.body).includes(info.email),
    );
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toEqual({ ...info, jivoVisitor: v });
    await page.close();
  });

  it('each command reaches jivo_api with its arguments; a {result:"fail"} answer is an action error', async () => {
    const v = visitor();
    const page = await openSite({ visitor: v });
    for (const command of Object.keys(COMMANDS)) await fire(page, 'jivo_onChangeState', `cmd:${command}`);
    const calls = await waitFor(async () => {
      const c = await inPage(page, (w) =>
        w.widgetSim.jivo.calls.filter((x) => !/^get|^chatMode/.test(x.method)),
      );
      return c.length >= Object.keys(COMMANDS).length ? c : undefined;
    }, 'nine jivo_api calls');
    const byMethod = Object.fromEntries(calls.map((c) => [c.method, c.args]));
    expect(byMethod).toEqual({
      open: [{ start: 'call' }],
      close: [],
      setContactInfo: [COMMANDS.setContactInfo],
      setCustomData: [COMMANDS.setCustomData?.fields],
      setUserToken: [`crm-${v}`],
      showProactiveInvitation: ['How can I help you?', 161],
      startCall: ['+14084987855'],
      sendOfflineMessage: [COMMANDS.sendOfflineMessage],
      setRules: [COMMANDS.setRules?.rules],
    });
    expect(calls.every((c) => c.thisIsApi)).toBe(true);
    const outcomes = await waitFor(async () => {
      const all = (await eventsOf(v)).flatMap((e) => e.actions);
      return all.length >= calls.length && all.every((a) => a.status !== 'queued') ? all : undefined;
    }, 'nine action outcomes');
    expect(outcomes.map((a) => [a.ruleId, a.status]).sort()).toEqual(
      Object.keys(COMMANDS)
        .map((c) => [`cmd-${c}`, 'ok'])
        .sort(),
    );

    // Documented failure answers: {result:'fail', reason} and, for sendOfflineMessage, {result:'fail', error}.
    await inPage(page, (w) => {
      w.widgetSim.jivo.failNext('startCall', 'Callback disabled');
      w.widgetSim.jivo.failNext('sendOfflineMessage', 'Invalid email');
    });
    await fire(page, 'jivo_onChangeState', 'cmd:startCall');
    await fire(page, 'jivo_onChangeState', 'cmd:sendOfflineMessage');
    const failed = await waitFor(async () => {
      const f = (await eventsOf(v)).flatMap((e) => e.actions).filter((a) => a.status === 'failed');
      return f.length >= 2 ? f : undefined;
    }, 'two failed outcomes');
    expect(failed.map((a) => a.error).sort()).toEqual([
      'JivoChat refused jivo_api.sendOfflineMessage: Invalid email',
      'JivoChat refused jivo_api.startCall: Callback disabled',
    ]);
    await page.close();
  });

  it('the same website on a site not configured for jivochat: no hook, nothing reaches the worker', async () => {
    const v = visitor();
    const page = await openSite({ visitor: v }, other);
    // The page's callbacks are plain data properties: no hook accessor was installed here.
    const own = await inPage(page, (w) => Object.getOwnPropertyDescriptor(w, 'jivo_onOpen'));
    expect(own && 'value' in own).toBe(true);
    for (const [name, args] of TEN) expect(await fire(page, name, ...args)).toBe(`page:${name}`);
    await inPage(page, (w) => w.widgetSim.jivo.introduce({ name: 'X', email: 'x@other.test', phone: '1' }));
    await fire(page, 'jivo_onChangeState', 'cmd:open');
    // Kommo is configured there: its event, sent after the Jivo callbacks, shows the bridge was listening.
    await inPage(page, (w) => w.widgetSim.kommo.fire('onChatShow'));
    const events = await eventsOf(v);
    await new Promise((r) => setTimeout(r, 300)); // rejections are reported in 250 ms batches
    expect(events.map((e) => [e.platform, e.type])).toEqual([['kommo', 'widget.opened']]);
    expect((await journal(env)).filter((e) => e.kind === 'rejected' && e.origin === other)).toEqual([]);
    expect(env.servers.api.contacts.find((c) => c.email === 'x@other.test')).toBeUndefined();
    expect(await inPage(page, (w) => w.widgetSim.jivo.calls.filter((c) => c.method === 'open'))).toEqual([]);
    await page.close();
  });
});
