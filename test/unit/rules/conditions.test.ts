import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/events/model';
import { testCondition } from '../../../src/rules/conditions';
import { explainRule, RuleIndex } from '../../../src/rules/matcher';
import { type Condition, ConditionSchema, type Rule, RuleSchema } from '../../../src/rules/schema';

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
  ['not_exists: absent', { op: 'not_exists', path: 'contact.name' }, true],
  ['not_exists: present', { op: 'not_exists', path: 'contact.phone' }, false],
  ['not_exists: empty string is absent', { op: 'not_exists', path: 'data.params.empty' }, true],
  ['exists: null is absent', { op: 'exists', path: 'data.params.nil' }, false],
  ['equals: string', { op: 'equals', path: 'data.params.kind', value: 'visitor' }, true],
  ['equals: number vs string id', { op: 'equals', path: 'data.params.chatId', value: '483' }, true],
  ['equals: string id vs number', { op: 'equals', path: 'conversation.id', value: 483 }, true],
  ['equals: mismatch', { op: 'equals', path: 'data.params.kind', value: 'operator' }, false],
  ['not_equals: mismatch', { op: 'not_equals', path: 'data.params.kind', value: 'operator' }, true],
  ['not_equals: absent path', { op: 'not_equals', path: 'nope', value: 'x' }, true],
  ['equals null: absent path', { op: 'equals', path: 'links.contact', value: null }, true],
  ['equals null: null value', { op: 'equals', path: 'data.params.nil', value: null }, true],
  ['equals null: present', { op: 'equals', path: 'contact.phone', value: null }, false],
  ['not_equals null: absent path', { op: 'not_equals', path: 'links.contact', value: null }, false],
  ['not_equals null: present', { op: 'not_equals', path: 'contact.phone', value: null }, true],
  ['contains: case-insensitive substring', { op: 'contains', path: 'message.text', value: 'world' }, true],
  ['contains: array element', { op: 'contains', path: 'data.params.tags', value: 'vip' }, true],
  ['contains: missing', { op: 'contains', path: 'message.text', value: 'bye' }, false],
  ['starts_with', { op: 'starts_with', path: 'contact.email', value: 'ann@' }, true],
  ['starts_with: no', { op: 'starts_with', path: 'contact.email', value: 'bob' }, false],
  ['matches', { op: 'matches', path: 'contact.phone', value: '^\\+1' }, true],
  ['matches: flags', { op: 'matches', path: 'message.text', value: 'hello', flags: 'i' }, true],
  ['matches: multiline flag', { op: 'matches', path: 'message.text', value: '^World', flags: 'm' }, false],
  ['matches: case is kept without i', { op: 'matches', path: 'message.text', value: 'hello' }, false],
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
    const big = { ...event, message: { text: 'a'.repeat(100_001), direction: 'inbound' as const } };
    expect(testCondition(big, { op: 'matches', path: 'message.text', value: 'a' })).toBe(false);
  });
});

const withText = (text: string): BridgeEvent => ({ ...event, message: { text, direction: 'inbound' } });

/**
 * Runs `fn` under a watchdog: a backtracking engine on these inputs does not finish for minutes (or
 * ever), and a synchronous regex cannot be interrupted by the test runner's timeout, only by V8's
 * (node:vm). Nothing here measures time: with a linear engine the call simply completes.
 */
const completes = <T>(fn: () => T): T => runInNewContext('fn()', { fn }, { timeout: 30_000 }) as T;

describe('matches: linear time (RE2), issue 14 item 6', () => {
  const redos: Condition = { op: 'matches', path: 'message.text', value: '^(\\w+\\s?)+$' };

  it.each([
    ['34 characters', `${'a'.repeat(33)}!`],
    ['100 KB', `${'ab '.repeat(33_333)}!`],
  ])('the ReDoS pattern ^(\\w+\\s?)+$ on a %s visitor message completes', (_label, text) => {
    expect(ConditionSchema.safeParse(redos).success).toBe(true);
    expect(completes(() => testCondition(withText(text), redos))).toBe(false);
    expect(completes(() => testCondition(withText(text.slice(0, -1)), redos))).toBe(true);
  });

  it.each([
    ['look-ahead', 'foo(?=bar)', /look-ahead, which rules do not support/],
    ['negative look-ahead', '^(?!spam)', /look-ahead, which rules do not support/],
    ['look-behind', '(?<=\\$)\\d+', /look-behind, which rules do not support/],
    ['negative look-behind', '(?<!no )thanks', /look-behind, which rules do not support/],
    ['back-reference', '(a)\\1', /back-reference, which rules do not support/],
    ['named back-reference', '(?<w>a)\\k<w>', /back-reference, which rules do not support/],
    ['\\u escape', '\\u00e9', /\\u escape.*\\x\{00E9\}/],
    ['unbalanced parenthesis', '(', /not a valid regular expression \(missing closing \)/],
  ])('a pattern with a %s is refused when the rule is saved, in plain words', (_label, value, message) => {
    const parsed = ConditionSchema.safeParse({ op: 'matches', path: 'message.text', value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['value']);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
    // Everywhere rules are validated goes through this schema: settings, import, policy, the editor.
    const rule = {
      id: 'r',
      when: { events: ['message.created'], where: [{ op: 'matches', path: 'message.text', value }] },
      then: [{ kind: 'log' }],
    };
    expect(RuleSchema.safeParse(rule).success).toBe(false);
  });

  it('a pattern that slipped past validation never throws: the rule does not match and reports why', () => {
    const rule = RuleSchema.parse({
      id: 'bad',
      name: 'bad pattern',
      when: { events: ['message.created'], where: [{ op: 'matches', path: 'message.text', value: 'x' }] },
      then: [{ kind: 'log' }],
    }) as Rule;
    // As if stored by an older version (or written around the schema).
    (rule.when.where[0] as { value: string }).value = 'Hello(?= World)';
    expect(explainRule(rule, event)).toMatchObject({
      matched: false,
      error: expect.stringMatching(/look-ahead, which rules do not support/),
    });
    const found = new RuleIndex([rule]).matchExplained(event);
    expect(found.rules).toEqual([]);
    expect(found.errors).toEqual([{ rule, error: expect.stringMatching(/look-ahead/) }]);
  });
});
