import { describe, expect, it } from 'vitest';
import { BridgeEventSchema, type CaptureContext } from '../../../src/events/model';
import { ucontact } from '../../../src/platforms/ucontact';
import { contactOfClientId } from '../../../src/platforms/ucontact/normalize';

const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://acme.ucontactcloud.com',
  page: { url: 'https://crm.example/', title: 'CRM' },
  tabId: 3,
  frameId: 0,
};
const fx = (name: string) => {
  const f = ucontact.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.raw;
};
const events = (raw: unknown) => {
  const r = ucontact.normalize(raw, ctx);
  if (!r.ok) throw new Error(r.reason);
  return r.events;
};
const one = (raw: unknown) => {
  const [event, ...rest] = events(raw);
  if (!event || rest.length) throw new Error('expected exactly one event');
  return event;
};

describe('uContact fixtures', () => {
  it.each(ucontact.fixtures.filter((f) => f.expectTypes.length > 0))('$name → $expectTypes', (f) => {
    const e = one(f.raw);
    expect([e.type]).toEqual(f.expectTypes);
    expect(BridgeEventSchema.parse(e)).toBeTruthy();
    expect(e).toMatchObject({
      platform: 'ucontact',
      sourceEvent: (f.raw as { event: string }).event,
      data: f.raw,
    });
  });

  it.each(
    ucontact.fixtures.filter((f) => f.expectTypes.length === 0),
  )('$name is rejected with a reason', (f) => {
    const r = ucontact.normalize(f.raw, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/\S/);
  });

  it('every documented event has a schema and a seed fixture', () => {
    const documented = [
      'assignedInteraction',
      'finishedInteraction',
      'sentDisposition',
      'changedTheme',
      'changedLanguage',
    ];
    expect(Object.keys(ucontact.schemas).sort()).toEqual([...documented].sort());
    for (const event of documented) expect(ucontact.fixtures.some((f) => f.name === event)).toBe(true);
  });
});

describe('uContact mapping, field by field', () => {
  it('assignedInteraction → conversation.assigned with guid, channel and the caller as contact', () => {
    const e = one(fx('assignedInteraction-voice'));
    expect(e).toMatchObject({
      type: 'conversation.assigned',
      sourceEvent: 'assignedInteraction',
      conversation: { id: '7f3c2a10-5b7e-4d2a-9c11-2e8f0a6b9d44', channel: 'voice' },
      contact: { externalId: '+59899123456', phone: '+59899123456' },
    });
    expect(e.message).toBeUndefined();
    expect(e.contact?.email).toBeUndefined();
  });

  it('the seed example keeps its placeholder values', () => {
    const e = one(fx('assignedInteraction'));
    expect(e.conversation).toEqual({ id: 'string', channel: 'string' });
    expect(e.contact).toEqual({ externalId: 'string' });
  });

  it.each([
    ['+59899123456', { externalId: '+59899123456', phone: '+59899123456' }],
    ['099 123 456', { externalId: '099 123 456', phone: '099 123 456' }],
    ['(02) 2901-1234', { externalId: '(02) 2901-1234', phone: '(02) 2901-1234' }],
    ['jane@acme.inc', { externalId: 'jane@acme.inc', email: 'jane@acme.inc' }],
    ['CUST-0042', { externalId: 'CUST-0042' }],
    ['12345', { externalId: '12345' }],
    ['', undefined],
  ])('clientId %j → contact %j', (clientId, contact) => {
    expect(contactOfClientId(clientId)).toEqual(contact);
  });

  it('finishedInteraction → conversation.closed', () => {
    expect(
      one({ event: 'finishedInteraction', data: { guid: 'g1', finishDate: '2024-05-02 10:31:07' } }),
    ).toMatchObject({
      type: 'conversation.closed',
      conversation: { id: 'g1', status: 'closed' },
    });
  });

  it('sentDisposition → disposition.submitted; the comment is an internal note', () => {
    const e = one(fx('sentDisposition-levels'));
    expect(e).toMatchObject({
      type: 'disposition.submitted',
      conversation: { id: '7f3c2a10-5b7e-4d2a-9c11-2e8f0a6b9d44' },
      message: { text: 'Call back tomorrow morning', direction: 'internal' },
      data: { data: { levelsId: [12, 34], levelsValue: ['Sale', 'Follow up'] } },
    });
    const blank = one({
      event: 'sentDisposition',
      data: { guid: 'g', comment: ' ', levelsId: [], levelsValue: [] },
    });
    expect(blank.message).toBeUndefined();
  });

  it('changedTheme and changedLanguage carry their payload in data', () => {
    expect(one(fx('changedTheme'))).toMatchObject({
      type: 'ui.theme_changed',
      data: { data: { dark: true } },
    });
    expect(one({ event: 'changedLanguage', data: 'es' })).toMatchObject({
      type: 'ui.language_changed',
      data: { event: 'changedLanguage', data: 'es' },
    });
  });

  it('undocumented events are kept as platform.unknown, matchable by source event', () => {
    const e = one(fx('unknown-event'));
    expect(e).toMatchObject({ type: 'platform.unknown', sourceEvent: 'changedAgentStatus' });
    expect(one({ event: 'somethingElse', data: null }).type).toBe('platform.unknown');
  });
});

describe('uContact rejections', () => {
  it.each([
    [null, /envelope/],
    ['assignedInteraction', /envelope/],
    [{ data: {} }, /envelope/],
    [{ event: '', data: {} }, /envelope/],
    [{ event: 'assignedInteraction' }, /envelope/],
    [
      { event: 'assignedInteraction', data: { guid: 'g', campaign: 'c', channel: 'voice' } },
      /invalid assignedInteraction.*clientId/,
    ],
    [
      { event: 'finishedInteraction', data: { guid: 'g', finishDate: 1714645867 } },
      /invalid finishedInteraction.*finishDate/,
    ],
    [
      { event: 'sentDisposition', data: { guid: 'g', comment: '', levelsId: [{}], levelsValue: [] } },
      /invalid sentDisposition.*levelsId/,
    ],
    [{ event: 'changedTheme', data: { dark: 'true', primary: '#fff' } }, /invalid changedTheme.*dark/],
    [{ event: 'changedLanguage', data: 7 }, /invalid changedLanguage/],
  ])('rejects %j with a reason', (raw, reason) => {
    const r = ucontact.normalize(raw, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('a validation rejection names the source event and lists issues', () => {
    const r = ucontact.normalize(fx('reject-assignedInteraction-guid-number'), ctx);
    expect(r).toMatchObject({
      ok: false,
      sourceEvent: 'assignedInteraction',
      issues: [expect.stringMatching(/^guid: /)],
    });
  });
});

describe('uContact dedupe ids', () => {
  it('interaction events use the guid as a strong key', () => {
    expect(one(fx('assignedInteraction-voice')).id).toBe(
      'ucontact:assignedInteraction:k:7f3c2a10-5b7e-4d2a-9c11-2e8f0a6b9d44',
    );
    expect(one({ event: 'finishedInteraction', data: { guid: 'g1', finishDate: 'x' } }).id).toBe(
      'ucontact:finishedInteraction:k:g1',
    );
  });

  it('a repeated disposition is the same id, a corrected one is not', () => {
    const d = { guid: 'g1', comment: 'ok', levelsId: [1], levelsValue: ['Sale'] };
    const a = one({ event: 'sentDisposition', data: d }).id;
    expect(a).toMatch(/^ucontact:sentDisposition:k:g1:/);
    expect(one({ event: 'sentDisposition', data: { ...d } }).id).toBe(a);
    expect(one({ event: 'sentDisposition', data: { ...d, levelsValue: ['No sale'] } }).id).not.toBe(a);
  });

  it('UI preference events get content ids (weak)', () => {
    expect(one(fx('changedTheme')).id).toMatch(/^ucontact:changedTheme:h:/);
    expect(one(fx('changedLanguage')).id).toMatch(/^ucontact:changedLanguage:h:/);
  });
});

describe('uContact commands', () => {
  const start = ucontact.commands.startInteraction;
  const post = ucontact.commands.post;
  if (!start || !post) throw new Error('missing command');

  it('startInteraction builds the seed "Actions" message exactly', () => {
    const action = fx('startInteraction-action') as { data: unknown };
    const params = start.params.parse(action.data);
    expect(start.build(params)).toEqual({ via: 'postMessage', message: action, awaitReplyMs: 0 });
  });

  it('startInteraction requires campaign, channel and clientId', () => {
    expect(start.params.safeParse({ campaign: 'c', channel: 'voice' }).success).toBe(false);
    expect(start.params.safeParse({ campaign: 'c', channel: 'voice', clientId: '' }).success).toBe(false);
  });

  it('post forwards any JSON object unchanged and waits for no reply', () => {
    const message = {
      event: 'setAgentStatus',
      data: { status: 'available', n: 1, ok: true, list: [null, 'x'] },
    };
    expect(post.build(post.params.parse({ message }))).toEqual({
      via: 'postMessage',
      message,
      awaitReplyMs: 0,
    });
  });

  it.each([
    [{ message: 'text' }],
    [{ message: [1, 2] }],
    [{ message: { f: () => 1 } }],
    [{}],
  ])('post rejects %j', (params) => {
    expect(post.params.safeParse(params).success).toBe(false);
  });
});
