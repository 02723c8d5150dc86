// The policy's `tests` key (issue 20, "Tests in policy"): typed for Chrome's managed schema, carried
// JSON-encoded where the schema subset cannot type a value, and an invalid test is left out on its own
// with a plain sentence while the rest of the policy (its rules, its other tests) applies.
import { describe, expect, it } from 'vitest';
import { managedSchemaJson } from '../../../scripts/gen-managed-schema';
import { parsePolicy } from '../../../src/config/policy';
import { SAVED_TESTS_MAX } from '../../../src/replay/saved-test';
import { messageEvent } from '../builders';

type Schema = { type: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[] };

const rule = {
  id: 'note',
  name: 'CRM note',
  when: { events: ['message.created'] },
  then: [
    {
      kind: 'http',
      url: 'https://crm.example/api/notes',
      body: { type: 'json', value: '{"t":"{{ message.text }}"}' },
    },
  ],
};
const preview = { method: 'POST', url: 'https://crm.example/api/notes', headers: {}, body: '{"t":"hi"}' };
const test = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  name: `Test ${id}`,
  savedAt: 1,
  event: messageEvent('hi', { data: { params: { chatId: 7 } } }),
  expect: [
    { ruleId: 'note', ruleName: 'CRM note', index: 0, kind: 'http', rendered: { hash: 'h', preview } },
  ],
  ...over,
});

describe('policy tests: parsing', () => {
  it('valid tests are kept, native JSON or JSON-encoded (Chrome) alike', () => {
    const encoded = {
      ...test('b'),
      event: { ...messageEvent('hi'), data: JSON.stringify({ params: { chatId: 7 } }) },
      expect: [{ ...test('b').expect[0], rendered: { hash: 'h', preview: JSON.stringify(preview) } }],
    };
    const r = parsePolicy({ rules: [rule], tests: [test('a'), encoded] });
    if (!r.ok) throw new Error(r.error);
    expect(r.testProblems).toEqual([]);
    expect(r.policy.tests?.map((t) => t.id)).toEqual(['a', 'b']);
    expect(r.policy.tests?.[1]?.event.data).toEqual({ params: { chatId: 7 } });
    expect(r.policy.tests?.[1]?.expect[0]?.rendered?.preview).toEqual(preview);
  });

  it.each([
    [
      'an event with no platform',
      [test('a'), test('bad', { event: { ...messageEvent('x'), platform: 'nope' } })],
      ['a'],
      [
        {
          index: 1,
          id: 'bad',
          name: 'Test bad',
          problem: 'event.platform: Choose one of the values offered.',
        },
      ],
    ],
    [
      'a test with no event',
      [test('bad', { event: undefined }), test('a')],
      ['a'],
      [{ index: 0, id: 'bad', name: 'Test bad', problem: 'event: This field is required: fill it in.' }],
    ],
    [
      'two tests with one id',
      [test('a'), test('a', { name: 'Again' })],
      ['a'],
      [{ index: 1, id: 'a', name: 'Again', problem: 'Another test of the policy has the same id.' }],
    ],
    [
      'not a list',
      { id: 'a' },
      undefined,
      [{ index: -1, problem: 'The tests key should be a list of tests: none is used.' }],
    ],
    [
      'a string in the list',
      ['text', test('a')],
      ['a'],
      [{ index: 0, problem: 'This should be a group of fields (a JSON object).' }],
    ],
  ])('%s: left out with a sentence, the rules and the other tests apply', (_, tests, kept, problems) => {
    const r = parsePolicy({ rules: [rule], tests });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.rules?.map((x) => x.id)).toEqual(['note']);
    expect(r.policy.tests?.map((t) => t.id)).toEqual(kept);
    expect(r.testProblems).toEqual(problems);
    // Never zod's own wording.
    for (const p of r.testProblems) expect(p.problem).not.toMatch(/Invalid|expected/);
  });

  it(`keeps the first ${SAVED_TESTS_MAX} tests of a longer list, and says so`, () => {
    const many = Array.from({ length: SAVED_TESTS_MAX + 2 }, (_, i) => test(`t${i}`));
    const r = parsePolicy({ tests: many });
    if (!r.ok) throw new Error(r.error);
    expect(r.policy.tests).toHaveLength(SAVED_TESTS_MAX);
    expect(r.testProblems).toEqual([
      {
        index: SAVED_TESTS_MAX,
        problem: `Only the first ${SAVED_TESTS_MAX} tests are used: the policy has ${SAVED_TESTS_MAX + 2}.`,
      },
    ]);
  });

  it('another invalid key still refuses the policy, as before', () => {
    const r = parsePolicy({ rules: [{ id: 'x' }], tests: [test('a')] });
    expect(r.ok).toBe(false);
  });
});

describe('policy tests in Chrome’s managed schema', () => {
  const schema = JSON.parse(managedSchemaJson()) as { properties: Record<string, Schema> };
  const tests = schema.properties.tests as Schema;
  const item = tests.items as Schema;
  const props = item.properties as Record<string, Schema>;
  const event = props.event?.properties as Record<string, Schema>;
  const expected = props.expect?.items?.properties as Record<string, Schema>;

  it.each([
    ['tests', tests, 'array'],
    ['tests[].id', props.id, 'string'],
    // Chrome's integers are 32-bit: a timestamp arrives as a double, so a whole number zod allows
    // beyond that range is typed number (zod still checks it is whole).
    ['tests[].savedAt (a timestamp)', props.savedAt, 'number'],
    ['tests[].event.tabId', event.tabId, 'number'],
    ['tests[].event.receivedAt', event.receivedAt, 'number'],
    ['tests[].event.data (free-form: JSON-encoded)', event.data, 'string'],
    ['tests[].expect[].index', expected.index, 'integer'],
    [
      'tests[].expect[].rendered.preview (free-form: JSON-encoded)',
      expected.rendered?.properties?.preview,
      'string',
    ],
  ])('%s is typed %s', (_, node, type) => {
    expect(node?.type).toBe(type);
  });

  it('names the platforms and event types it accepts', () => {
    expect(event.platform?.enum).toContain('roxchat');
    expect(event.type?.enum).toContain('message.created');
  });
});
