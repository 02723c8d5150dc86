// Recommended vs mandatory (issue 19): suggestions are adopted once and stay the user's; every user
// setting can be locked, and a locked one is neither applied from nor stored by a user save.
import { describe, expect, it } from 'vitest';
import {
  lockedSettingKeys,
  mergeWithPolicy,
  type Policy,
  parsePolicy,
  stripManaged,
  USER_SETTING_KEYS,
} from '../../../src/config/policy';
import { adoptSuggestions } from '../../../src/config/policy-recommended';
import { type SettingsInput, SettingsSchema } from '../../../src/config/settings';

const rule = (id: string, name = id) => ({
  id,
  name,
  when: { events: ['message.created'] },
  then: [{ kind: 'log' }],
});
const site = (id: string) => ({ id, matches: [`https://${id}.example/*`], platforms: {} });
const user = (s: SettingsInput) => SettingsSchema.parse(s);
const policy = (p: unknown): Policy => {
  const r = parsePolicy(p);
  if (!r.ok) throw new Error(r.error);
  return r.policy;
};
const RECOMMENDED = policy({
  recommended: { rules: [rule('tip')], sites: [site('wiki')], settings: { journalLimit: 700 } },
});

describe('recommended: adopted once, then the user’s', () => {
  it.each([
    ['first sight: added as the user’s own', {}, [], ['tip'], ['wiki'], 700],
    [
      'the user changed it: their version stays',
      { rules: [rule('tip', 'mine')] },
      [],
      ['tip'],
      ['wiki'],
      700,
    ],
    [
      'the user deleted it after adoption: it does not come back',
      {},
      ['rule:tip', 'site:wiki', 'setting:journalLimit'],
      [],
      [],
      5000,
    ],
  ] as const)('%s', (_n, u, seen, ruleIds, siteIds, limit) => {
    const r = adoptSuggestions(user(u as SettingsInput), RECOMMENDED, seen);
    expect(r.settings.rules.map((x) => x.id)).toEqual(ruleIds);
    expect(r.settings.rules.every((x) => !x.managed)).toBe(true);
    expect(r.settings.sites.map((x) => x.id)).toEqual(siteIds);
    expect(r.settings.journalLimit).toBe(limit);
    expect(r.seen).toEqual(['rule:tip', 'setting:journalLimit', 'site:wiki']);
  });

  it('a user edit of an adopted rule is kept by the merge (it is not managed)', () => {
    const adopted = adoptSuggestions(user({}), RECOMMENDED, []).settings;
    const edited = { ...adopted, rules: adopted.rules.map((r) => ({ ...r, name: 'renamed' })) };
    const stored = stripManaged(edited, RECOMMENDED);
    expect(stored.rules[0]?.name).toBe('renamed');
    expect(mergeWithPolicy(stored, RECOMMENDED).settings.rules[0]).toMatchObject({
      name: 'renamed',
      managed: false,
    });
  });
});

describe('lockedSettings: every user setting is lockable', () => {
  it('the lockable keys are the settings schema’s own (sites, rules, set-aside and tests have their own keys)', () => {
    expect(USER_SETTING_KEYS).toEqual(
      Object.keys(SettingsSchema.shape).filter((k) => !['sites', 'rules', 'setAside', 'tests'].includes(k)),
    );
  });

  it.each([
    ['paused', { paused: false }, { paused: true }, { paused: false }],
    ['journal limit', { journalLimit: 300 }, { journalLimit: 9000 }, { journalLimit: 300 }],
    [
      'journalRetention locks the journal limit too',
      undefined,
      { journalLimit: 9000 },
      { journalLimit: 1000 },
    ],
  ] as const)('%s: the lock wins over the user and a save does not store the user’s value', (_n, locked, mine, expected) => {
    const p = policy({
      ...(locked ? { lockedSettings: locked } : { journalRetention: { maxEntries: 1000 } }),
    });
    const u = user(mine);
    expect(mergeWithPolicy(u, p).settings).toMatchObject(expected);
    const stored = stripManaged(u, p);
    const key = Object.keys(mine)[0] as keyof typeof mine;
    expect(stored[key]).toBe(SettingsSchema.parse({})[key]);
    expect(lockedSettingKeys(p)).toEqual([key]);
  });

  it('a key the admin leaves out stays unlocked (no defaults filled in)', () => {
    const p = policy({ lockedSettings: { paused: true } });
    expect(p.lockedSettings).toEqual({ paused: true });
    expect(mergeWithPolicy(user({ journalLimit: 9000 }), p).settings.journalLimit).toBe(9000);
  });
});
