import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SettingsSchema, SiteSchema } from '../../../src/config/settings';
import { RuleSchema } from '../../../src/rules/schema';
import { plainError, plainMessage, ZOD_ISSUE_CODES } from '../../../src/util/plain-issues';

const rule = {
  id: 'r',
  when: { events: ['message.created'] },
  then: [{ kind: 'log' }],
};
const site = { id: 's', matches: ['https://crm.example.com/*'], platforms: {} };

/** Inputs the rule, site and settings (secret names included) forms can produce, one per issue code. */
const CASES: [string, z.ZodType, unknown][] = [
  ['invalid_type (missing)', RuleSchema, { ...rule, id: undefined }],
  ['invalid_type (wrong type)', RuleSchema, { ...rule, enabled: 'yes' }],
  ['too_small (empty list)', RuleSchema, { ...rule, when: { events: [] } }],
  ['too_small (empty text)', RuleSchema, { ...rule, id: '' }],
  ['too_small (number)', RuleSchema, { ...rule, throttleMs: -1 }],
  ['too_big (text)', RuleSchema, { ...rule, id: 'x'.repeat(101) }],
  ['too_big (list)', SiteSchema, { ...site, matches: Array(21).fill('https://a.example/*') }],
  ['invalid_format (regex)', SiteSchema, { ...site, matches: ['crm.example.com'] }],
  [
    'invalid_union',
    RuleSchema,
    { ...rule, when: { events: ['message.created'], where: [{ op: 'in', path: 'x', value: [{}] }] } },
  ],
  [
    'invalid_value (enum)',
    RuleSchema,
    { ...rule, when: { events: ['message.created'], platforms: ['nope'] } },
  ],
  ['invalid_value (discriminator)', RuleSchema, { ...rule, then: [{ kind: 'nope' }] }],
  [
    'invalid_key (header name)',
    RuleSchema,
    { ...rule, then: [{ kind: 'http', url: 'https://crm.example.com/', headers: { 'bad name': 'x' } }] },
  ],
  ['unrecognized_keys (site platform)', SiteSchema, { ...site, platforms: { nope: {} } }],
  // Not reachable from the forms, but zod has them: still a sentence.
  ['invalid_element', z.map(z.object({}), z.string().min(2)), new Map([[{}, 'a']])],
  ['not_multiple_of', z.number().multipleOf(5), 3],
  [
    'custom (refine sentence kept)',
    SiteSchema,
    { ...site, platforms: { roxchat: { origins: ['https://x.example/path'] } } },
  ],
  ['settings: secret names', SettingsSchema, { rules: 'none' }],
];

const ZOD_WORDS = /Invalid input|Too small|Too big|expected|received|>=|<=|Unrecognized|Invalid option/;

describe('plain sentences for zod issues', () => {
  it.each(CASES)('%s', (_, schema, input) => {
    const r = schema.safeParse(input, { error: plainError });
    expect(r.success).toBe(false);
    for (const i of r.error?.issues ?? []) {
      expect(i.message).not.toMatch(ZOD_WORDS);
      expect(i.message.length).toBeGreaterThan(5);
    }
  });

  it('the table raises every issue code zod has', () => {
    const seen = new Set<string>();
    for (const [, schema, input] of CASES) {
      const walk = (issues: z.core.$ZodIssue[]) => {
        for (const i of issues) {
          seen.add(i.code);
          if (i.code === 'invalid_union') for (const e of i.errors) walk(e);
          if (i.code === 'invalid_key' || i.code === 'invalid_element') walk(i.issues);
        }
      };
      walk(schema.safeParse(input).error?.issues ?? []);
    }
    expect([...seen].sort()).toEqual([...ZOD_ISSUE_CODES].sort());
  });

  it.each(ZOD_ISSUE_CODES)('%s has a sentence of its own', (code) => {
    const m = plainMessage({ code, input: 1, path: [] } as unknown as Parameters<typeof plainMessage>[0]);
    expect(m).toMatch(/^[A-Z].*[.?]$/);
    expect(m).not.toMatch(ZOD_WORDS);
  });

  it('a message the schema sets itself is kept', () => {
    const r = SiteSchema.safeParse({ ...site, matches: ['nope'] }, { error: plainError });
    expect(r.error?.issues[0]?.message).toBe('a match pattern like https://crm.example.com/*');
    const e = RuleSchema.safeParse({ ...rule, when: { events: [] } }, { error: plainError });
    expect(e.error?.issues[0]?.message).toBe('Add at least one item here.');
  });
});
