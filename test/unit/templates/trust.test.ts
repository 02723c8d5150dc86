// Issue 14: event data never reaches a secret (item 2), the organisation's secrets only in its own
// rules (item 7), and event data never chooses a URL's scheme, host or port (item 8).
import { describe, expect, it } from 'vitest';
import { dryRun } from '../../../src/actions/dry-run';
import { renderHttp } from '../../../src/actions/http';
import { renderHttpUrl } from '../../../src/actions/render';
import type { BridgeEvent } from '../../../src/events/model';
import { HttpActionSchema, RuleSchema } from '../../../src/rules/schema';
import { redact, redactDeep } from '../../../src/secrets/redact';
import { isSecretRef, type SecretAccess, secretNamesIn } from '../../../src/templates/segments';
import { messageEvent } from '../builders';

const event = (text: string, over: Partial<BridgeEvent> = {}): BridgeEvent =>
  messageEvent(text, {
    contact: { name: text, crmId: 'c1' },
    data: { text, host: 'evil.example', tail: '.evil.example/x', port: '8443' },
    ...over,
  });

/** What a visitor may type to try to reach a secret. */
const FORGERIES = [
  ['the old placeholder', '\uE000secret:crm\uE001'],
  ['the placeholder, twice, around text', 'a\uE000secret:crm\uE001b\uE000secret:org\uE001c'],
  ['a liquid reference', '{{ secrets.crm }}'],
  ['a liquid tag', '{% raw %}{{ secrets.crm }}{% endraw %}'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} is the point of this value
  ['a JS template', '${secrets.crm}'],
  ['the preview mask', '[secret:crm]'],
  ['private-use characters', '\uE000\uE001\uF8FF\uE000secret:\uE001'],
] as const;

const access = (names: string[], over: Partial<SecretAccess> = {}): SecretAccess => ({
  names,
  managed: [],
  ruleManaged: false,
  ...over,
});

const http = (over: object) =>
  HttpActionSchema.parse({ kind: 'http', url: 'https://crm.example/api', ...over });

describe('item 2: a secret reference comes only from the rule template', () => {
  it.each(FORGERIES)('%s in event text stays literal text in headers and bodies', (_, text) => {
    for (const named of [[], ['crm']]) {
      const { request } = renderHttp(
        http({
          headers: { 'X-Note': '{{ message.text }}', ...(named.length ? { A: '{{ secrets.crm }}' } : {}) },
          body: { type: 'json', value: { t: '{{ message.text }}', n: '{{ contact }}' } },
        }),
        event(text),
        access(['crm', 'org']),
      );
      // The only references are those the template wrote, wherever the event text put look-alikes.
      expect(secretNamesIn(request.body, ...Object.values(request.headers))).toEqual(named);
      expect(request.headers['X-Note']).toEqual([text]);
      expect(request.body?.some(isSecretRef)).toBe(false);
    }
  });

  it.each([
    ['a filter on a secret', 'Bearer {{ secrets.crm | upcase }}'],
    ['a secret as a filter argument', '{{ message.text | append: secrets.crm }}'],
    ['a bracketed secret', '{{ secrets["crm"] }}'],
  ])('%s is refused: a secret is inserted only as {{ secrets.name }}', (_, tpl) => {
    expect(() => renderHttp(http({ headers: { A: tpl } }), event('hi'), access(['crm']))).toThrow(
      /only be inserted on their own/,
    );
  });

  it('the dry run shows [secret:name] from the structure, and visitor text as typed', () => {
    const rule = RuleSchema.parse({
      id: 'r',
      when: { events: ['message.created'] },
      then: [http({ headers: { A: 'Bearer {{ secrets.crm }}', B: '{{ message.text }}' } })],
    });
    const [r] = dryRun([rule], event('\uE000secret:crm\uE001'), ['crm']);
    expect(r?.actions[0]?.preview).toMatchObject({
      headers: { A: 'Bearer [secret:crm]', B: '\uE000secret:crm\uE001' },
    });
  });
});

describe('item 2: redaction walks values', () => {
  const secrets = new Map([
    ['q', 'tok"en\\with\u0001ctl'],
    ['u', 'clé-ünïcode'],
  ]);
  it.each([
    ['a string value', { a: 'x tok"en\\with\u0001ctl y' }],
    ['an object key', { 'tok"en\\with\u0001ctl': 1 }],
    ['non-ASCII', ['clé-ünïcode']],
    ['nested', { a: [{ b: { c: 'clé-ünïcode' } }] }],
  ])('finds a secret JSON would escape, in %s', (_, value) => {
    const out = JSON.stringify(redactDeep(value, secrets));
    expect(out).not.toContain('with\\u0001ctl');
    expect(out).not.toContain('ünïcode');
    expect(out).toMatch(/\[secret:[qu]\]/);
  });

  it('finds the JSON-escaped form in free text (a CRM response echoing the key)', () => {
    expect(redact(`{"k":${JSON.stringify('tok"en\\with\u0001ctl')}}`, secrets)).toBe('{"k":"[secret:q]"}');
  });

  it('redacts strings only: a secret that is also JSON syntax or a number never breaks the value', () => {
    const pin = new Map([
      ['pin', '12345'],
      ['j', '"},{"'],
    ]);
    const out = redactDeep({ seq: 12345, ok: true, text: 'pin 12345', raw: 'a"},{"b' }, pin);
    expect(out).toEqual({ seq: 12345, ok: true, text: 'pin [secret:pin]', raw: 'a[secret:j]b' });
  });

  it('keeps "__proto__" keys as data', () => {
    const out = redactDeep(JSON.parse('{"__proto__":{"p":"clé-ünïcode"}}'), secrets) as object;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"p":"[secret:u]"}}');
  });
});

describe("item 7: the organisation's secrets only in its own rules", () => {
  const tpl = http({ headers: { Authorization: 'Bearer {{ secrets.org }}' } });
  const org = access(['crm', 'org'], { managed: ['org'] });

  it('a user rule naming a managed secret is refused, with the reason', () => {
    expect(() => renderHttp(tpl, event('hi'), org)).toThrow(
      'secret org is set by your organisation and is available only to its rules',
    );
  });

  it('a managed rule may use it; a user rule may use its own', () => {
    expect(renderHttp(tpl, event('hi'), { ...org, ruleManaged: true }).request.headers.Authorization).toEqual(
      ['Bearer ', { secret: 'org' }],
    );
    const own = http({ headers: { Authorization: '{{ secrets.crm }}' } });
    expect(renderHttp(own, event('hi'), org).request.headers.Authorization).toEqual([{ secret: 'crm' }]);
  });

  it('the dry run of a user rule says so', () => {
    const rule = RuleSchema.parse({ id: 'u', when: { events: ['message.created'] }, then: [tpl] });
    const [r] = dryRun([rule], event('hi'), ['crm', 'org'], ['org']);
    expect(r?.actions[0]?.error).toMatch(/set by your organisation/);
  });
});

describe('item 8: event data never chooses where a URL points', () => {
  const STEERED = [
    'https://{{ data.host }}.kommo.com/api',
    'https://crm.example.com{{ data.tail }}',
    'https://crm.example.com:{{ data.port }}/',
    '{{ data.host | raw }}',
    'https://crm.example.com/{{ data.tail | raw }}',
    'https://user:{{ data.host }}@crm.example.com/',
    '{{ data.host }}',
    'https://crm.example.com\\{{ data.tail }}',
  ];

  it.each(STEERED)('%s is refused at save time with a clear reason', (url) => {
    const r = HttpActionSchema.safeParse({ kind: 'http', url });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/must be fixed text|raw filter is not allowed/);
  });

  it.each(STEERED)('%s is refused at render time (a rule that bypassed the schema)', (url) => {
    expect(() => renderHttpUrl(url, { ...event('hi') })).toThrow(/must be fixed text|raw filter/);
  });

  it.each(['open-url', 'notify'])('%s actions are checked too', (kind) => {
    const r = RuleSchema.safeParse({
      id: 'x',
      when: { events: ['message.created'] },
      then: [{ kind, url: 'https://{{ data.host }}/' }],
    });
    expect(r.success).toBe(false);
  });

  it.each([
    'https://crm.example.com/contacts/{{ contact.crmId }}',
    'https://crm.example.com?q={{ message.text }}',
    'https://crm.example.com#{{ message.text }}',
    'https://crm.example.com:8443/x/{{ data.host }}',
    'https://crm.example.com',
  ])('%s keeps its origin', (url) => {
    const r = renderHttpUrl(url, { ...event('@evil.example:1/x?y#z') });
    expect(r.value.origin).toMatch(/^https:\/\/crm\.example\.com(:8443)?$/);
    expect(HttpActionSchema.safeParse({ kind: 'http', url }).success).toBe(true);
  });
});
