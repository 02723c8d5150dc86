// Issue 14, "Done when" 2: every platform's payloads carry visitor-controlled text with template
// syntax, Private Use Area characters (the old secret placeholder among them), {% %} tags and ${…};
// each normalised event is rendered through http rules with and without secret references and
// resolved exactly as the outbox sends it. No secret value ever appears in a request that did not
// name it, nor anywhere but the places the rule named. FUZZ_RUNS sets the runs per platform.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dryRun } from '../../../src/actions/dry-run';
import { renderHttp } from '../../../src/actions/http';
import type { BridgeEvent } from '../../../src/events/model';
import { resolveRequest } from '../../../src/outbox/resolve';
import { PLATFORMS } from '../../../src/platforms';
import { HttpActionSchema, RuleSchema } from '../../../src/rules/schema';
import { TemplateError } from '../../../src/templates/engine';
import type { SecretAccess } from '../../../src/templates/segments';
import { CAPTURE_CONTEXT } from '../builders';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const ctx = CAPTURE_CONTEXT;

/** Values no generated text can spell (the alphabet below has no "Z9"). */
const SECRETS = new Map([
  ['crm', 'Z9crm-value-Q'],
  ['org', 'Z9org-value-Q'],
]);
const isManaged = (n: string) => n === 'org';
const user: SecretAccess = { names: [...SECRETS.keys()], managed: ['org'], ruleManaged: false };

const PIECES = [
  '\uE000secret:crm\uE001',
  '\uE000secret:org\uE001',
  '\uE000',
  '\uE001',
  'secret:',
  'crm',
  'org',
  '{{ secrets.crm }}',
  '{{secrets.org}}',
  '{{',
  '}}',
  '{% raw %}',
  '{% endraw %}',
  '{% if true %}',
  '{%',
  '%}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} is the point of this value
  '${secrets.crm}',
  '${',
  '}',
  ' | raw',
  '[secret:crm]',
  '"',
  '\\',
  ' ',
  'a',
];
const pua = fc.integer({ min: 0xe000, max: 0xf8ff }).map((c) => String.fromCharCode(c));
const hostile = fc.string({ unit: fc.oneof(fc.constantFrom(...PIECES), pua), minLength: 1, maxLength: 12 });

/** Replaces the string leaves picked by `mask` (cycled) with hostile text. */
function inject(raw: unknown, texts: string[], mask: boolean[]): unknown {
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const i = n++;
      return mask[i % mask.length] ? (texts[i % texts.length] ?? v) : v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(raw);
}

const URL_TPL =
  'https://crm.example/n/{{ contact.phone | digits }}?q={{ message.text }}&n={{ contact.name }}';
const BODY = {
  t: '{{ message.text }}',
  n: 'name: {{ contact.name }} / {{ contact.email }}',
  d: '{{ data }}',
  j: '{{ data | json }}',
};
const plainJson = HttpActionSchema.parse({
  kind: 'http',
  url: URL_TPL,
  headers: { 'X-Chat': '{{ conversation.id | default: "none" }}' },
  body: { type: 'json', value: BODY },
});
const plainText = HttpActionSchema.parse({
  kind: 'http',
  url: URL_TPL,
  body: { type: 'text', value: '{{ message.text }} {{ contact.name }} {{ data | json }}' },
});
const named = HttpActionSchema.parse({
  kind: 'http',
  url: URL_TPL,
  headers: { Authorization: 'Bearer {{ secrets.crm }}' },
  body: { type: 'json', value: { ...BODY, key: '{{ secrets.crm }}' } },
});
const orgInUserRule = HttpActionSchema.parse({
  kind: 'http',
  url: URL_TPL,
  headers: { 'X-Org': '{{ secrets.org }}', 'X-T': '{{ message.text }}' },
});

const count = (hay: string, needle: string) => hay.split(needle).length - 1;

/** Renders and resolves as the outbox would; undefined when refused (a readable TemplateError). */
function send(action: typeof named, event: BridgeEvent, access = user) {
  let request: ReturnType<typeof renderHttp>['request'];
  try {
    request = renderHttp(action, event, access).request;
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return undefined;
  }
  const r = resolveRequest(request, SECRETS, isManaged, access.ruleManaged);
  if ('refused' in r) throw new Error(`unexpected refusal: ${r.refused}`);
  return { url: request.url, ...r, all: JSON.stringify([request.url, r.headers, r.body]) };
}

const rule = RuleSchema.parse({
  id: 'dry',
  when: { events: ['message.created'] },
  then: [named, orgInUserRule],
});

function check(event: BridgeEvent, tally: { events: number; hostileSent: number }): void {
  tally.events++;
  for (const action of [plainJson, plainText]) {
    const sent = send(action, event);
    if (!sent) continue;
    for (const v of SECRETS.values()) expect(sent.all).not.toContain(v);
    if (action === plainJson) expect(JSON.parse(sent.body ?? '').t).toBe(event.message?.text ?? '');
    if (/[\uE000-\uF8FF]|\{\{|\{%|\$\{/.test(event.message?.text ?? '')) tally.hostileSent++;
  }
  const withKey = send(named, event);
  if (withKey) {
    expect(withKey.headers.Authorization).toBe(`Bearer ${SECRETS.get('crm')}`);
    const body = JSON.parse(withKey.body ?? '');
    expect(body.key).toBe(SECRETS.get('crm'));
    expect(body.t).toBe(event.message?.text ?? '');
    // Exactly the two places the template named, never one more through event text.
    expect(count(withKey.all, 'Z9crm-value-Q')).toBe(2);
    expect(withKey.all).not.toContain('Z9org-value-Q');
  }
  // A user rule naming the organisation's secret is refused; its managed twin may use it.
  expect(send(orgInUserRule, event)).toBeUndefined();
  const managed = send(orgInUserRule, event, { ...user, ruleManaged: true });
  if (managed) expect(count(managed.all, 'Z9org-value-Q')).toBe(1);
  // The dry run never holds a value: references are shown as [secret:name].
  const preview = JSON.stringify(dryRun([rule], event, [...SECRETS.keys()], ['org']));
  for (const v of SECRETS.values()) expect(preview).not.toContain(v);
}

describe.each(PLATFORMS.map((p) => [p.id, p] as const))('secrets fuzz %s', (_id, platform) => {
  it(`hostile text in every string of its payloads never pulls a secret (${RUNS} runs)`, () => {
    const fixtures = platform.fixtures.map((f) => f.raw);
    const arb = fc.record({
      fixture: fc.constantFrom(...fixtures),
      texts: fc.array(hostile, { minLength: 1, maxLength: 6 }),
      mask: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
    });
    const tally = { events: 0, hostileSent: 0 };
    fc.assert(
      fc.property(arb, ({ fixture, texts, mask }) => {
        const result = platform.normalize(inject(fixture, texts, mask), ctx);
        if (result.ok) for (const event of result.events) check(event, tally);
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: events were rendered, and hostile text reached a sent request.
    expect(tally.events).toBeGreaterThan(0);
    expect(tally.hostileSent).toBeGreaterThan(0);
  }, 120_000);
});
