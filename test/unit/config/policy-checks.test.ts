import { describe, expect, it } from 'vitest';
import { mergeWithPolicy, PolicySchema } from '../../../src/config/policy';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { RuleSchema } from '../../../src/rules/schema';

const rule = (id: string, events: string[], url: string) => ({
  id,
  when: { events },
  then: [{ kind: 'http', method: 'POST', url }],
});

describe('policy rules go through the rule checks', () => {
  it.each([
    ['an unknown event', ['message.create'], 'https://crm.example.com/api', 'did you mean "message.created"'],
    ['a fixed URL that is not one', ['message.created'], 'not a url/api/notes', 'start it with https://'],
  ])('a managed rule with %s does not run, and the reason is said', (_, events, url, says) => {
    const policy = PolicySchema.parse({
      rules: [rule('bad', events, url), rule('good', ['message.created'], 'https://crm.example.com/api')],
    });
    // A user rule with the broken managed rule's id stays out: managed ids stay reserved.
    const mine = RuleSchema.parse(rule('bad', ['message.created'], 'https://crm.example.com/x'));
    const user = { ...DEFAULT_SETTINGS, rules: [mine] };
    const { settings, ignored } = mergeWithPolicy(user, policy);
    expect(settings.rules.map((r) => r.id)).toEqual(['good']);
    expect(ignored.find((x) => x.startsWith('managed rule "bad" does not run: '))).toContain(says);
  });
});
