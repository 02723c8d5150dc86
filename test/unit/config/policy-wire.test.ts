// Proves that what Chrome lets through managed_schema.json is the whole policy: a wire policy using
// every position the subset cannot type (JSON-encoded strings) passes a validator of Chrome's subset
// with nothing stripped, then decodes and validates with zod into the intended rules.
import { describe, expect, it } from 'vitest';
import { managedSchemaJson } from '../../../scripts/gen-managed-schema';
import { parsePolicy } from '../../../src/config/policy';

type Schema = {
  type: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
};

/** Chrome-like normalisation: type errors invalidate, unknown properties are stripped (and reported). */
function chromeNormalize(schema: Schema, value: unknown, path: string, stripped: string[]): boolean {
  const t = Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : typeof value === 'number'
        ? // Chrome's integers are 32-bit: a larger whole number (a timestamp) is a double.
          Number.isInteger(value) && Math.abs(value) < 2 ** 31
          ? 'integer'
          : 'number'
        : typeof value;
  const typeOk = schema.type === t || (schema.type === 'number' && t === 'integer');
  if (!typeOk) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (
    typeof value === 'number' &&
    ((schema.minimum !== undefined && value < schema.minimum) ||
      (schema.maximum !== undefined && value > schema.maximum))
  )
    return false;
  if (Array.isArray(value))
    return value.every(
      (v, i) => schema.items !== undefined && chromeNormalize(schema.items, v, `${path}[${i}]`, stripped),
    );
  if (t === 'object') {
    for (const [k, v] of Object.entries(value as object)) {
      const sub = schema.properties?.[k] ?? schema.additionalProperties;
      if (!sub) {
        stripped.push(`${path}.${k}`);
        continue;
      }
      if (!chromeNormalize(sub, v, `${path}.${k}`, stripped)) return false;
    }
  }
  return true;
}

const wire = {
  sites: [
    {
      id: 'crm',
      name: 'CRM',
      matches: ['https://crm.example/*'],
      platforms: {
        roxchat: { enabled: true, origins: ['https://w.example'] },
        onechat: { socketUrlSuffix: '/cable' },
      },
      managed: true,
    },
  ],
  userRulesAllowed: false,
  userSitesAllowed: true,
  lockedSettings: { paused: false },
  secrets: { crm_key: 'K' },
  journalRetention: { maxEntries: 2000 },
  // A saved test (issue 20): the event's payload and the expected request are JSON-encoded.
  tests: [
    {
      id: 't1',
      name: 'Rox new chat → note',
      savedAt: 1700000000000,
      event: {
        id: 'roxchat:chat:1',
        platform: 'roxchat',
        type: 'message.created',
        sourceEvent: 'newMessageAdded',
        receivedAt: 1700000000000,
        origin: 'https://w.example',
        page: { url: 'https://crm.example/', title: 'CRM' },
        tabId: 3,
        frameId: 0,
        contact: { platformId: 'v1' },
        message: { text: 'order 42', direction: 'inbound' },
        data: '{"params":{"chatId":483,"kind":"visitor"}}',
      },
      expect: [
        {
          ruleId: 'all',
          ruleName: 'every position',
          index: 0,
          kind: 'http',
          rendered: { hash: 'x', preview: '{"method":"POST","body":"{\\"text\\":\\"order 42\\"}"}' },
        },
        { ruleId: 'all', ruleName: 'every position', index: 8, kind: 'log' },
      ],
    },
  ],
  rules: [
    {
      id: 'all',
      name: 'every position',
      enabled: true,
      when: {
        events: ['message.created', 'roxchat:newMessageAdded'],
        platforms: ['roxchat'],
        match: 'any',
        where: [
          { op: 'exists', path: 'contact.phone' },
          { op: 'equals', path: 'data.params.chatId', value: '483' },
          { op: 'not_equals', path: 'data.params.kind', value: 'operator' },
          { op: 'contains', path: 'message.text', value: 'order' },
          { op: 'starts_with', path: 'contact.phone', value: '+7' },
          { op: 'matches', path: 'contact.email', value: '@acme\\.com$', flags: 'i' },
          { op: 'in', path: 'data.params.kind', value: '["visitor","operator"]' },
          { op: 'gt', path: 'data.params.chatId', value: '100' },
          { op: 'lt', path: 'data.params.chatId', value: '100000' },
        ],
      },
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://crm.example/api/notes',
          headers: { Authorization: 'Bearer {{ secrets.crm_key }}' },
          body: {
            type: 'json',
            value:
              '{"text":"{{ message.text }}","visitor":{"id":"{{ contact.platformId }}","tags":["chat"]},"chatId":"{{ data.params.chatId }}"}',
          },
          timeoutMs: 10000,
        },
        {
          kind: 'http',
          url: 'https://crm.example/api/raw',
          body: { type: 'text', value: 'plain {{ message.text }}', contentType: 'text/plain' },
        },
        {
          kind: 'open-url',
          url: 'https://crm.example/c/{{ contact.crmId }}',
          target: 'reuse',
          reusePattern: 'https://crm.example/c/*',
          navigate: true,
        },
        {
          kind: 'agent-command',
          command: 'start_outgoing_chat',
          params: { roxchatVisitorId: '{{ contact.platformId }}', extra: '{"a":[1,2]}' },
        },
        {
          kind: 'fill',
          page: { tab: 'pattern', tabPattern: 'https://crm.example/*', frameScope: 'https://crm.example/*' },
          fields: { '#phone': '{{ contact.phone }}' },
        },
        { kind: 'click', selector: '#save' },
        { kind: 'notify', title: 'Chat', message: '{{ message.text }}', url: 'https://crm.example/' },
        { kind: 'copy', text: '{{ contact.phone }}' },
        { kind: 'log', message: '{{ type }}' },
      ],
      once: { per: 'conversation', windowMs: 60000 },
      throttleMs: 1000,
    },
  ],
};

describe('policy wire format through Chrome’s schema subset', () => {
  it('passes the generated managed_schema with nothing stripped', () => {
    const schema = JSON.parse(managedSchemaJson()) as Schema;
    const stripped: string[] = [];
    expect(chromeNormalize(schema, wire, '', stripped)).toBe(true);
    expect(stripped).toEqual([]);
  });

  it('decodes into the intended, fully validated rules', () => {
    const r = parsePolicy(wire);
    if (!r.ok) throw new Error(r.error);
    const rule = r.policy.rules?.[0];
    const where = rule?.when.where ?? [];
    expect(where.find((c) => c.op === 'in')).toMatchObject({ value: ['visitor', 'operator'] });
    expect(where.find((c) => c.op === 'gt')).toMatchObject({ value: 100 });
    expect(where.find((c) => c.op === 'contains')).toMatchObject({ value: 'order' });
    expect(rule?.then[0]).toMatchObject({
      body: {
        type: 'json',
        value: { text: '{{ message.text }}', visitor: { id: '{{ contact.platformId }}', tags: ['chat'] } },
      },
    });
    expect(rule?.then[3]).toMatchObject({
      params: { roxchatVisitorId: '{{ contact.platformId }}', extra: { a: [1, 2] } },
    });
    expect(r.testProblems).toEqual([]);
    expect(r.policy.tests?.[0]?.event.data).toEqual({ params: { chatId: 483, kind: 'visitor' } });
    expect(r.policy.tests?.[0]?.expect[0]?.rendered?.preview).toEqual({
      method: 'POST',
      body: '{"text":"order 42"}',
    });
  });

  it('native JSON in those positions is accepted as well (Firefox policies.json has no schema filter)', () => {
    const native = structuredClone(wire) as typeof wire & {
      rules: Array<{ then: Array<Record<string, unknown>> }>;
    };
    (native.rules[0] as unknown as { then: Array<Record<string, unknown>> }).then[0] = {
      kind: 'http',
      url: 'https://crm.example/x',
      body: { type: 'json', value: { a: '{{ type }}' } },
    };
    expect(parsePolicy(native).ok).toBe(true);
  });
});
