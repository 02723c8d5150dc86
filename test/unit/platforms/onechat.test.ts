import { describe, expect, it } from 'vitest';
import { BridgeEventSchema, type CaptureContext } from '../../../src/events/model';
import { onechat } from '../../../src/platforms/onechat';
import { directionOf } from '../../../src/platforms/onechat/map';
import {
  buildCableCommand,
  buildPresence,
  buildSubscribe,
  classifyCableFrame,
} from '../../../src/platforms/onechat/protocol';
import { REDACTED } from '../../../src/platforms/onechat/redact';

const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://chat.example',
  page: { url: 'https://chat.example/app/accounts/1/dashboard', title: 'OneChat' },
  tabId: 5,
  frameId: 0,
};
const IDENTIFIER = '{"channel":"RoomChannel","pubsub_token":"token","account_id":1,"user_id":1}';

type Frame = { identifier: string; message: { event: string; data: Record<string, unknown> } };
const fx = (name: string): Frame => {
  const f = onechat.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return structuredClone(f.raw) as Frame;
};
const events = (raw: unknown, c = ctx) => {
  const r = onechat.normalize(raw, c);
  if (!r.ok) throw new Error(`${r.reason}\n${(r.issues ?? []).join('\n')}`);
  return r.events;
};
const one = (raw: unknown) => {
  const [event, ...rest] = events(raw);
  if (!event || rest.length) throw new Error('expected exactly one event');
  return event;
};
const frame = (event: string, data: unknown) => ({ identifier: IDENTIFIER, message: { event, data } });

const SEED_EVENTS: Record<string, string> = {
  conversation_created: 'conversation.created',
  conversation_read: 'conversation.read',
  message_created: 'message.created',
  message_updated: 'message.updated',
  conversation_status_changed: 'conversation.status_changed',
  conversation_typing_on: 'conversation.typing_on',
  conversation_typing_off: 'conversation.typing_off',
  assignee_changed: 'assignee.changed',
  team_changed: 'team.changed',
  conversation_contact_changed: 'conversation.contact_changed',
  contact_created: 'contact.created',
  contact_updated: 'contact.updated',
  presence_update: 'presence.update',
};

describe('OneChat fixtures', () => {
  it.each(onechat.fixtures.filter((f) => f.expectTypes.length > 0))('$name → $expectTypes', (f) => {
    const evs = events(f.raw);
    expect(evs.map((e) => e.type)).toEqual(f.expectTypes);
    for (const e of evs) {
      expect(BridgeEventSchema.safeParse(e).success).toBe(true);
      expect(e).toMatchObject({ platform: 'onechat', sourceEvent: (f.raw as Frame).message.event, tabId: 5 });
    }
  });

  it.each(
    onechat.fixtures.filter((f) => f.expectTypes.length === 0),
  )('$name is rejected with a reason', (f) => {
    const r = onechat.normalize(f.raw, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/\S/);
  });

  it('every seed event has a schema and a verbatim seed fixture', () => {
    expect(Object.keys(onechat.schemas)).toEqual(expect.arrayContaining(Object.values(SEED_EVENTS)));
    for (const [name, event] of Object.entries(SEED_EVENTS)) expect(fx(name).message.event).toBe(event);
  });
});

describe('OneChat mapping, field by field', () => {
  it('conversation.created → conversation.started with conversation, contact and assignee', () => {
    expect(one(fx('conversation_created'))).toMatchObject({
      type: 'conversation.started',
      conversation: { id: '7', channel: 'Channel::WebWidget', status: 'open' },
      contact: { platformId: '10', name: 'white-shadow-394' },
      agent: { id: '1', name: 'John' },
    });
  });

  it('null contact fields stay absent', () => {
    expect(one(fx('conversation_created')).contact).toEqual({ platformId: '10', name: 'white-shadow-394' });
    expect(one(fx('conversation_read')).contact).toEqual({
      platformId: '12',
      name: 'jane',
      email: 'jane@acme.inc',
    });
  });

  it('message.created → message.created, inbound from the contact', () => {
    const e = one(fx('message_created'));
    expect(e).toMatchObject({
      type: 'message.created',
      conversation: { id: '7' },
      contact: { platformId: '10', name: 'white-shadow-394' },
      message: { id: '106', text: 'hi', direction: 'inbound' },
    });
    expect(e.agent).toBeUndefined();
  });

  it('a private note is internal and names its agent', () => {
    const e = one(fx('message_created-private-note'));
    expect(e.message).toEqual({
      id: '120',
      text: 'Customer asked for a refund, checking with billing',
      direction: 'internal',
    });
    expect(e.agent).toEqual({ id: '1', name: 'John' });
    expect(e.contact).toBeUndefined();
  });

  it('an activity message is internal, with no sender', () => {
    const e = one(fx('message_created-activity'));
    expect(e.message?.direction).toBe('internal');
    expect(e.agent).toBeUndefined();
    expect(e.contact).toBeUndefined();
  });

  it.each([
    [0, false, 'inbound'],
    [1, false, 'outbound'],
    [2, false, 'internal'],
    [3, false, 'outbound'],
    [9, false, 'internal'],
    [0, true, 'internal'],
    [1, true, 'internal'],
  ] as const)('message_type %i, private %s → %s', (type, isPrivate, direction) => {
    expect(directionOf({ message_type: type, private: isPrivate })).toBe(direction);
  });

  it('message.updated: a template answered by the contact exposes the submitted email', () => {
    expect(one(fx('message_updated'))).toMatchObject({
      type: 'message.updated',
      conversation: { id: '8' },
      contact: { email: 'jane@acme.inc' },
      message: { id: '111', text: 'Get notified by email', direction: 'outbound' },
    });
  });

  it('falls back to sender_type/sender_id when the sender object is absent; null content is empty text', () => {
    const data = { ...fx('message_created').message.data, content: null, sender: undefined };
    const e = one(frame('message.created', data));
    expect(e.contact).toEqual({ platformId: '10' });
    expect(e.message?.text).toBe('');
    const agentData = { ...data, message_type: 1, sender_type: 'User', sender_id: 4 };
    expect(one(frame('message.created', agentData)).agent).toEqual({ id: '4' });
  });

  it('status_changed to pending is one event', () => {
    expect(events(fx('conversation_status_changed')).map((e) => e.type)).toEqual([
      'conversation.status_changed',
    ]);
    expect(one(fx('conversation_status_changed')).conversation).toEqual({
      id: '7',
      channel: 'Channel::WebWidget',
      status: 'pending',
    });
  });

  it('status_changed to resolved is two events: status_changed and closed, with distinct ids', () => {
    const [changed, closed] = events(fx('conversation_status_changed-resolved'));
    expect(changed).toMatchObject({
      type: 'conversation.status_changed',
      conversation: { id: '7', status: 'resolved' },
    });
    expect(closed).toMatchObject({
      type: 'conversation.closed',
      sourceEvent: 'conversation.status_changed',
      conversation: { id: '7', status: 'resolved' },
      contact: { platformId: '10' },
      agent: { id: '1' },
    });
    expect(closed?.id).toBe(`${changed?.id}/closed`);
  });

  it('typing: a contact typing is the contact; an agent typing is the agent', () => {
    const on = one(fx('conversation_typing_on'));
    expect(on).toMatchObject({
      type: 'typing.started',
      conversation: { id: '7' },
      contact: { platformId: '10' },
    });
    expect(on.agent).toBeUndefined();
    expect(one(fx('conversation_typing_off')).type).toBe('typing.stopped');
    const f = fx('conversation_typing_on');
    f.message.data.user = { id: 1, name: 'John', available_name: 'John', type: 'user' };
    expect(one(f)).toMatchObject({ contact: { platformId: '10' }, agent: { id: '1', name: 'John' } });
  });

  it("assignee.changed → conversation.assigned; the sample's null conversation id gives no conversation", () => {
    const e = one(fx('assignee_changed'));
    expect(e).toMatchObject({
      type: 'conversation.assigned',
      agent: { id: '1', name: 'John' },
      contact: { platformId: '10' },
    });
    expect(e.conversation).toBeUndefined();
    const f = fx('assignee_changed');
    f.message.data.id = 7;
    expect(one(f).conversation).toEqual({ id: '7', channel: 'Channel::WebWidget', status: 'open' });
  });

  it.each([
    ['conversation_read', '9'],
    ['team_changed', '8'],
    ['conversation_contact_changed', '9'],
  ])('%s → conversation.updated for conversation %s', (name, id) => {
    expect(one(fx(name))).toMatchObject({ type: 'conversation.updated', conversation: { id } });
  });

  it('conversation.contact_changed carries the new contact', () => {
    expect(one(fx('conversation_contact_changed')).contact).toEqual({
      platformId: '12',
      name: 'jane',
      email: 'jane@acme.inc',
    });
  });

  it('contact.created / contact.updated → contact.*; identifier and phone are mapped when present', () => {
    expect(one(fx('contact_created'))).toMatchObject({
      type: 'contact.created',
      contact: { platformId: '1' },
    });
    const f = fx('contact_updated');
    Object.assign(f.message.data, { identifier: 'crm-778', phone_number: '+15550100' });
    expect(one(f).contact).toEqual({
      platformId: '12',
      externalId: 'crm-778',
      name: 'jane',
      email: 'jane@acme.inc',
      phone: '+15550100',
    });
  });

  it("presence.update → presence.changed; a contact's copy without contacts is valid", () => {
    expect(one(fx('presence_update'))).toMatchObject({
      type: 'presence.changed',
      data: { message: { data: { users: { 1: 'online' } } } },
    });
    expect(one(frame('presence.update', { account_id: 1, users: { '1': 'busy' } })).type).toBe(
      'presence.changed',
    );
  });

  it('data is the frame as received, with pubsub tokens redacted', () => {
    const e = one(fx('conversation_created'));
    const data = e.data as Frame;
    expect(JSON.parse(data.identifier)).toEqual({
      channel: 'RoomChannel',
      pubsub_token: REDACTED,
      account_id: 1,
      user_id: 1,
    });
    expect(data.message.data).toMatchObject({
      id: 7,
      meta: { sender: { pubsub_token: REDACTED, email: null } },
    });
    expect(JSON.stringify(e)).not.toContain('"token"');
  });

  it('extra fields from newer servers are accepted', () => {
    const f = fx('conversation_created');
    Object.assign(f.message.data, { labels: ['vip'], priority: null, waiting_since: 0, snoozed_until: null });
    expect(one(f).type).toBe('conversation.started');
  });
});

describe('OneChat rejections', () => {
  it.each([
    [null, /not an ActionCable data frame: frame is not a JSON object/],
    [{ type: 'ping', message: 1 }, /ping frame carries no event/],
    [{ type: 'welcome' }, /welcome frame carries no event/],
    [{ type: 'confirm_subscription', identifier: IDENTIFIER }, /confirm frame carries no event/],
    [{ identifier: 'RoomChannel', message: {} }, /identifier is not JSON/],
    [{ identifier: '{"pubsub_token":"t"}', message: {} }, /identifier has no channel/],
    [{ identifier: IDENTIFIER }, /has no message/],
    [{ identifier: IDENTIFIER, message: { data: {} } }, /not a OneChat frame/],
    [{ identifier: IDENTIFIER, message: 'hi' }, /not a OneChat frame/],
    [
      { command: 'message', identifier: IDENTIFIER, data: '{"action":"update_presence"}' },
      /a client "message" command, not a server frame/,
    ],
  ])('rejects %j', (raw, reason) => {
    const r = onechat.normalize(raw, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each([
    ['reject-message_created-id-string', 'message.created', /^id: /],
    ['reject-status_changed-status-number', 'conversation.status_changed', /^status: /],
    ['reject-presence_update-status-number', 'presence.update', /^users\.1: /],
  ])('%s names the event and the field', (name, sourceEvent, issue) => {
    const r = onechat.normalize(fx(name), ctx);
    expect(r).toMatchObject({
      ok: false,
      sourceEvent,
      reason: expect.stringContaining(`invalid ${sourceEvent}`),
    });
    if (!r.ok) expect(r.issues?.[0]).toMatch(issue);
  });

  it('wrong types deep in a conversation are rejected', () => {
    const f = fx('conversation_created');
    (f.message.data.meta as { sender: { id: unknown } }).sender.id = '10';
    expect(onechat.normalize(f, ctx)).toMatchObject({
      ok: false,
      issues: [expect.stringMatching(/^meta\.sender\.id: /)],
    });
    const t = fx('conversation_typing_on');
    t.message.data.conversation = 'x';
    expect(onechat.normalize(t, ctx).ok).toBe(false);
  });
});

describe('OneChat dedupe ids', () => {
  it('the same message from two dashboard tabs has one strong id (the message id)', () => {
    const a = one(fx('message_created'));
    const [b] = events(fx('message_created'), { ...ctx, tabId: 6, receivedAt: 2 });
    expect(a.id).toBe('onechat:message.created:k:106');
    expect(b?.id).toBe(a.id);
  });

  it.each([
    ['conversation_created', 'onechat:conversation.created:k:7'],
    ['contact_created', 'onechat:contact.created:k:1'],
    ['conversation_contact_changed', 'onechat:conversation.contact_changed:k:9:c12'],
    ['conversation_read', 'onechat:conversation.read:k:9:read@1627061456/1627061467'],
    ['message_updated', 'onechat:message.updated:k:111@2021-07-23T17:23:14.000Z:sent'],
  ])('%s → %s', (name, id) => {
    expect(one(fx(name)).id).toBe(id);
  });

  it.each([
    'conversation_status_changed',
    'assignee_changed',
    'team_changed',
    'conversation_typing_on',
    'contact_updated',
    'presence_update',
  ])('%s without updated_at gets a content id (weak)', (name) => {
    expect(one(fx(name)).id).toMatch(/^onechat:[a-z_.]+:h:/);
  });

  it('state changes get strong ids when the server sends updated_at', () => {
    const f = fx('conversation_status_changed-resolved');
    f.message.data.updated_at = 1627061999.123456;
    const [changed, closed] = events(f);
    expect(changed?.id).toBe('onechat:conversation.status_changed:k:7:resolved@1627061999.123456');
    expect(closed?.id).toBe('onechat:conversation.status_changed:k:7:resolved@1627061999.123456/closed');
    const a = fx('assignee_changed');
    Object.assign(a.message.data, { id: 7, updated_at: 5.5 });
    expect(one(a).id).toBe('onechat:assignee.changed:k:7:a1@5.5');
  });

  it('the redacted token does not change the id of a message seen under another token', () => {
    const f = fx('message_created');
    f.identifier = IDENTIFIER.replace('"token"', '"other-token"');
    expect(one(f).id).toBe(one(fx('message_created')).id);
  });
});

describe('ActionCable protocol', () => {
  it.each([
    ['{"type":"welcome"}', { kind: 'welcome' }],
    ['{"type":"welcome","sid":"abc"}', { kind: 'welcome' }],
    ['{"type":"ping","message":1627061456}', { kind: 'ping' }],
    [
      JSON.stringify({ identifier: IDENTIFIER, type: 'confirm_subscription' }),
      { kind: 'confirm', identifier: IDENTIFIER },
    ],
    [
      JSON.stringify({ identifier: IDENTIFIER, type: 'reject_subscription' }),
      { kind: 'reject', identifier: IDENTIFIER },
    ],
    [
      '{"type":"disconnect","reason":"unauthorized","reconnect":false}',
      { kind: 'disconnect', reason: 'unauthorized', reconnect: false },
    ],
    [
      '{"type":"disconnect","reason":"server_restart","reconnect":true}',
      { kind: 'disconnect', reason: 'server_restart', reconnect: true },
    ],
    ['{"type":"disconnect"}', { kind: 'disconnect', reason: undefined, reconnect: false }],
  ])('classifies %s', (text, expected) => {
    expect(classifyCableFrame(text)).toEqual(expected);
  });

  it('classifies a seed sample as a data frame carrying its message', () => {
    const f = fx('message_created');
    expect(classifyCableFrame(JSON.stringify(f))).toEqual({
      kind: 'data',
      frame: { identifier: f.identifier, message: f.message },
    });
  });

  it.each([
    ['not json', /not JSON/],
    ['[1,2]', /not a JSON object/],
    ['"welcome"', /not a JSON object/],
    ['{"type":"confirm_history"}', /unknown ActionCable frame type/],
    ['{"type":"confirm_subscription"}', /confirm frame: identifier is not a string/],
    ['{"type":"reject_subscription","identifier":"{}"}', /reject frame: identifier has no channel/],
    ['{"identifier":"{oops","message":{}}', /data frame: identifier is not JSON/],
    ['{"identifier":"[1]","message":{}}', /data frame: identifier is not a JSON object/],
    [JSON.stringify({ identifier: IDENTIFIER }), /data frame has no message/],
    [JSON.stringify({ command: 'subscribe', identifier: IDENTIFIER }), /a client "subscribe" command/],
    ['{}', /identifier is not a string/],
  ])('%s is invalid', (text, reason) => {
    const c = classifyCableFrame(text);
    expect(c.kind).toBe('invalid');
    if (c.kind === 'invalid') expect(c.reason).toMatch(reason);
  });

  it.each([
    'command-agent-presence',
    'command-contact-presence',
  ])('buildPresence reproduces the seed %s frame exactly', (name) => {
    const seed = fx(name) as unknown as { identifier: string };
    expect(buildPresence(seed.identifier)).toBe(JSON.stringify(seed));
  });

  it('buildCableCommand puts the action last inside a JSON string', () => {
    const text = buildCableCommand(IDENTIFIER, 'speak', { body: 'hi', action: 'ignored' });
    const parsed = JSON.parse(text) as { command: string; identifier: string; data: string };
    expect(parsed.command).toBe('message');
    expect(parsed.identifier).toBe(IDENTIFIER);
    expect(JSON.parse(parsed.data)).toEqual({ body: 'hi', action: 'speak' });
  });

  it('buildSubscribe matches the seed example; objects are serialised, bad identifiers throw', () => {
    const customer = '{"channel":"RoomChannel","pubsub_token":"abc"}';
    expect(buildSubscribe(customer)).toBe(JSON.stringify({ command: 'subscribe', identifier: customer }));
    expect(buildSubscribe({ channel: 'RoomChannel', pubsub_token: 'abc' })).toBe(buildSubscribe(customer));
    expect(() => buildSubscribe('RoomChannel')).toThrow(/identifier is not JSON/);
    expect(() => buildCableCommand('{}', 'update_presence')).toThrow(/no channel/);
  });

  it('the platform taps the /cable socket and exposes no page commands (only REST ones: issue 21)', () => {
    expect(onechat.tap).toEqual({ kind: 'websocket', defaultUrlSuffix: '/cable' });
    for (const spec of Object.values(onechat.commands)) expect(spec.rest).toBeDefined();
  });
});
