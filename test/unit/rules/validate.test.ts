import { describe, expect, it } from 'vitest';
import { RuleSchema } from '../../../src/rules/schema';
import { checkRule, didYouMean, eventCatalogue, firstRuleError } from '../../../src/rules/validate';
import table from './fixtures/rule-checks.json';

interface Case {
  name: string;
  action?: Record<string, unknown>;
  events?: string[];
  expect: { path: string; level: string; says: string }[];
}

const working = {
  id: 'note',
  name: 'Chat message → CRM note',
  when: { events: ['message.created'], platforms: ['roxchat'] },
  then: [
    {
      kind: 'http',
      method: 'POST',
      url: 'https://crm.example.com/api/notes',
      headers: { Authorization: 'Bearer {{ secrets.crm_token }}' },
      body: { type: 'json', value: { text: '{{ message.text }}', chat: '{{ conversation.id }}' } },
    },
  ],
};

function build(c: Case) {
  const rule = structuredClone(working);
  if (c.events) rule.when.events = c.events;
  const then: Record<string, unknown>[] = rule.then;
  if (c.action) then[0] = { ...then[0], ...c.action };
  return { ...rule, then };
}

describe('rule checks (committed table)', () => {
  it.each((table.cases as Case[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const checks = checkRule(build(c), { secretNames: table.secrets });
    expect(checks.map(({ path, level }) => ({ path, level }))).toEqual(
      c.expect.map(({ path, level }) => ({ path, level })),
    );
    c.expect.forEach((e, i) => {
      expect(checks[i]?.message).toContain(e.says);
    });
    // Sentences: start with a capital, end with a full stop or a question mark, no zod wording.
    for (const ch of checks) expect(ch.message).toMatch(/^[A-Z"].*[.?]$/);
  });

  it('checks rules as typed too (half-typed input does not throw)', () => {
    expect(checkRule(undefined, { secretNames: [] })).toEqual([]);
    expect(checkRule({ when: { events: 3 }, then: [null, 'x'] }, { secretNames: [] })).toEqual([]);
  });

  it('the schema alone accepts the rules the checks refuse (the checks are what protects)', () => {
    for (const c of table.cases as Case[])
      if (c.expect.some((e) => e.level === 'error' && !e.path.endsWith('.url') && !e.says.includes('tags')))
        expect(RuleSchema.safeParse(build(c)).success, c.name).toBe(true);
  });

  it('the event catalogue comes from the registry', () => {
    const names = eventCatalogue();
    expect(names).toContain('message.created');
    expect(names.some((n) => n.startsWith('roxchat:'))).toBe(true);
    expect(didYouMean('conversation.close', names)).toBe('conversation.closed');
    expect(didYouMean('totally.different', ['a.b'])).toBeUndefined();
  });

  it('firstRuleError names the rule and the fix (import and policy refuse with it)', () => {
    const broken = build({ name: '', events: ['message.create'], expect: [] });
    const e = firstRuleError([working, broken], { secretNames: ['crm_token'] });
    expect(e?.ruleId).toBe('note');
    expect(e?.sentence).toBe(
      'Rule "Chat message → CRM note" (when.events.0): No platform sends an event called "message.create": did you mean "message.created"?',
    );
    expect(firstRuleError([working], { secretNames: [] })).toBeUndefined();
  });
});
