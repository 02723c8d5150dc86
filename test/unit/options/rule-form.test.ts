import { describe, expect, it } from 'vitest';
import { type Condition, type RuleInput, RuleSchema } from '../../../src/rules/schema';
import {
  ACTION_KINDS,
  CONDITION_OPS,
  defaultActionForm,
  formToRule,
  issuesAt,
  newRuleForm,
  type RuleForm,
  ruleToForm,
  switchJsonMapMode,
  validateRuleForm,
} from '../../../src/ui/options/rule-form';

const base = (over: Partial<RuleInput> = {}): RuleInput => ({
  id: 'r1',
  name: 'A rule',
  when: { events: ['message.created'] },
  then: [{ kind: 'log' }],
  ...over,
});

/** rule → form → rule, through the schema on both ends (defaults applied), must be the identity. */
function roundTrip(input: RuleInput) {
  const parsed = RuleSchema.parse(input);
  const form = ruleToForm(parsed);
  const { rule, issues } = formToRule(form);
  expect(issues).toEqual([]);
  expect(RuleSchema.parse(rule)).toEqual(parsed);
  // And the form validates to the same rule.
  expect(validateRuleForm(form)).toEqual({ rule: parsed, issues: [] });
}

// Every action kind, minimal (defaults) and with every option set.
const actions: Array<[string, RuleInput['then'][number]]> = [
  ['http minimal', { kind: 'http', url: 'https://crm.example.com/api' }],
  [
    'http json body, flat (edited as rows)',
    {
      kind: 'http',
      method: 'PUT',
      url: 'https://crm.example.com/api/{{ contact.crmId }}',
      headers: { Authorization: 'Bearer {{ secrets.crm }}', 'X-Trace': '{{ id }}' },
      body: { type: 'json', value: { text: '{{ message.text }}', chat: '{{ conversation.id }}' } },
      timeoutMs: 5000,
    },
  ],
  [
    'http json body, nested with numbers and arrays (edited as JSON)',
    {
      kind: 'http',
      url: 'https://api.hubapi.com/crm/v3/objects/notes',
      body: {
        type: 'json',
        value: {
          properties: { n: 1, ok: true, none: null },
          associations: [{ to: { id: '{{ contact.crmId }}' } }],
        },
      },
    },
  ],
  [
    'http json body that is an array',
    { kind: 'http', url: 'https://x.example', body: { type: 'json', value: [{ a: 'b' }] } },
  ],
  [
    'http json body that is a string',
    { kind: 'http', url: 'https://x.example', body: { type: 'json', value: '{{ data }}' } },
  ],
  [
    'http text body',
    {
      kind: 'http',
      method: 'PATCH',
      url: 'https://x.example',
      body: { type: 'text', value: 'hi {{ contact.name }}', contentType: 'text/csv' },
    },
  ],
  ['http GET without body', { kind: 'http', method: 'GET', url: 'https://x.example/?q={{ contact.phone }}' }],
  ['open-url minimal', { kind: 'open-url', url: 'https://crm.example.com/c/{{ contact.crmId }}' }],
  [
    'open-url reuse',
    {
      kind: 'open-url',
      url: 'https://crm.example.com/c/{{ contact.crmId }}',
      target: 'reuse',
      reusePattern: 'https://crm.example.com/*',
      navigate: false,
    },
  ],
  ['open-url current', { kind: 'open-url', url: 'https://crm.example.com/', target: 'current' }],
  ['agent-command minimal', { kind: 'agent-command', command: 'open' }],
  [
    'agent-command string params (rows)',
    {
      kind: 'agent-command',
      command: 'start_outgoing_chat',
      params: { roxchatVisitorId: '{{ contact.platformId }}' },
    },
  ],
  [
    'agent-command structured params (JSON)',
    {
      kind: 'agent-command',
      command: 'setCustomData',
      params: { fields: [{ title: 'Id', content: '{{ id }}' }] },
    },
  ],
  ['fill minimal', { kind: 'fill', fields: { '#phone': '{{ contact.phone }}' } }],
  [
    'fill with page target',
    {
      kind: 'fill',
      page: {
        tab: 'pattern',
        tabPattern: 'https://crm.example.com/*',
        frameScope: 'https://crm.example.com/frame*',
      },
      fields: { '#phone': '{{ contact.phone }}', 'input[name="email"]': '{{ contact.email }}' },
    },
  ],
  ['click minimal', { kind: 'click', selector: 'button#search' }],
  [
    'click with page target',
    { kind: 'click', page: { tab: 'pattern', tabPattern: 'https://crm/*' }, selector: '#go' },
  ],
  ['notify defaults', { kind: 'notify' }],
  [
    'notify full',
    { kind: 'notify', title: 'New {{ type }}', message: '{{ message.text }}', url: 'https://crm/{{ id }}' },
  ],
  ['copy', { kind: 'copy', text: '{{ contact.phone | e164 }}' }],
  ['log defaults', { kind: 'log' }],
  ['log message', { kind: 'log', message: 'seen {{ sourceEvent }}' }],
  [
    'ask-agent (edited as JSON)',
    {
      kind: 'ask-agent',
      id: 'wrap',
      title: 'Wrap up {{ conversation.id }}',
      form: [
        { name: 'outcome', label: 'Outcome', type: 'select', options: ['sale', 'none'], default: 'none' },
        { name: 'note', label: 'Note', type: 'textarea', required: true },
      ],
      answerTimeoutMs: 60_000,
      present: 'window',
    },
  ],
  [
    'http find step with every step field',
    {
      kind: 'http',
      id: 'find',
      if: [
        { op: 'not_exists', path: 'links.contact' },
        { op: 'equals', path: 'steps.before.status', value: 200 },
      ],
      method: 'GET',
      url: 'https://crm.example.com/search?q={{ contact.email }}',
      matches: 'data.items',
      onMany: 'ask',
      candidateLabel: '{{ item.name }}',
      askTimeoutMs: 600_000,
      onManyDefault: 'create',
      remember: { contact: '{{ steps.find.body.data.items.0.id }}', conversation: '{{ links.contact }}' },
    },
  ],
  ['http find step over a top-level list', { kind: 'http', id: 'f', url: 'https://x.example', matches: '' }],
  [
    'log step remembering the conversation only',
    { kind: 'log', id: 'link', remember: { conversation: '{{ links.contact }}' } },
  ],
];

// Every condition op, with every value type the form offers for it.
const conditions: Array<[string, Condition]> = [
  ['exists', { op: 'exists', path: 'contact.phone' }],
  ['equals text', { op: 'equals', path: 'data.params.kind', value: 'visitor' }],
  ['equals text with commas and spaces', { op: 'equals', path: 'a', value: ' a, b ' }],
  ['equals empty text', { op: 'equals', path: 'a', value: '' }],
  ['equals number', { op: 'equals', path: 'data.params.chatId', value: 483 }],
  ['equals negative decimal', { op: 'equals', path: 'a', value: -0.125 }],
  ['equals true', { op: 'equals', path: 'a', value: true }],
  ['equals false', { op: 'equals', path: 'a', value: false }],
  ['equals null', { op: 'equals', path: 'a', value: null }],
  ['not_equals text', { op: 'not_equals', path: 'data.params.taskId', value: 'invite' }],
  ['not_equals number', { op: 'not_equals', path: 'a', value: 7 }],
  ['not_equals boolean', { op: 'not_equals', path: 'a', value: false }],
  ['not_equals null', { op: 'not_equals', path: 'a', value: null }],
  ['contains', { op: 'contains', path: 'message.text', value: 'refund' }],
  ['starts_with', { op: 'starts_with', path: 'contact.phone', value: '+34' }],
  ['matches without flags', { op: 'matches', path: 'message.text', value: '^order #\\d+$' }],
  ['matches with flags', { op: 'matches', path: 'message.text', value: 'refund', flags: 'i' }],
  ['in text list', { op: 'in', path: 'data.params.kind', value: ['visitor', 'operator'] }],
  ['in empty list', { op: 'in', path: 'a', value: [] }],
  ['in number list', { op: 'in', path: 'a', value: [1, 2.5, -3] }],
  ['in mixed list (JSON)', { op: 'in', path: 'a', value: ['a', 1, true, null] }],
  ['in texts with commas (JSON)', { op: 'in', path: 'a', value: ['a,b', ' c'] }],
  ['gt', { op: 'gt', path: 'data.params.chatId', value: 100 }],
  ['lt', { op: 'lt', path: 'a', value: -1.5 }],
  ['not_exists', { op: 'not_exists', path: 'links.contact' }],
];

describe('rule form ↔ rule schema', () => {
  it.each(actions)('round-trips action: %s', (_name, action) => {
    roundTrip(base({ then: [action] }));
  });

  it.each(conditions)('round-trips condition: %s', (_name, condition) => {
    roundTrip(base({ when: { events: ['message.created'], where: [condition] } }));
  });

  it('covers every action kind and every condition op of the schema', () => {
    const kinds = new Set(actions.map(([, a]) => a.kind));
    expect([...kinds].sort()).toEqual([...ACTION_KINDS].sort());
    const ops = new Set(conditions.map(([, c]) => c.op));
    expect([...ops].sort()).toEqual([...CONDITION_OPS].sort());
  });

  it.each([
    [
      'everything',
      base({
        name: 'All',
        enabled: false,
        when: {
          events: ['message.created', 'roxchat:visitorSelected'],
          platforms: ['roxchat', 'jivochat'],
          where: [conditions[1]?.[1] as Condition, conditions[4]?.[1] as Condition],
          match: 'any',
        },
        then: actions.slice(0, 20).map(([, a]) => a),
        once: { per: 'conversation', windowMs: 1500 },
        throttleMs: 2_000,
      }),
    ],
    ['once with default window', base({ once: { per: 'contact' } })],
    ['once per event, odd window', base({ once: { per: 'event', windowMs: 1234567 } })],
    ['throttle 0', base({ throttleMs: 0 })],
  ])('round-trips a whole rule: %s', (_name, rule) => roundTrip(rule));

  it('every action kind starts from a form that validates once its required fields are filled', () => {
    for (const kind of ACTION_KINDS) {
      const form = {
        ...newRuleForm('x'),
        events: ['message.created'],
        then: [defaultActionForm(kind)],
      } as RuleForm;
      const r = validateRuleForm(form);
      // Required fields (url, command, selector, fill fields, copy text) are reported at their own path.
      for (const i of r.issues) expect(i.path.startsWith('then.0')).toBe(true);
    }
  });
});

describe('rule form validation: problems land on the field of their path', () => {
  const valid = () =>
    ruleToForm(RuleSchema.parse(base({ then: [{ kind: 'http', url: 'https://x.example' }] })));

  it('zod problems carry the rule path of their field', () => {
    const form = { ...valid(), events: ['not a selector'] };
    const r = validateRuleForm(form);
    expect(r.rule).toBeUndefined();
    expect(issuesAt(r.issues, 'when.events', true)[0]?.message).toMatch(/canonical type/);
  });

  it('a number that is not one is reported at the condition value, not as a zod type error', () => {
    const form: RuleForm = {
      ...valid(),
      where: [{ op: 'gt', path: 'data.params.chatId', value: 'ten', valueType: 'number', flags: '' }],
    };
    expect(validateRuleForm(form).issues).toEqual([
      { path: 'when.where.0.value', message: 'enter a number' },
    ]);
  });

  it('bad JSON in a body is reported at the body, once', () => {
    const form = valid();
    const a = form.then[0];
    if (a?.kind !== 'http') throw new Error('http');
    form.then[0] = { ...a, bodyType: 'json', bodyJson: { mode: 'json', fields: [], json: '{"a": ' } };
    const issues = validateRuleForm(form).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('then.0.body.value');
    expect(issues[0]?.message).toMatch(/not valid JSON/);
  });

  it('duplicate header names and nameless rows are reported at the headers', () => {
    const form = valid();
    const a = form.then[0];
    if (a?.kind !== 'http') throw new Error('http');
    form.then[0] = {
      ...a,
      headers: [
        { key: 'X-A', value: '1' },
        { key: 'X-A', value: '2' },
        { key: '', value: 'orphan' },
        { key: '', value: '' },
      ],
    };
    const issues = validateRuleForm(form).issues.map((i) => i.message);
    expect(issues).toContain('"X-A" appears twice');
    expect(issues).toContain('a row has a value but no name');
  });

  it('an invalid header name is reported at the headers, in words', () => {
    const form = valid();
    const a = form.then[0];
    if (a?.kind !== 'http') throw new Error('http');
    form.then[0] = { ...a, headers: [{ key: 'Bad Header', value: 'x' }] };
    const issues = validateRuleForm(form).issues;
    expect(issues).toEqual([
      { path: 'then.0.headers', message: '"Bad Header" is not a valid HTTP header name' },
    ]);
  });

  it('a key named __proto__ stays an own property (no prototype games)', () => {
    const form = valid();
    const a = form.then[0];
    if (a?.kind !== 'http') throw new Error('http');
    form.then[0] = {
      ...a,
      bodyType: 'json',
      bodyJson: { mode: 'fields', fields: [{ key: '__proto__', value: 'x' }], json: '' },
    };
    const then = formToRule(form).rule.then[0] as { body: { value: object } };
    expect(Object.hasOwn(then.body.value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(then.body.value)).toBe(Object.prototype);
  });

  it('JSON maps switch between rows and JSON when they can', () => {
    const rows = { mode: 'fields' as const, fields: [{ key: 'a', value: '{{ x }}' }], json: '' };
    const json = switchJsonMapMode(rows, 'json');
    expect(typeof json !== 'string' && JSON.parse(json.json)).toEqual({ a: '{{ x }}' });
    expect(switchJsonMapMode({ mode: 'json', fields: [], json: '{"a": {"b": 1}}' }, 'fields')).toMatch(
      /only an object/,
    );
    expect(switchJsonMapMode({ mode: 'json', fields: [], json: '{"a": "b"}' }, 'fields')).toEqual({
      mode: 'fields',
      fields: [{ key: 'a', value: 'b' }],
      json: '',
    });
  });

  it('a loose JSON rule (as typed in JSON mode) maps to a form without throwing', () => {
    expect(() => ruleToForm({ when: 'x', then: [{ kind: 'notify', title: 3 }], once: {} })).not.toThrow();
    expect(ruleToForm(null).events).toEqual([]);
  });
});
