import { describe, expect, it } from 'vitest';
import type { CaptureContext } from '../../../src/events/model';
import { kommo } from '../../../src/platforms/kommo';
import { interpretFor } from '../../../src/platforms/kommo/commands';
import examples from '../../../src/platforms/kommo/fixtures/commands/examples.json';
import { directionOf, KOMMO_CALLBACK_TYPES, lastMessageKey } from '../../../src/platforms/kommo/normalize';
import { KOMMO_CALLBACKS } from '../../../src/platforms/kommo/schema';

const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://shop.example',
  page: { url: 'https://shop.example/', title: 'Shop' },
  tabId: 3,
  frameId: 0,
};
const fx = (name: string) => {
  const f = kommo.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return structuredClone(f.raw) as { callback: string; args: unknown[]; context?: unknown };
};
const all = (raw: unknown) => {
  const r = kommo.normalize(raw, ctx);
  if (!r.ok) throw new Error(`${r.reason}\n${(r.issues ?? []).join('\n')}`);
  return r.events;
};
const one = (raw: unknown) => {
  const [event, ...rest] = all(raw);
  if (!event || rest.length) throw new Error('expected exactly one event');
  return event;
};
const snapshot = (...conversations: unknown[]) => ({
  callback: 'onConversationsChange',
  args: [conversations],
});
const text = (over: Record<string, unknown> = {}) => ({
  name: 'A123',
  is_closed: false,
  last_message: { created_at: 1655283158457, is_out: true, text: 'Hello', type: 'text', ...over },
});

describe('Kommo seed fixtures', () => {
  // Validation, normalisation and the expected types of every fixture: fixtures.test.ts, for all
  // platforms. Here what only this platform's schemas promise: each is keyed by the callback or webhook.
  it.each(
    kommo.fixtures.filter((f) => f.expectTypes.length).map((f) => [f.name, f] as const),
  )('%s: the source schema of each event accepts the fixture', (_name, f) => {
    const r = kommo.normalize(f.raw, ctx);
    if (!r.ok) throw new Error(r.reason);
    for (const e of r.events) expect(kommo.schemas[e.sourceEvent]?.safeParse(f.raw).success).toBe(true);
  });

  it('covers every callback of the seed', () => {
    const sources = new Set(
      kommo.fixtures.filter((f) => f.expectTypes.length).map((f) => fx(f.name).callback),
    );
    expect([...sources].sort()).toEqual([...KOMMO_CALLBACKS].sort());
    expect(Object.keys(kommo.schemas).sort()).toEqual([...KOMMO_CALLBACKS].sort());
  });

  it('explains a failed `array | false` by the array branch', () => {
    const r = kommo.normalize(fx('reject-onConversationsChange-is_closed-string'), ctx);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reason).toBe(
        'invalid onConversationsChange payload: args.0.0.is_closed: Invalid input: expected boolean, received string',
      );
  });
});

describe('Kommo widget callbacks', () => {
  it.each(
    KOMMO_CALLBACKS.filter((n) => n !== 'onConversationsChange').map(
      (n) => [n, KOMMO_CALLBACK_TYPES[n]] as const,
    ),
  )('%s → %s', (name, type) => {
    const args = name === 'onButtonClick' ? ['telegram', 'https://t.me/x'] : [];
    expect(one({ callback: name, args })).toMatchObject({
      type,
      sourceEvent: name,
      platform: 'kommo',
      data: { args },
    });
  });

  it('onButtonClick keeps service and link; a missing link (null through JSON) is accepted', () => {
    expect(one(fx('onButtonClick')).data).toMatchObject({ args: ['telegram', 'https://t.me/example_bot'] });
    expect(one({ callback: 'onButtonClick', args: ['onlinechat', null] }).type).toBe('widget.button_clicked');
  });

  it('crmPluginConfig.onlinechat.user_id (the chat user) becomes contact.externalId; config stays in data', () => {
    const e = one(fx('onChatHide'));
    expect(e.contact).toEqual({ externalId: 'abc123' });
    expect(e.agent).toBeUndefined();
    expect(e.data).toMatchObject({ context: { config: { onlinechat: { user_id: 'abc123' } } } });
    expect(one(fx('onChatReady')).contact).toBeUndefined(); // user_id '' in the seed's first example
    expect(
      one({ callback: 'onChatShow', args: [], context: { config: { onlinechat: { user_id: 77 } } } }).contact,
    ).toEqual({ externalId: '77' });
  });

  it('an undocumented callback is kept as platform.unknown', () => {
    expect(one({ callback: 'onSomethingNew', args: [] })).toMatchObject({
      type: 'platform.unknown',
      sourceEvent: 'onSomethingNew',
    });
  });
});

describe('Kommo onConversationsChange', () => {
  it('one conversation.updated per conversation, named by `name`, with its status', () => {
    const events = all(fx('onConversationsChange-several')).filter((e) => e.type === 'conversation.updated');
    expect(events.map((e) => e.conversation)).toEqual([
      { id: 'A123', status: 'open' },
      { id: 'A125', status: 'closed' },
    ]);
    expect(events[1]?.data).toMatchObject({
      callback: 'onConversationsChange',
      conversation: { name: 'A125', is_closed: true },
    });
  });

  it('message.created: the visitor’s own message (is_out) is inbound, the operator’s outbound with the agent', () => {
    const [, visitor] = all(fx('onConversationsChange-text'));
    expect(visitor).toMatchObject({
      type: 'message.created',
      conversation: { id: 'A123' },
      message: { text: 'Hello', direction: 'inbound' },
    });
    expect(visitor?.agent).toBeUndefined();
    const [, operator] = all(fx('onConversationsChange-video'));
    expect(operator).toMatchObject({
      message: { text: 'Hello', direction: 'outbound' },
      agent: { name: 'Anna' },
    });
    expect(operator?.data).toMatchObject({
      conversation: { last_message: { media: { url: 'https://path_to_resource.mp4' } } },
    });
    const [, named] = all(snapshot(text({ author: { name: 'John' } })));
    expect(named?.contact).toEqual({ name: 'John' });
    expect(directionOf({ created_at: 1, is_out: false, text: '', type: 'text' })).toBe('outbound');
  });

  it('conversation.closed only for closed conversations', () => {
    expect(all(fx('onConversationsChange-closed-photo')).at(-1)).toMatchObject({
      type: 'conversation.closed',
      conversation: { id: 'A125', status: 'closed' },
      id: 'kommo:onConversationsChange:k:c:A125:1655283160000',
    });
    expect(all(snapshot({ name: 'B1', is_closed: true })).map((e) => e.type)).toEqual([
      'conversation.updated',
      'conversation.closed',
    ]);
  });

  it('repeated snapshots with the same last message give the same ids (dedupe); a new message a new id', () => {
    const ids = (raw: unknown) => all(raw).map((e) => e.id);
    const first = ids(snapshot(text()));
    expect(first.every((id) => id.includes(':k:'))).toBe(true);
    expect(ids(snapshot(text()))).toEqual(first);
    // The same conversation next to another one: its events keep their ids.
    expect(ids(snapshot(text(), { name: 'B2', is_closed: false }))).toEqual(expect.arrayContaining(first));
    const next = ids(snapshot(text({ created_at: 1655283159999, text: 'Still there?' })));
    expect(next[1]).not.toBe(first[1]);
    // Same millisecond, different words: still a different message.
    expect(ids(snapshot(text({ text: 'Hi' })))[1]).not.toBe(first[1]);
    expect(lastMessageKey({ created_at: 5, is_out: true, text: 'a', type: 'text' })).toMatch(/^5:out:/);
  });

  it('`false` (multi-conversations disabled) or an empty list give one conversation.updated without a conversation', () => {
    expect(one(fx('onConversationsChange-false'))).toMatchObject({
      type: 'conversation.updated',
      data: { args: [false] },
    });
    expect(one(fx('onConversationsChange-false')).conversation).toBeUndefined();
    expect(one(snapshot()).type).toBe('conversation.updated');
  });

  it('a conversation without a last message yields only its update', () => {
    expect(all(snapshot({ name: 'C3', is_closed: false, last_message: null })).map((e) => e.type)).toEqual([
      'conversation.updated',
    ]);
  });
});

describe('Kommo commands', () => {
  it('offers the documented methods', () => {
    expect(Object.keys(kommo.commands).sort()).toEqual([
      'runChatHide',
      'runChatShow',
      'runDestroy',
      'sendKeyActionHook',
      'setMeta',
    ]);
  });

  it.each(examples.commands.map((c) => [c.seed, c] as const))('builds %s', (_seed, c) => {
    const spec = kommo.commands[c.command];
    if (!spec) throw new Error(c.command);
    expect(spec.build(spec.params.parse(c.params))).toEqual({
      via: 'page-api',
      target: c.target,
      method: c.method,
      args: c.args,
      awaitReplyMs: 1500,
    });
  });

  it.each([
    ['sendKeyActionHook', {}],
    ['sendKeyActionHook', { name: '' }],
    ['setMeta', {}],
    ['setMeta', { bot_params: { nested: { a: 1 } } }],
  ])('%s rejects params %j', (name, params) => {
    expect(kommo.commands[name]?.params.safeParse(params).success).toBe(false);
  });

  it('delivered is success (no return value is documented); undelivered is an error', () => {
    const interpret = interpretFor("crmPlugin('runChatShow')");
    expect(interpret({ delivered: true, replies: [] })).toEqual({
      ok: true,
      detail: "crmPlugin('runChatShow') called",
    });
    expect(interpret({ delivered: false, error: 'crmPlugin unavailable', replies: [] })).toEqual({
      ok: false,
      error: 'crmPlugin unavailable',
    });
    expect(kommo.commands.setMeta?.interpret?.({ delivered: false, replies: [] })).toMatchObject({
      ok: false,
      error: /not loaded/,
    });
  });
});
