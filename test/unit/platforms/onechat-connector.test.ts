// Issue 21: every event the Chatwoot dashboard's ActionCable connector handles has a schema, a fixture
// shaped like the server's broadcast, a canonical mapping and a docs/platforms.md row; control events are
// journaled but never routed; direct mode relays the same set.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BridgeEventSchema, type CaptureContext } from '../../../src/events/model';
import { isRoutable } from '../../../src/events/types';
import { onechat } from '../../../src/platforms/onechat';
import { DirectConnection, type SocketLike } from '../../../src/platforms/onechat/direct';
import { RuleIndex } from '../../../src/rules/matcher';
import { RuleSchema } from '../../../src/rules/schema';

/**
 * chatwoot/chatwoot app/javascript/dashboard/helper/actionCable.js @ 016986639a38584385001388e70891dffae56274,
 * `this.events`, in its order (29 names).
 */
const CHATWOOT_CONNECTOR_EVENTS = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.bot_handoff',
  'conversation.status_changed',
  'user:logout',
  'page:reload',
  'assignee.changed',
  'conversation.typing_on',
  'conversation.typing_off',
  'conversation.contact_changed',
  'presence.update',
  'contact.deleted',
  'contact.updated',
  'conversation.mentioned',
  'notification.created',
  'notification.deleted',
  'notification.updated',
  'conversation.read',
  'conversation.updated',
  'conversation.unread_count_changed',
  'account.cache_invalidated',
  'account.enrichment_completed',
  'copilot.message.created',
  'voice_call.incoming',
  'voice_call.accepted',
  'voice_call.outbound_connected',
  'voice_call.outbound_accepted',
  'voice_call.ended',
] as const;

const CONTROL = [
  'user:logout',
  'page:reload',
  'account.cache_invalidated',
  'conversation.unread_count_changed',
  'account.enrichment_completed',
];

const docs = readFileSync(join(resolve(__dirname, '../../..'), 'docs/platforms.md'), 'utf8');
const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://chat.example',
  page: { url: 'https://chat.example/app/accounts/1/dashboard', title: 'OneChat' },
  tabId: 5,
  frameId: 0,
};
type Frame = { identifier: string; message: { event: string; data: Record<string, unknown> } };
const eventOf = (raw: unknown) => (raw as Frame).message?.event;
const fx = (name: string): Frame => {
  const f = onechat.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return structuredClone(f.raw) as Frame;
};
const one = (raw: unknown) => {
  const r = onechat.normalize(raw, ctx);
  if (!r.ok) throw new Error(`${r.reason}\n${(r.issues ?? []).join('\n')}`);
  expect(r.events).toHaveLength(1);
  const [e] = r.events;
  expect(BridgeEventSchema.parse(e)).toEqual(e);
  return e as NonNullable<typeof e>;
};

describe('every event of the Chatwoot dashboard connector', () => {
  it('the list has the 29 names of actionCable.js', () => {
    expect(new Set(CHATWOOT_CONNECTOR_EVENTS).size).toBe(29);
  });

  it.each(CHATWOOT_CONNECTOR_EVENTS)('%s has a schema, a mapped fixture and a docs row', (event) => {
    expect(Object.hasOwn(onechat.schemas, event), 'schema').toBe(true);
    const fixtures = onechat.fixtures.filter((f) => eventOf(f.raw) === event && f.expectTypes.length > 0);
    expect(fixtures.length, 'fixture').toBeGreaterThan(0);
    for (const f of fixtures)
      expect(onechat.schemas[event]?.safeParse((f.raw as Frame).message.data).success).toBe(true);
    const row = new RegExp(`^\\| \`${event.replace(/[.$]/g, '\\$&')}\` \\| `, 'm');
    expect(docs, 'docs/platforms.md row').toMatch(row);
  });
});

describe('canonical mapping of the connector events', () => {
  it.each([
    [
      'voice_call_incoming',
      {
        type: 'call.started',
        id: 'onechat:voice_call.incoming:k:wacid.HBgNNTUxMTkxMjM0NTY3OBUCABEYEjQ2RjRBOTZCMTg3:incoming',
        conversation: { id: '7' },
        contact: { name: 'Maria Silva', phone: '+5511912345678' },
        call: { id: 'wacid.HBgNNTUxMTkxMjM0NTY3OBUCABEYEjQ2RjRBOTZCMTg3', direction: 'inbound' },
      },
    ],
    ['voice_call_accepted', { type: 'call.answered', agent: { id: '1' }, call: { direction: 'inbound' } }],
    ['voice_call_outbound_connected', { type: 'call.started', call: { direction: 'outbound' } }],
    ['voice_call_outbound_accepted', { type: 'call.answered', call: { direction: 'outbound' } }],
    [
      'voice_call_ended',
      { type: 'call.ended', conversation: { id: '7' }, call: { status: 'completed', durationSeconds: 95 } },
    ],
    [
      'conversation_bot_handoff',
      {
        type: 'conversation.handoff',
        conversation: { id: '7', status: 'open' },
        contact: { platformId: '10' },
      },
    ],
    ['conversation_mentioned', { type: 'notification.added', conversation: { id: '7' }, agent: { id: '1' } }],
    ['conversation_updated', { type: 'conversation.updated', agent: { id: '1', name: 'John' } }],
    [
      'contact_deleted',
      {
        type: 'contact.deleted',
        contact: { platformId: '10', name: 'white-shadow-394' },
        agent: { id: '1' },
      },
    ],
    ['notification_created', { type: 'notification.added', conversation: { id: '7' } }],
    ['notification_deleted', { type: 'notification.removed', conversation: { id: '7' } }],
    ['notification_updated', { type: 'notification.updated', conversation: { id: '7' } }],
    ['copilot_message_created', { type: 'platform.unknown', id: 'onechat:copilot.message.created:k:501' }],
    [
      'conversation_lock_toggle-unknown',
      { type: 'platform.unknown', sourceEvent: 'conversation.lock_toggle' },
    ],
  ])('%s', (name, expected) => {
    expect(one(fx(name))).toMatchObject(expected);
  });

  it('voice_call.ended names no direction of its own (the payload carries none)', () => {
    expect(one(fx('voice_call_ended')).call).not.toHaveProperty('direction');
  });

  it('one call: its stages are distinct occurrences, the same stage seen twice is one', () => {
    const ids = ['voice_call_incoming', 'voice_call_accepted', 'voice_call_ended'].map((n) => one(fx(n)).id);
    expect(new Set(ids).size).toBe(3);
    expect(one(fx('voice_call_incoming')).id).toBe(ids[0]);
  });

  it('performer becomes the agent where it names a user; assignee.changed keeps the assignee', () => {
    const john = { id: 1, name: 'John', available_name: 'John', type: 'user' };
    const ann = { id: 2, name: 'Ann', available_name: 'Ann', type: 'user' };
    const status = fx('conversation_status_changed');
    status.message.data.performer = ann;
    expect(one(status).agent).toEqual({ id: '2', name: 'Ann' });
    const assigned = fx('assignee_changed');
    assigned.message.data.performer = ann;
    expect(one(assigned).agent).toMatchObject({
      id: String((assigned.message.data.meta as { assignee: { id: number } }).assignee.id),
    });
    // A performer that is not a user (a contact acting through the widget) is not an agent.
    const bycontact = fx('conversation_status_changed');
    bycontact.message.data.performer = { ...john, id: 99, type: 'contact' };
    expect(one(bycontact).agent?.id).not.toBe('99');
    // Bot handoff: "Do not infer a human takeover from `performer`" (actionCable.js).
    const handoff = fx('conversation_bot_handoff');
    handoff.message.data.performer = ann;
    expect(one(handoff).agent).toBeUndefined();
  });

  it('typing events keep is_private, typed', () => {
    const f = fx('conversation_typing_on');
    f.message.data.is_private = true;
    expect((one(f).data as Frame).message.data.is_private).toBe(true);
    f.message.data.is_private = 'yes' as unknown as boolean;
    expect(onechat.normalize(f, ctx)).toMatchObject({
      ok: false,
      issues: [expect.stringMatching(/^is_private: /)],
    });
  });

  it.each([
    ['voice_call.incoming', { id: 1, call_id: 'c', conversation_id: '7' }, /^conversation_id: /],
    ['voice_call.ended', { id: 1, conversation_id: 7 }, /^call_id: /],
    ['contact.deleted', { id: '10' }, /^id: /],
    ['account.cache_invalidated', { account_id: 1 }, /^cache_keys: /],
    ['notification.updated', { notification: { id: 'x' } }, /^notification\.id: /],
    ['conversation.bot_handoff', { id: 7, status: 3 }, /^status: /],
  ])('a malformed %s is rejected, naming the field', (event, data, issue) => {
    const r = onechat.normalize(
      { identifier: fx('message_created').identifier, message: { event, data } },
      ctx,
    );
    expect(r).toMatchObject({ ok: false, sourceEvent: event });
    if (!r.ok) expect(r.issues?.[0]).toMatch(issue);
  });
});

describe('control events', () => {
  const controls = onechat.fixtures.filter((f) => CONTROL.includes(eventOf(f.raw) ?? ''));

  it('have a fixture each and map to platform.control', () => {
    expect(controls.map((f) => eventOf(f.raw)).sort()).toEqual([...CONTROL].sort());
    for (const f of controls) expect(one(f.raw).type).toBe('platform.control');
    expect(isRoutable('platform.control')).toBe(false);
  });

  it('are never routed, not even to a rule that names them', () => {
    const rule = RuleSchema.parse({
      id: 'r',
      when: {
        events: [
          'platform.control',
          'onechat:account.cache_invalidated',
          'onechat:conversation.unread_count_changed',
          'onechat:account.enrichment_completed',
        ],
      },
      then: [{ kind: 'log', message: 'x' }],
    });
    const index = new RuleIndex([rule]);
    for (const f of controls) expect(index.match(one(f.raw)), eventOf(f.raw)).toEqual([]);
    // The colon in user:logout / page:reload is not even a selector a rule can hold.
    expect(RuleSchema.safeParse({ ...rule, when: { events: ['onechat:user:logout'] } }).success).toBe(false);
    // The same index still routes a call.
    const calls = new RuleIndex([{ ...rule, when: { ...rule.when, events: ['call.started'] } }]);
    expect(calls.match(one(fx('voice_call_incoming')))).toHaveLength(1);
  });
});

describe('direct mode subscribes to the same set', () => {
  it('relays a frame of every connector event, as the page tap would', () => {
    let ws: (SocketLike & { frame(f: unknown): void }) | undefined;
    class Sock implements SocketLike {
      readyState = 1;
      onopen: SocketLike['onopen'] = null;
      onmessage: SocketLike['onmessage'] = null;
      onclose: SocketLike['onclose'] = null;
      onerror: SocketLike['onerror'] = null;
      constructor() {
        ws = this;
      }
      send() {}
      close() {}
      frame(f: unknown) {
        this.onmessage?.({ data: JSON.stringify(f) });
      }
    }
    const frames: unknown[] = [];
    const clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined, random: () => 0.5 };
    const conn = new DirectConnection(
      { installUrl: 'https://chat.example.com', pubsubToken: 't', accountId: 1, userId: 1 },
      { onFrame: (f) => frames.push(f), onState: () => undefined },
      { WebSocket: Sock, clock },
    );
    conn.start();
    if (!ws) throw new Error('no socket');
    ws.onopen?.({});
    ws.frame({ type: 'welcome' });
    ws.frame({ identifier: conn.identifier, type: 'confirm_subscription' });
    for (const event of CHATWOOT_CONNECTOR_EVENTS) {
      const f = onechat.fixtures.find((x) => eventOf(x.raw) === event && x.expectTypes.length > 0);
      ws.frame({ identifier: conn.identifier, message: (f?.raw as Frame).message });
    }
    expect(frames.map(eventOf)).toEqual([...CHATWOOT_CONNECTOR_EVENTS]);
    for (const f of frames) expect(onechat.normalize(f, ctx).ok).toBe(true);
    conn.stop();
  });
});
