import { describe, expect, it } from 'vitest';
import type { CaptureContext } from '../../../src/events/model';
import { jivochat } from '../../../src/platforms/jivochat';
import { interpretFor, jivoFailure } from '../../../src/platforms/jivochat/commands';
import examples from '../../../src/platforms/jivochat/fixtures/commands/examples.json';
import { JIVO_CALLBACK_TYPES } from '../../../src/platforms/jivochat/normalize';
import { JIVO_CALLBACKS, jivoWebhookSchemas } from '../../../src/platforms/jivochat/schema';
import { callEventType } from '../../../src/platforms/jivochat/webhooks';

const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://shop.example',
  page: { url: 'https://shop.example/', title: 'Shop' },
  tabId: 7,
  frameId: 0,
};
const fx = (name: string) => {
  const f = jivochat.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return structuredClone(f.raw) as Record<string, unknown>;
};
const all = (raw: unknown) => {
  const r = jivochat.normalize(raw, ctx);
  if (!r.ok) throw new Error(`${r.reason}\n${(r.issues ?? []).join('\n')}`);
  return r.events;
};
const one = (raw: unknown) => {
  const [event, ...rest] = all(raw);
  if (!event || rest.length) throw new Error('expected exactly one event');
  return event;
};
const contact = { platformId: '2846', name: 'John Smith', email: 'email@example.com', phone: '+14084987855' };
const agent = { id: '2224', name: 'Thomas Anderson', email: 'agent@jivosite.com' };

describe('JivoChat seed fixtures', () => {
  // Validation, normalisation and the expected types of every fixture: fixtures.test.ts, for all
  // platforms. Here what only this platform's schemas promise: each is keyed by the callback or webhook.
  it.each(
    jivochat.fixtures.filter((f) => f.expectTypes.length).map((f) => [f.name, f] as const),
  )('%s: the source schema of each event accepts the fixture', (_name, f) => {
    const r = jivochat.normalize(f.raw, ctx);
    if (!r.ok) throw new Error(r.reason);
    for (const e of r.events) expect(jivochat.schemas[e.sourceEvent]?.safeParse(f.raw).success).toBe(true);
  });

  it('covers every callback and every webhook of the seed with a fixture', () => {
    const sources = new Set(
      jivochat.fixtures.flatMap((f) => (f.expectTypes.length ? all(f.raw) : [])).map((e) => e.sourceEvent),
    );
    expect([...sources].sort()).toEqual([...JIVO_CALLBACKS, ...Object.keys(jivoWebhookSchemas)].sort());
    expect(Object.keys(jivochat.schemas).sort()).toEqual([...sources].sort());
  });
});

describe('JivoChat callbacks', () => {
  it.each(
    JIVO_CALLBACKS.map((name) => [name, JIVO_CALLBACK_TYPES[name]] as const),
  )('%s → %s', (name, type) => {
    const args =
      name === 'jivo_onChangeState' ? ['chat'] : name === 'jivo_onCallEnd' ? [{ result: 'ok' }] : [];
    const e = one({ callback: name, args });
    expect(e).toMatchObject({
      type,
      sourceEvent: name,
      platform: 'jivochat',
      data: { callback: name, args },
    });
    expect(e.id).toMatch(new RegExp(`^jivochat:${name}:h:`));
  });

  it('maps the getContactInfo() enrichment and visitor number into contact', () => {
    expect(one(fx('jivo_onOpen')).contact).toEqual(contact);
    expect(one(fx('jivo_onMessageSent')).contact).toEqual({
      platformId: '2846',
      name: 'John Smith',
      phone: '+14084987855',
    });
    expect(one(fx('jivo_onClose')).contact).toBeUndefined();
    expect(
      one({ callback: 'jivo_onOpen', args: [], context: { contactInfo: { name: '', email: null } } }).contact,
    ).toBeUndefined();
  });

  it('jivo_onMessageSent is an inbound visitor message (text only when the widget passes one)', () => {
    expect(one(fx('jivo_onMessageSent')).message).toEqual({ text: '', direction: 'inbound' });
    expect(one({ callback: 'jivo_onMessageSent', args: ['Hi there'] }).message).toEqual({
      text: 'Hi there',
      direction: 'inbound',
    });
  });

  it('jivo_onIntroduction prefers a contact_info argument over the enrichment', () => {
    const raw = fx('jivo_onIntroduction');
    raw.args = [{ client_name: 'Jane Roe', phone: '+100' }];
    expect(one(raw).contact).toEqual({
      platformId: '2846',
      name: 'Jane Roe',
      email: 'email@example.com',
      phone: '+100',
    });
  });

  it('jivo_onCallEnd keeps result and reason in data; a missing argument (null through JSON) is accepted', () => {
    expect(one(fx('jivo_onCallEnd-fail')).data).toMatchObject({
      args: [{ result: 'fail', reason: 'Callback disabled' }],
    });
    expect(one({ callback: 'jivo_onCallEnd', args: [null] }).type).toBe('call.ended');
    expect(one({ callback: 'jivo_onCallEnd', args: [] }).type).toBe('call.ended');
  });

  it('jivo_onChangeState keeps the state', () => {
    expect(one(fx('jivo_onChangeState-chat-min')).data).toMatchObject({ args: ['chat/min'] });
  });

  it('an undocumented callback from the hook is kept as platform.unknown', () => {
    expect(one({ callback: 'jivo_onSomethingNew', args: [1] })).toMatchObject({
      type: 'platform.unknown',
      sourceEvent: 'jivo_onSomethingNew',
    });
  });

  it.each([
    [null, /not a JivoChat/],
    ['jivo_onOpen', /not a JivoChat/],
    [{ args: [] }, /not a JivoChat/],
    [{ callback: 'jivo_onOpen' }, /invalid callback capture/],
    [
      { callback: 'jivo_onOpen', args: [], context: { visitorNumber: {} } },
      /invalid callback capture payload: context/,
    ],
  ])('rejects %j with a reason', (raw, reason) => {
    const r = jivochat.normalize(raw, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('JivoChat webhooks (dry-run shapes)', () => {
  it('chat_accepted → conversation.accepted with chat, visitor and agent', () => {
    expect(one(fx('webhook-chat_accepted'))).toMatchObject({
      type: 'conversation.accepted',
      sourceEvent: 'chat_accepted',
      id: 'jivochat:chat_accepted:k:3537',
      conversation: { id: '3537' },
      contact,
      agent,
    });
  });

  it('chat_assigned → conversation.assigned keyed by chat and CRM link', () => {
    expect(one(fx('webhook-chat_assigned'))).toMatchObject({
      type: 'conversation.assigned',
      id: 'jivochat:chat_assigned:k:9998:...',
      agent,
    });
  });

  it('chat_finished → conversation.closed; the first of `agents` is the agent', () => {
    expect(one(fx('webhook-chat_finished'))).toMatchObject({
      type: 'conversation.closed',
      conversation: { id: '7676', status: 'closed' },
      contact,
      agent,
    });
  });

  it('chat_updated → conversation.updated with a content id (updates repeat)', () => {
    expect(one(fx('webhook-chat_updated')).id).toMatch(/^jivochat:chat_updated:h:/);
  });

  it('offline_message → inbound message.created; the table’s "offline_messages" spelling is the same event', () => {
    const expected = {
      type: 'message.created',
      sourceEvent: 'offline_message',
      message: { id: '3999', text: 'Message text', direction: 'inbound' },
      contact,
    };
    expect(one(fx('webhook-offline_message'))).toMatchObject(expected);
    expect(one({ ...fx('webhook-offline_message'), event_name: 'offline_messages' })).toMatchObject(expected);
    expect(one(fx('webhook-offline_message')).conversation).toBeUndefined();
  });

  it.each([
    ['start', 'call.started'],
    ['end', 'call.ended'],
    ['error', 'call.ended'],
    ['agent_connected', 'platform.unknown'],
    ['client_connected', 'platform.unknown'],
  ] as const)('call_event with status %s → %s', (status, type) => {
    expect(callEventType(status)).toBe(type);
    const raw = fx('webhook-call_event');
    (raw.call as Record<string, unknown>).status = status;
    expect(one(raw)).toMatchObject({
      type,
      id: `jivochat:call_event:k:2302:${status}`,
      conversation: { id: '2302' },
    });
  });

  it('call_event falls back to the call phone; user_token becomes the external id', () => {
    const raw = fx('webhook-call_event');
    const visitor = raw.visitor as Record<string, unknown>;
    delete visitor.phone;
    raw.user_token = 'crm-42';
    (raw.call as Record<string, unknown>).phone = '+15550000';
    expect(one(raw).contact).toMatchObject({ phone: '+15550000', externalId: 'crm-42' });
  });

  it('an undocumented event_name is kept as platform.unknown', () => {
    expect(one({ event_name: 'chat_rated', chat_id: 1 })).toMatchObject({
      type: 'platform.unknown',
      sourceEvent: 'chat_rated',
    });
  });
});

describe('JivoChat commands', () => {
  it('offers exactly the documented methods', () => {
    expect(Object.keys(jivochat.commands).sort()).toEqual(
      [
        'close',
        'open',
        'sendOfflineMessage',
        'setContactInfo',
        'setCustomData',
        'setRules',
        'setUserToken',
        'showProactiveInvitation',
        'startCall',
      ].sort(),
    );
  });

  it.each(examples.commands.map((c) => [c.seed, c] as const))('builds %s', (_seed, c) => {
    const spec = jivochat.commands[c.command];
    if (!spec) throw new Error(c.command);
    expect(spec.build(spec.params.parse(c.params))).toEqual({
      via: 'page-api',
      target: 'jivo_api',
      method: c.command,
      args: c.args,
      awaitReplyMs: 1500,
    });
  });

  it.each([
    ['close', {}, []],
    ['open', {}, []],
    ['setUserToken', { token: 'u-1' }, ['u-1']],
    ['showProactiveInvitation', { invitation_text: 'Hi', department_id: 161 }, ['Hi', 161]],
    ['setRules', { rules: { triggers: [{ delay: 5 }] } }, [{ triggers: [{ delay: 5 }] }]],
  ])('builds %s %j from its signature', (name, params, args) => {
    const spec = jivochat.commands[name];
    expect(spec?.build(spec.params.parse(params))).toMatchObject({ method: name, args });
  });

  it.each([
    ['open', { start: 'chat' }],
    ['startCall', {}],
    ['setUserToken', { token: '' }],
    ['setCustomData', { fields: 'x' }],
    ['setCustomData', [{ content: 'x' }]],
    ['showProactiveInvitation', { invitation_text: 'Hi', department_id: '161' }],
    ['sendOfflineMessage', { name: 'John' }],
    ['setRules', { rules: 'x' }],
  ])('%s rejects params %j', (name, params) => {
    expect(jivochat.commands[name]?.params.safeParse(params).success).toBe(false);
  });

  it.each(
    examples.replies.map((r) => [r.command, r.reply, r] as const),
  )('%s reply %j', (command, reply, r) => {
    expect(jivoFailure(reply)).toBe(r.ok ? undefined : r.reason);
    const result = jivochat.commands[command]?.interpret?.({ delivered: true, replies: [reply] });
    if (r.ok) expect(result).toMatchObject({ ok: true });
    else expect(result).toEqual({ ok: false, error: `JivoChat refused jivo_api.${command}: ${r.reason}` });
  });

  it('an undelivered command or a missing widget is an error; no return value is success', () => {
    const interpret = interpretFor('open');
    expect(interpret({ delivered: false, error: 'jivo_api.open unavailable', replies: [] })).toEqual({
      ok: false,
      error: 'jivo_api.open unavailable',
    });
    expect(interpret({ delivered: false, replies: [] })).toMatchObject({ ok: false, error: /not loaded/ });
    expect(interpret({ delivered: true, replies: [] })).toEqual({ ok: true, detail: 'jivo_api.open called' });
    expect(jivoFailure({ result: 'fail', reason: { code: 7 } })).toBe('{"code":7}');
  });
});
