import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/events/model';
import { RuleGate } from '../../../src/rules/gate';
import { explainRule, RuleIndex } from '../../../src/rules/matcher';
import { type Rule, type RuleInput, RuleSchema } from '../../../src/rules/schema';

const ev = (over: Partial<BridgeEvent> = {}): BridgeEvent => ({
  id: 'roxchat:newMessageAdded:k:1',
  platform: 'roxchat',
  type: 'message.created',
  sourceEvent: 'newMessageAdded',
  receivedAt: 0,
  origin: 'o',
  page: { url: 'u', title: '' },
  tabId: 1,
  frameId: 0,
  conversation: { id: 'c1' },
  contact: { crmId: 'K1' },
  data: { params: { kind: 'visitor' } },
  ...over,
});

const rule = (id: string, over: Partial<RuleInput> = {}): Rule =>
  RuleSchema.parse({ id, name: id, when: { events: ['message.created'] }, then: [{ kind: 'log' }], ...over });

describe('RuleIndex', () => {
  const rules = [
    rule('canonical'),
    rule('source', { when: { events: ['roxchat:newMessageAdded'] } }),
    rule('both', { when: { events: ['message.created', 'roxchat:newMessageAdded'] } }),
    rule('other-type', { when: { events: ['conversation.closed'] } }),
    rule('other-platform', { when: { events: ['message.created'], platforms: ['onechat'] } }),
    rule('disabled', { enabled: false }),
    rule('cond-yes', {
      when: {
        events: ['message.created'],
        where: [{ op: 'equals', path: 'data.params.kind', value: 'visitor' }],
      },
    }),
    rule('cond-no', {
      when: {
        events: ['message.created'],
        where: [{ op: 'equals', path: 'data.params.kind', value: 'operator' }],
      },
    }),
    rule('any', {
      when: {
        events: ['message.created'],
        match: 'any',
        where: [
          { op: 'equals', path: 'data.params.kind', value: 'operator' },
          { op: 'exists', path: 'contact.crmId' },
        ],
      },
    }),
  ];
  const index = new RuleIndex(rules);

  it('matches canonical and platform:sourceEvent selectors, keeps rule order, runs a rule once', () => {
    expect(index.match(ev()).map((r) => r.id)).toEqual(['canonical', 'source', 'both', 'cond-yes', 'any']);
  });

  it('only looks at rules that listen to the event type', () => {
    expect(
      index
        .candidates(ev({ type: 'conversation.closed', sourceEvent: 'chatClosedByOperator' }))
        .map((r) => r.id),
    ).toEqual(['other-type']);
    expect(index.candidates(ev({ type: 'typing.started', sourceEvent: 'x' }))).toEqual([]);
  });

  it.each([
    ['disabled', /disabled/],
    ['other-type', /listens to conversation.closed/],
    ['other-platform', /limited to onechat/],
    ['cond-no', /failed: data.params.kind equals "operator"/],
  ])('explains why %s does not match', (id, reason) => {
    const r = rules.find((x) => x.id === id);
    if (!r) throw new Error(id);
    const why = explainRule(r, ev());
    expect(why.matched).toBe(false);
    expect(why.reason).toMatch(reason);
  });
});

describe('RuleGate: once and throttle', () => {
  it('once per conversation within the window', () => {
    const gate = new RuleGate();
    const r = rule('once', { once: { per: 'conversation', windowMs: 1000 } });
    expect(gate.check(r, ev(), 0)).toBeUndefined();
    expect(gate.check(r, ev({ id: 'other' }), 10)).toMatch(/once/);
    expect(gate.check(r, ev({ conversation: { id: 'c2' } }), 20)).toBeUndefined();
    expect(gate.check(r, ev(), 2000)).toBeUndefined();
  });

  it('once per contact and per event', () => {
    const gate = new RuleGate();
    const perContact = rule('pc', { once: { per: 'contact', windowMs: 1000 } });
    expect(gate.check(perContact, ev(), 0)).toBeUndefined();
    expect(gate.check(perContact, ev({ conversation: { id: 'c9' } }), 1)).toMatch(/once/);
    const perEvent = rule('pe', { once: { per: 'event', windowMs: 1000 } });
    expect(gate.check(perEvent, ev(), 0)).toBeUndefined();
    expect(gate.check(perEvent, ev(), 1)).toMatch(/once/);
    expect(gate.check(perEvent, ev({ id: 'x' }), 2)).toBeUndefined();
  });

  it('throttleMs', () => {
    const gate = new RuleGate();
    const r = rule('t', { throttleMs: 100 });
    expect(gate.check(r, ev(), 0)).toBeUndefined();
    expect(gate.check(r, ev(), 50)).toMatch(/throttled/);
    expect(gate.check(r, ev(), 150)).toBeUndefined();
  });
});
