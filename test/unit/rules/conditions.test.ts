import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/events/model';
import { testCondition } from '../../../src/rules/conditions';
import { type Condition, ConditionSchema } from '../../../src/rules/schema';

const event: BridgeEvent = {
  id: 'roxchat:newMessageAdded:k:1',
  platform: 'roxchat',
  type: 'message.created',
  sourceEvent: 'newMessageAdded',
  receivedAt: 0,
  origin: 'https://w.example',
  page: { url: 'https://crm.example/', title: '' },
  tabId: 1,
  frameId: 0,
  conversation: { id: '483' },
  contact: { phone: '+1 (555) 010-2030', email: 'Ann@Example.com' },
  message: { text: 'Hello World', direction: 'inbound' },
  data: { params: { chatId: 483, kind: 'visitor', tags: ['vip', 'new'], empty: '', nil: null } },
};

const cases: Array<[string, Condition, boolean]> = [
  ['exists: present', { op: 'exists', path: 'contact.phone' }, true],
  ['exists: absent', { op: 'exists', path: 'contact.name' }, false],
  ['exists: empty string is absent', { op: 'exists', path: 'data.params.empty' }, false],
  ['exists: null is absent', { op: 'exists', path: 'data.params.nil' }, false],
  ['equals: string', { op: 'equals', path: 'data.params.kind', value: 'visitor' }, true],
  ['equals: number vs string id', { op: 'equals', path: 'data.params.chatId', value: '483' }, true],
  ['equals: string id vs number', { op: 'equals', path: 'conversation.id', value: 483 }, true],
  ['equals: mismatch', { op: 'equals', path: 'data.params.kind', value: 'operator' }, false],
  ['not_equals: mismatch', { op: 'not_equals', path: 'data.params.kind', value: 'operator' }, true],
  ['not_equals: absent path', { op: 'not_equals', path: 'nope', value: 'x' }, true],
  ['contains: case-insensitive substring', { op: 'contains', path: 'message.text', value: 'world' }, true],
  ['contains: array element', { op: 'contains', path: 'data.params.tags', value: 'vip' }, true],
  ['contains: missing', { op: 'contains', path: 'message.text', value: 'bye' }, false],
  ['starts_with', { op: 'starts_with', path: 'contact.email', value: 'ann@' }, true],
  ['starts_with: no', { op: 'starts_with', path: 'contact.email', value: 'bob' }, false],
  ['matches', { op: 'matches', path: 'contact.phone', value: '^\\+1' }, true],
  ['matches: flags', { op: 'matches', path: 'message.text', value: 'hello', flags: 'i' }, true],
  [
    'matches: invalid regex is false, not a throw',
    { op: 'matches', path: 'message.text', value: '(' },
    false,
  ],
  ['in', { op: 'in', path: 'data.params.kind', value: ['visitor', 'operator'] }, true],
  ['in: no', { op: 'in', path: 'data.params.kind', value: ['info'] }, false],
  ['gt', { op: 'gt', path: 'data.params.chatId', value: 100 }, true],
  ['gt: string number', { op: 'gt', path: 'conversation.id', value: 482 }, true],
  ['lt', { op: 'lt', path: 'data.params.chatId', value: 100 }, false],
  ['gt: non-numeric', { op: 'gt', path: 'message.text', value: 1 }, false],
  ['own properties only: constructor', { op: 'exists', path: 'data.constructor' }, false],
  ['own properties only: __proto__', { op: 'exists', path: 'data.__proto__' }, false],
  ['own properties only: toString', { op: 'exists', path: 'message.text.length' }, false],
];

describe('condition operators', () => {
  it.each(cases)('%s', (_label, condition, expected) => {
    expect(ConditionSchema.safeParse(condition).success).toBe(true);
    expect(testCondition(event, condition)).toBe(expected);
  });

  it('refuses overlong patterns and bad flags at the schema', () => {
    expect(ConditionSchema.safeParse({ op: 'matches', path: 'a', value: 'x'.repeat(201) }).success).toBe(
      false,
    );
    expect(ConditionSchema.safeParse({ op: 'matches', path: 'a', value: 'x', flags: 'g' }).success).toBe(
      false,
    );
  });

  it('does not run a pattern over oversized input', () => {
    const big = { ...event, message: { text: 'a'.repeat(20_000), direction: 'inbound' as const } };
    expect(testCondition(big, { op: 'matches', path: 'message.text', value: 'a' })).toBe(false);
  });
});
