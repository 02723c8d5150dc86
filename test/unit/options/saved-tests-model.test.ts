// The options page runs saved tests itself (issue 20): over the rules minus workflow chains, as replay
// leaves them out, with the secret names it lists (the organisation's flagged managed).
import { describe, expect, it } from 'vitest';
import { type Rule, RuleSchema } from '../../../src/rules/schema';
import { secretLists, testRules } from '../../../src/ui/options/tests/model';

const http = (id?: string) => ({
  ...(id ? { id } : {}),
  kind: 'http',
  url: 'https://crm.example.com/api/notes',
  body: { type: 'json', value: { text: '{{ message.text }}' } },
});
const rule = (id: string, then: object[]): Rule =>
  RuleSchema.parse({ id, name: id, when: { events: ['message.created'] }, then });

describe('what saved tests run against in the page', () => {
  it.each([
    [
      'plain rules are kept',
      [rule('a', [http()]), rule('b', [http(), { kind: 'log', message: 'x' }])],
      ['a', 'b'],
    ],
    ['a workflow (a step with an id) is left out', [rule('a', [http()]), rule('w', [http('find')])], ['a']],
    ['no rules', [], []],
  ] as const)('%s', (_, rules, ids) => {
    expect(testRules(rules).map((r) => r.id)).toEqual(ids);
  });

  it('secret names, the organisation’s flagged managed', () => {
    expect(
      secretLists([
        { name: 'crm', managed: false },
        { name: 'org', managed: true },
      ]),
    ).toEqual({ names: ['crm', 'org'], managed: ['org'] });
  });
});
