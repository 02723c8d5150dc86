import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { managedSchemaJson } from '../../../scripts/gen-managed-schema';
import {
  mergeWithPolicy,
  POLICY_KEYS,
  type Policy,
  parsePolicy,
  stripManaged,
} from '../../../src/config/policy';
import { type SettingsInput, SettingsSchema } from '../../../src/config/settings';

const rule = (id: string, extra: object = {}) => ({
  id,
  name: id,
  when: { events: ['message.created'] },
  then: [{ kind: 'log' as const }],
  ...extra,
});
const site = (id: string) => ({
  id,
  matches: [`https://${id}.example/*`],
  platforms: { roxchat: { origins: ['https://w.example'] } },
});
const user = (s: SettingsInput) => SettingsSchema.parse(s);
const policy = (p: unknown): Policy => {
  const r = parsePolicy(p);
  if (!r.ok) throw new Error(r.error);
  return r.policy;
};

describe('managed_schema.json is generated from the zod policy schema', () => {
  it('the committed file matches the generator (no drift)', () => {
    const committed = readFileSync(join(__dirname, '../../../public/managed_schema.json'), 'utf8');
    expect(committed).toBe(managedSchemaJson());
  });

  it('declares every top-level policy key (Chrome drops undeclared top-level keys)', () => {
    const schema = JSON.parse(managedSchemaJson()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('uses only attributes of Chrome’s schema subset', () => {
    const allowed = new Set([
      'type',
      'properties',
      'items',
      'additionalProperties',
      'enum',
      'minimum',
      'maximum',
    ]);
    const walk = (node: unknown, inProps = false): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [k, v] of Object.entries(node)) {
        if (!inProps) expect(allowed.has(k), `attribute ${k}`).toBe(true);
        if (k === 'properties') for (const child of Object.values(v as object)) walk(child);
        else if (k === 'items' || k === 'additionalProperties') walk(v);
      }
    };
    walk(JSON.parse(managedSchemaJson()));
  });
});

describe('merge precedence: policy > user > defaults', () => {
  type Row = [string, SettingsInput, unknown, (r: ReturnType<typeof mergeWithPolicy>) => void];
  const table: Row[] = [
    [
      'no policy: user settings as they are',
      { rules: [rule('u1')], sites: [site('a')] },
      {},
      (r) => {
        expect(r.settings.rules.map((x) => [x.id, x.managed])).toEqual([['u1', false]]);
        expect(r.ignored).toEqual([]);
      },
    ],
    [
      'defaults fill what nobody set',
      {},
      {},
      (r) => {
        expect(r.settings.journalLimit).toBe(5000);
        expect(r.settings.paused).toBe(false);
      },
    ],
    [
      'managed rules first and marked managed',
      { rules: [rule('u1')] },
      { rules: [rule('m1')] },
      (r) => {
        expect(r.settings.rules.map((x) => [x.id, x.managed])).toEqual([
          ['m1', true],
          ['u1', false],
        ]);
      },
    ],
    [
      'a user rule with a managed id is ignored',
      { rules: [rule('m1', { enabled: false })] },
      { rules: [rule('m1')] },
      (r) => {
        expect(r.settings.rules).toHaveLength(1);
        expect(r.settings.rules[0]?.enabled).toBe(true);
        expect(r.ignored[0]).toMatch(/m1/);
      },
    ],
    [
      'a user rule cannot claim to be managed',
      { rules: [rule('u1', { managed: true })] },
      {},
      (r) => {
        expect(r.settings.rules[0]?.managed).toBe(false);
      },
    ],
    [
      'userRulesAllowed: false → only managed rules run',
      { rules: [rule('u1')] },
      { rules: [rule('m1')], userRulesAllowed: false },
      (r) => {
        expect(r.settings.rules.map((x) => x.id)).toEqual(['m1']);
        expect(r.ignored[0]).toMatch(/does not allow user rules/);
      },
    ],
    [
      'managed sites win and userSitesAllowed: false drops user sites',
      { sites: [site('a'), site('b')] },
      { sites: [site('a')], userSitesAllowed: false },
      (r) => {
        expect(r.settings.sites.map((x) => [x.id, x.managed])).toEqual([['a', true]]);
      },
    ],
    [
      'locked paused and journal retention override the user',
      { paused: true, journalLimit: 200 },
      { lockedSettings: { paused: false }, journalRetention: { maxEntries: 1000 } },
      (r) => {
        expect(r.settings.paused).toBe(false);
        expect(r.settings.journalLimit).toBe(1000);
      },
    ],
  ];
  it.each(table)('%s', (_label, u, p, check) => {
    check(mergeWithPolicy(user(u), policy(p)));
  });

  it('a save can never store managed entries', () => {
    const p = policy({ rules: [rule('m1')], sites: [site('a')] });
    const stored = stripManaged(
      user({ rules: [rule('m1'), rule('u1', { managed: true }), rule('u2')], sites: [site('a'), site('b')] }),
      p,
    );
    expect(stored.rules.map((r) => r.id)).toEqual(['u2']);
    expect(stored.sites.map((s) => s.id)).toEqual(['b']);
  });
});

describe('invalid policy handling', () => {
  it.each([
    [{ rules: [{ id: 'x' }] }, /rules\.0\.when/],
    [{ userRulesAllowed: 'no' }, /userRulesAllowed/],
    [{ sites: [{ id: 's', matches: ['nope'], platforms: {} }] }, /sites\.0\.matches\.0/],
    [{ secrets: { 'bad name': 'x' } }, /secrets/],
    [{ journalRetention: { maxEntries: 1 } }, /journalRetention\.maxEntries/],
  ])('%j → precise error', (raw, path) => {
    const r = parsePolicy(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(path);
  });

  it('no policy at all (undefined, {}) is valid and empty', () => {
    expect(parsePolicy(undefined)).toEqual({ ok: true, policy: {}, testProblems: [] });
    expect(parsePolicy({})).toEqual({ ok: true, policy: {}, testProblems: [] });
  });
});
