import { describe, expect, it } from 'vitest';
import type { CaptureContext } from '../../../src/events/model';
import { roxchat } from '../../../src/platforms/roxchat';
import { findRoxError } from '../../../src/platforms/roxchat/commands';
import { directionOfKind } from '../../../src/platforms/roxchat/normalize';
import { ROX_ERROR_CODES } from '../../../src/platforms/roxchat/schema';

const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://rox.example',
  page: { url: 'https://crm.example/', title: 'CRM' },
  tabId: 7,
  frameId: 0,
};
const fx = (name: string) => {
  const f = roxchat.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.raw;
};
const one = (raw: unknown) => {
  const r = roxchat.normalize(raw, ctx);
  if (!r.ok) throw new Error(r.reason);
  const [event] = r.events;
  if (!event) throw new Error('no event');
  return event;
};

describe('Rox.Chat normalisation', () => {
  it('newMessageAdded → message.created with contact ids and inbound direction', () => {
    const e = one(fx('newMessageAdded'));
    expect(e).toMatchObject({
      type: 'message.created',
      sourceEvent: 'newMessageAdded',
      conversation: { id: '483' },
      contact: { platformId: 'c3fa5841c772895f8645b33ac784f694', externalId: '12345', crmId: '4-1GQDLH42' },
      message: { text: 'Greetings!', direction: 'inbound' },
    });
  });

  it.each([
    ['visitor', 'inbound'],
    ['operator', 'outbound'],
    ['file_visitor', 'inbound'],
    ['file_operator', 'outbound'],
    ['info', 'internal'],
  ] as const)('kind %s → %s', (kind, direction) => {
    expect(directionOfKind(kind)).toBe(direction);
  });

  it('chatClosedByOperator carries channel and name; the unauthorised variant leaves nulls out', () => {
    expect(one(fx('chatClosedByOperator-skype'))).toMatchObject({
      conversation: { id: '1024', channel: 'skype', status: 'closed' },
      contact: { name: 'John Doe', crmId: '4-1GQJDL78' },
    });
    const anon = one(fx('chatClosedByOperator-unauthorized'));
    expect(anon.contact).toEqual({ platformId: 'c3fa5841c772895f8645b33ac784f694' });
    expect(anon.conversation).toEqual({ id: '1024', status: 'closed' });
  });

  it('visitorAuthorized uses the ids after authorisation', () => {
    expect(one(fx('visitorAuthorized')).contact).toEqual({
      platformId: '52eed6ec3c12494a88e62e2ff636c2a9',
      externalId: '7925',
    });
  });

  it('undocumented events from a trusted source are kept as platform.unknown', () => {
    const e = one({ source: 'roxchat', event: 'somethingNew', params: { a: 1 } });
    expect(e.type).toBe('platform.unknown');
    expect(e.sourceEvent).toBe('somethingNew');
  });

  it.each([
    [{ source: 'other', event: 'x' }, /envelope/],
    [{ source: 'roxchat', event: 'visitorSelected', params: { chatId: 1 } }, /invalid visitorSelected/],
    [null, /envelope/],
  ])('rejects %j with a reason', (raw, reason) => {
    const r = roxchat.normalize(raw, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('gives a strong id to chat-keyed events and a content id to messages', () => {
    expect(one(fx('chatClosedByOperator-skype')).id).toBe('roxchat:chatClosedByOperator:k:1024');
    expect(one(fx('newMessageAdded')).id).toMatch(/^roxchat:newMessageAdded:h:/);
  });
});

describe('Rox.Chat start_outgoing_chat', () => {
  const spec = roxchat.commands.start_outgoing_chat;
  if (!spec) throw new Error('missing command');

  it('builds the documented message', () => {
    const params = spec.params.parse({ roxchatVisitorId: 'v', sessionId: 's' });
    expect(spec.build(params)).toMatchObject({
      via: 'postMessage',
      message: { action: 'start_outgoing_chat', params: { roxchatVisitorId: 'v', sessionId: 's' } },
    });
  });

  it('requires both documented mandatory params', () => {
    expect(spec.params.safeParse({ roxchatVisitorId: 'v' }).success).toBe(false);
  });

  it.each(Object.keys(ROX_ERROR_CODES))('error code %s becomes a readable action error', (code) => {
    const reply = { source: 'roxchat', event: 'startOutgoingChatFailed', params: { error: code } };
    expect(findRoxError([reply])).toBe(code);
    const result = spec.interpret?.({ delivered: true, replies: [reply] });
    expect(result).toEqual({ ok: false, error: expect.stringContaining(ROX_ERROR_CODES[code] ?? '?') });
  });

  it('no error reply within the window means success; an undelivered command fails', () => {
    expect(spec.interpret?.({ delivered: true, replies: [] })).toMatchObject({ ok: true });
    expect(spec.interpret?.({ delivered: false, error: 'no frame', replies: [] })).toEqual({
      ok: false,
      error: 'no frame',
    });
  });
});
