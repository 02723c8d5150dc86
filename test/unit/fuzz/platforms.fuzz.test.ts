// Property-based fuzzing of the whole pure pipeline for every platform: validate → normalise → rules
// → templates. Inputs are random JSON and mutations of the seed fixtures (fields removed, retyped,
// oversized, deeply nested, prototype keys). FUZZ_RUNS sets the runs per platform (CI: 5,000).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dryRun } from '../../../src/actions/dry-run';
import { BridgeEventSchema } from '../../../src/events/model';
import { PLATFORMS } from '../../../src/platforms';
import { RuleIndex } from '../../../src/rules/matcher';
import { RuleSchema } from '../../../src/rules/schema';
import { CAPTURE_CONTEXT } from '../builders';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const ctx = CAPTURE_CONTEXT;

const rules = [
  RuleSchema.parse({
    id: 'everything',
    when: {
      events: [
        'message.created',
        'conversation.closed',
        'contact.identified',
        'platform.unknown',
        'conversation.updated',
        'widget.opened',
      ],
    },
    then: [
      {
        kind: 'http',
        url: 'https://crm.example/n/{{ contact.phone | digits }}?q={{ message.text }}',
        headers: { 'X-C': '{{ conversation.id | default: "none" }}' },
        body: {
          type: 'json',
          value: {
            t: '{{ message.text }}',
            d: '{{ data }}',
            n: '{{ contact.name | upper }} {{ contact.phone | e164 }}',
            j: '{{ data | json }}',
          },
        },
      },
      { kind: 'open-url', url: 'https://crm.example/c/{{ contact.crmId }}' },
      {
        kind: 'log',
        message: '{{ sourceEvent }} {{ data.params.kind }} {{ data.__proto__ }} {{ data.constructor }}',
      },
    ],
  }),
  RuleSchema.parse({
    id: 'conds',
    when: {
      events: ['message.created', 'platform.unknown'],
      match: 'any',
      where: [
        { op: 'matches', path: 'message.text', value: '^(a+)+$' },
        { op: 'contains', path: 'data', value: 'x' },
        { op: 'gt', path: 'data.params.chatId', value: 1 },
        { op: 'in', path: 'contact.email', value: ['a', 1, null] },
      ],
    },
    then: [{ kind: 'log' }],
  }),
];
const index = new RuleIndex(rules);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** A JSON value with the nasty cases mixed in. */
const nasty = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      '',
      '{{ secrets.x }}',
      '{% if %}',
      '\r\nX: y',
      'javascript:alert(1)',
      '</script>',
      'a'.repeat(5000),
      '__proto__',
      '+1 (555) 010',
    ),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTO_KEYS)), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

function deep(levels: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** Mutates one path of a fixture: remove, retype, oversize, nest deeply, or inject a prototype key. */
function mutate(raw: unknown, pick: number, kind: number, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(raw ?? null)) as unknown;
  const paths: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        paths.push({ parent: node, key: i });
        walk(v);
      });
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        paths.push({ parent: node as Record<string, unknown>, key: k });
        walk(v);
      }
    }
  };
  walk(copy);
  const target = paths[pick % Math.max(1, paths.length)];
  if (!target) return replacement;
  const p = target.parent as Record<string | number, unknown>;
  switch (kind % 6) {
    case 0:
      delete p[target.key];
      break;
    case 1:
      p[target.key] = replacement;
      break;
    case 2:
      p[target.key] = 'x'.repeat(100_000);
      break;
    case 3:
      p[target.key] = deep(200);
      break;
    case 4:
      // A real own "__proto__" key, as JSON.parse produces it from a hostile payload.
      p[target.key] = JSON.parse(
        '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
      );
      break;
    default:
      p[target.key] = [replacement, replacement];
  }
  return copy;
}

function runPipeline(
  platform: (typeof PLATFORMS)[number],
  raw: unknown,
  tally: { ok: number; rejected: number },
): void {
  const result = platform.normalize(raw, ctx);
  if (result.ok) tally.ok++;
  else tally.rejected++;
  if (!result.ok) {
    expect(typeof result.reason).toBe('string');
    expect(result.reason.length).toBeGreaterThan(0);
    return;
  }
  for (const event of result.events) {
    expect(BridgeEventSchema.safeParse(event).success).toBe(true);
    index.match(event);
    for (const r of dryRun(rules, event, ['x']))
      for (const a of r.actions) if (a.error) expect(typeof a.error).toBe('string');
  }
}

describe.each(PLATFORMS.map((p) => [p.id, p] as const))('fuzz %s', (_id, platform) => {
  const fixtures = platform.fixtures.map((f) => f.raw);

  it(`random JSON and mutated seed fixtures end normalised or rejected with a reason (${RUNS} runs)`, () => {
    const arb = fc.oneof(
      nasty,
      fc
        .record({ fixture: fc.constantFrom(...fixtures), pick: fc.nat(), kind: fc.nat(), replacement: nasty })
        .map(({ fixture, pick, kind, replacement }) => mutate(fixture, pick, kind, replacement)),
    );
    const tally = { ok: 0, rejected: 0 };
    fc.assert(
      fc.property(arb, (raw) => {
        runPipeline(platform, raw, tally);
        // No prototype pollution, whatever the payload carried.
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: the mutations exercise both outcomes.
    expect(tally.ok).toBeGreaterThan(0);
    expect(tally.rejected).toBeGreaterThan(0);
  }, 180_000);
});
