import { describe, expect, it } from 'vitest';
import { dryRun } from '../../../src/actions/dry-run';
import { renderHttp } from '../../../src/actions/http';
import { renderHttpUrl, renderJson } from '../../../src/actions/render';
import type { BridgeEvent } from '../../../src/events/model';
import { HttpActionSchema, RuleSchema } from '../../../src/rules/schema';
import { parseTemplate, renderTemplate } from '../../../src/templates/engine';
import { digits, e164 } from '../../../src/templates/filters';
import { joinSegments, NO_SECRETS, type SecretAccess } from '../../../src/templates/segments';

const HOSTILE = {
  quotes: `He said "hi" and 'bye'`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} is the point of this value
  braces: '{{ secrets.crm }} {% if true %}x{% endif %} ${alert(1)}',
  crlf: 'a\r\nX-Injected: 1',
  js: 'javascript:alert(1)',
  data: 'data:text/html,<script>alert(1)</script>',
  html: '</script><img src=x onerror=alert(1)>',
};

const event = (over: Partial<BridgeEvent> = {}): BridgeEvent => ({
  id: 'roxchat:x:k:1',
  platform: 'roxchat',
  type: 'message.created',
  sourceEvent: 'newMessageAdded',
  receivedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  origin: 'o',
  page: { url: 'u', title: '' },
  tabId: 1,
  frameId: 0,
  contact: { phone: '+1 (555) 010-2030', name: 'Ann Lee', email: 'ANN@EXAMPLE.COM' },
  message: { text: 'hi', direction: 'inbound' },
  conversation: { id: '42' },
  data: { hostile: HOSTILE, n: 7, nested: { a: [1, 2] } },
  ...over,
});
const scope = (e = event()) => ({ ...e }) as Record<string, unknown>;

describe('filters', () => {
  it.each([
    ['{{ contact.phone | digits }}', '15550102030'],
    ['{{ contact.phone | e164 }}', '+15550102030'],
    ['{{ contact.email | lower }}', 'ann@example.com'],
    ['{{ contact.name | upper }}', 'ANN LEE'],
    ['{{ contact.missing | default: "none" }}', 'none'],
    ['{{ data.nested | json }}', '{"a":[1,2]}'],
    ['{{ receivedAt | date: "%Y-%m-%d", "UTC" }}', '2026-01-02'],
    ['{{ contact.name | url_encode }}', 'Ann+Lee'],
    ['{{ nope.nothing }}', ''],
  ])('%s → %s', (tpl, out) => {
    expect(renderTemplate(tpl, scope(), 'text').value).toBe(out);
  });

  it.each([
    ['0044 20 7946 0000', '+442079460000'],
    ['+7 (912) 345-67-89', '+79123456789'],
    ['8 912 345 67 89', '89123456789'],
    ['', ''],
    ['n/a', ''],
  ])('e164(%j) = %j', (input, out) => {
    expect(e164(input)).toBe(out);
  });

  it('digits of null is empty', () => {
    expect(digits(null)).toBe('');
  });
});

describe('templates are logic-less and data is never re-evaluated', () => {
  it.each([
    '{% if x %}y{% endif %}',
    '{% assign a = 1 %}',
    '{{ x | evil_filter }}',
    '{% include "x" %}',
  ])('refuses %s', (tpl) => {
    expect(() => parseTemplate(tpl)).toThrow();
  });

  it('template syntax inside event data is output literally', () => {
    expect(renderTemplate('{{ data.hostile.braces }}', scope(), 'text').value).toBe(HOSTILE.braces);
  });

  it('reports missing variables', () => {
    expect(renderTemplate('{{ contact.crmId }}-{{ contact.name }}', scope(), 'text').missing).toEqual([
      'contact.crmId',
    ]);
  });

  it('inherited properties are not reachable', () => {
    expect(
      renderTemplate(
        '{{ data.constructor }}{{ data.__proto__ }}{{ contact.toString }}{{ data.hasOwnProperty }}',
        scope(),
        'text',
      ).value,
    ).toBe('');
  });
});

describe('URLs', () => {
  it('URL-encodes every interpolation by default', () => {
    const url = renderHttpUrl(
      'https://crm.example/search?q={{ data.hostile.quotes }}&h={{ data.hostile.html }}',
      scope(),
    ).value;
    expect(url.searchParams.get('q')).toBe(HOSTILE.quotes);
    expect(url.searchParams.get('h')).toBe(HOSTILE.html);
    expect(url.origin).toBe('https://crm.example');
  });

  it.each([
    '{{ data.hostile.js }}',
    '{{ data.hostile.data }}',
    '{{ data.hostile.js | raw }}',
    'javascript:{{ message.text }}',
  ])('never yields a non-http(s) URL: %s', (tpl) => {
    expect(() => renderHttpUrl(tpl, scope())).toThrow();
  });

  it('an interpolation cannot change the host', () => {
    const url = renderHttpUrl(
      'https://crm.example/contacts/{{ message.text }}',
      scope(event({ message: { text: '@evil.com/x', direction: 'inbound' } })),
    ).value;
    expect(url.host).toBe('crm.example');
  });
});

describe('http rendering', () => {
  const action = (over: object) =>
    HttpActionSchema.parse({ kind: 'http', url: 'https://crm.example/api', ...over });

  it('JSON bodies render each leaf separately: quotes and braces cannot break out', () => {
    const { request } = renderHttp(
      action({
        body: {
          type: 'json',
          value: {
            q: '{{ data.hostile.quotes }}',
            b: '{{ data.hostile.braces }}',
            n: '{{ data.n }}',
            nested: '{{ data.nested }}',
            s: 'x {{ data.n }}',
          },
        },
      }),
      event(),
      NO_SECRETS,
    );
    expect(JSON.parse(joinSegments(request.body ?? [], () => ''))).toEqual({
      q: HOSTILE.quotes,
      b: HOSTILE.braces,
      n: 7,
      nested: { a: [1, 2] },
      s: 'x 7',
    });
  });

  it('CR/LF in a header value is refused (no header injection)', () => {
    expect(() =>
      renderHttp(action({ headers: { 'X-Note': '{{ data.hostile.crlf }}' } }), event(), NO_SECRETS),
    ).toThrow(/line break/);
  });

  it('secrets resolve only in headers and bodies, as references until send time', () => {
    const access: SecretAccess = { names: ['crm'], managed: [], ruleManaged: false };
    const { request } = renderHttp(
      action({
        url: 'https://crm.example/api?k={{ secrets.crm }}',
        headers: { Authorization: 'Bearer {{ secrets.crm }}' },
        body: { type: 'json', value: { key: '{{ secrets.crm }}' } },
      }),
      event(),
      access,
    );
    expect(request.url).toBe('https://crm.example/api?k=');
    expect(request.headers.Authorization).toEqual(['Bearer ', { secret: 'crm' }]);
    const value = (n: string) => (n === 'crm' ? 's3cret "quoted"' : '');
    expect(joinSegments(request.headers.Authorization ?? [], value)).toBe('Bearer s3cret "quoted"');
    expect(JSON.parse(joinSegments(request.body ?? [], value))).toEqual({ key: 's3cret "quoted"' });
  });

  it('plain http only to loopback', () => {
    expect(() => renderHttp(action({ url: 'http://crm.example/api' }), event(), NO_SECRETS)).toThrow(/https/);
    expect(renderHttp(action({ url: 'http://127.0.0.1:8080/api' }), event(), NO_SECRETS).request.url).toBe(
      'http://127.0.0.1:8080/api',
    );
  });

  it('a JSON leaf never evaluates data as a template', () => {
    const r = renderJson({ v: '{{ data.hostile.braces }}' }, { ...event() });
    expect(r.value).toEqual({ v: HOSTILE.braces });
  });
});

describe('dry run', () => {
  it('shows match / no match with the failing condition, rendered actions and masked secrets', () => {
    const rules = [
      RuleSchema.parse({
        id: 'a',
        name: 'A',
        when: { events: ['message.created'] },
        then: [
          {
            kind: 'http',
            url: 'https://crm.example/n',
            headers: { Authorization: 'Bearer {{ secrets.crm }}' },
            body: { type: 'json', value: { t: '{{ message.text }}', c: '{{ contact.crmId }}' } },
          },
        ],
      }),
      RuleSchema.parse({
        id: 'b',
        name: 'B',
        when: { events: ['message.created'], where: [{ op: 'exists', path: 'contact.crmId' }] },
        then: [{ kind: 'log' }],
      }),
    ];
    const [a, b] = dryRun(rules, event(), ['crm']);
    expect(a?.matched).toBe(true);
    expect(a?.actions[0]?.preview).toMatchObject({ headers: { Authorization: 'Bearer [secret:crm]' } });
    expect(a?.actions[0]?.missing).toEqual(['contact.crmId']);
    expect(b).toMatchObject({ matched: false, reason: 'failed: contact.crmId exists' });
  });
});
