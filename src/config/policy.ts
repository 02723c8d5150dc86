import { z } from 'zod';
import { SAVED_TESTS_MAX, SavedTestSchema } from '../replay/saved-test';
import { RuleSchema } from '../rules/schema';
import { firstRuleError } from '../rules/validate';
import { HealthReportPolicySchema } from './health-policy';
import { patternsOverlap } from './match-pattern';
import { type PolicyTestProblem, splitPolicyTests } from './policy-tests';
import { decodePolicyWire } from './policy-wire';
import { DEFAULT_SETTINGS, type Settings, SettingsSchema, type Site, SiteSchema } from './settings';

/**
 * Every user setting an admin can lock or suggest: the settings schema minus the user's own lists
 * (sites and rules have their own policy keys). Derived from SettingsSchema, so a setting added there
 * is lockable and suggestible with no change here. An object setting is locked as a whole.
 */
const USER_SETTINGS = SettingsSchema.omit({ sites: true, rules: true, setAside: true, tests: true }).shape;
/** Each setting optional, without its default: a key the admin leaves out stays unlocked (or unsuggested). */
export const PolicySettingsSchema = z.object(
  Object.fromEntries(
    Object.entries(USER_SETTINGS).map(([k, v]) => [
      k,
      ((v as z.ZodType).def.type === 'default'
        ? ((v as z.ZodDefault).def.innerType as z.ZodType)
        : v
      ).optional(),
    ]),
  ) as { [K in keyof typeof USER_SETTINGS]: z.ZodOptional<z.ZodType<z.output<(typeof USER_SETTINGS)[K]>>> },
);
export type PolicySettings = z.infer<typeof PolicySettingsSchema>;
export const USER_SETTING_KEYS = Object.keys(PolicySettingsSchema.shape) as Array<keyof PolicySettings>;

/**
 * Admin policy (chrome.storage.managed). The same schema validates what the worker receives and
 * generates public/managed_schema.json (scripts/gen-managed-schema.ts), so the schema Chrome filters
 * with and the one the code validates with cannot drift (test/unit/config/managed-schema.test.ts).
 */
export const PolicySchema = z.object({
  /** Rules every agent runs; read-only for users. */
  rules: z.array(RuleSchema).max(1000).optional(),
  /** Sites (with platforms and trusted workspace origins) every agent gets; read-only for users. */
  sites: z.array(SiteSchema).max(200).optional(),
  /** false: user-defined rules are kept but do not run. Default true. */
  userRulesAllowed: z.boolean().optional(),
  /** false: user-defined sites are ignored. Default true. */
  userSitesAllowed: z.boolean().optional(),
  /** Settings fixed by the admin (any user setting); the UI shows them locked. */
  lockedSettings: PolicySettingsSchema.optional(),
  /**
   * Suggestions: copied once into the user's own settings, marked "suggested by your organisation",
   * and from then on the user's to change or remove (src/config/policy-recommended.ts).
   */
  recommended: z
    .object({
      sites: z.array(SiteSchema).max(200).optional(),
      rules: z.array(RuleSchema).max(1000).optional(),
      settings: PolicySettingsSchema.optional(),
    })
    .optional(),
  /** Named secrets (CRM API keys) referenced by managed rules as {{ secrets.name }}; never shown. */
  secrets: z.record(z.string().regex(/^[A-Za-z_][\w-]{0,63}$/), z.string().min(1).max(10_000)).optional(),
  /** Journal retention: maximum number of entries kept. */
  journalRetention: z.object({ maxEntries: z.number().int().min(100).max(100_000) }).optional(),
  /** Optional health report to the admin's own endpoint (src/background/health.ts); off when absent. */
  healthReport: HealthReportPolicySchema.optional(),
  /**
   * Saved tests shipped beside the rules (issue 20): run against the effective rules when the policy
   * changes and when the extension is installed or updated (src/background/policy-tests.ts). An invalid
   * test is left out on its own with the reason (src/config/policy-tests.ts); the rest applies.
   */
  tests: z.array(SavedTestSchema).max(SAVED_TESTS_MAX).optional(),
});
export type Policy = z.infer<typeof PolicySchema>;

export const POLICY_KEYS = Object.keys(PolicySchema.shape) as Array<keyof Policy>;

export interface PolicyStatus {
  /** Whether any policy is in force. */
  present: boolean;
  /** The managed keys that arrived from the browser (Chrome silently drops values failing managed_schema). */
  keysReceived: string[];
  /** Validation error of the newest policy; the last good one stays in force meanwhile. */
  error?: string;
  /** When the policy in force was received. */
  appliedAt?: number;
  /** User entries ignored because they collide with managed ones or the policy disallows them. */
  ignored: string[];
  /** false: the policy does not allow user rules (the options page offers no way to create one). */
  userRulesAllowed?: boolean;
  /** Settings the policy locks (keys of the settings schema). */
  locked?: string[];
  /** Ids and setting keys the policy suggests (the options page marks them "suggested by your organisation"). */
  suggested?: { rules: string[]; sites: string[]; settings: string[] };
}

/** The settings the policy locks: `lockedSettings` keys, and journalLimit when `journalRetention` is set. */
export function lockedSettingKeys(policy: Policy): string[] {
  const keys = Object.keys(policy.lockedSettings ?? {}).filter(
    (k) => (policy.lockedSettings as Record<string, unknown>)[k] !== undefined,
  );
  if (policy.journalRetention && !keys.includes('journalLimit')) keys.push('journalLimit');
  return keys.sort();
}

/** What the options page marks as suggested. */
export function suggestedIds(policy: Policy): { rules: string[]; sites: string[]; settings: string[] } {
  const r = policy.recommended;
  return {
    rules: (r?.rules ?? []).map((x) => x.id),
    sites: (r?.sites ?? []).map((x) => x.id),
    settings: Object.keys(r?.settings ?? {}),
  };
}

export type PolicyParse =
  | { ok: true; policy: Policy; testProblems: PolicyTestProblem[] }
  | { ok: false; error: string };

export function parsePolicy(raw: unknown): PolicyParse {
  const decoded = decodePolicyWire(raw ?? {});
  let testProblems: PolicyTestProblem[] = [];
  let input = decoded;
  // Tests that do not validate are left out one by one (with the reason): never the whole policy.
  if (typeof decoded === 'object' && decoded !== null && 'tests' in decoded) {
    const { tests: rawTests, ...rest } = decoded as Record<string, unknown>;
    const split = splitPolicyTests(rawTests);
    testProblems = split.problems;
    input = split.tests ? { ...rest, tests: split.tests } : rest;
  }
  const parsed = PolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data, testProblems };
  const error = parsed.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.join('.') || '(policy)'}: ${i.message}`)
    .join('; ');
  return { ok: false, error };
}

/**
 * Effective configuration = defaults < user settings < policy. Managed rules and sites always come
 * first and always win: a user entry with a managed id is ignored, and a user entry can never claim
 * to be managed. Returns what was ignored so the UI can say so.
 */
/** Managed entries first (marked managed), then the user's, minus those disallowed or colliding. */
function mergeEntries<T extends { id: string; managed: boolean }>(
  kind: 'rule' | 'site',
  managed: readonly T[] | undefined,
  user: readonly T[],
  allowed: boolean | undefined,
  ignored: string[],
): T[] {
  const ours = (managed ?? []).map((e) => ({ ...e, managed: true }));
  if (allowed === false) {
    if (user.length)
      ignored.push(`${user.length} user ${kind}(s): your organisation does not allow user ${kind}s`);
    return ours;
  }
  const ids = new Set(ours.map((e) => e.id));
  const theirs = user.filter((e) => {
    if (!ids.has(e.id)) return true;
    ignored.push(`user ${kind} "${e.id}": the id belongs to a managed ${kind}`);
    return false;
  });
  return [...ours, ...theirs.map((e) => ({ ...e, managed: false }))];
}

/**
 * Says which user sites share pages with a managed site: there, only the managed sites decide which
 * platforms and workspace origins are trusted (background/sites.ts `sitesAt`), so the options page can
 * show why a user site's origins have no effect on those pages.
 */
function noteOverlaps(sites: readonly Site[], ignored: string[]): void {
  const managed = sites.filter((s) => s.managed);
  for (const site of sites) {
    if (site.managed) continue;
    const over = managed.find((m) => m.matches.some((a) => site.matches.some((b) => patternsOverlap(a, b))));
    if (over)
      ignored.push(
        `user site "${site.id}": on pages your organisation's site “${over.name || over.id}” also covers, only your organisation's platforms and trusted origins apply`,
      );
  }
}

export function mergeWithPolicy(user: Settings, policy: Policy): { settings: Settings; ignored: string[] } {
  const ignored: string[] = [];
  // A managed rule that could never deliver (src/rules/validate.ts) is set aside with the sentence why.
  const rules = mergeEntries('rule', policy.rules, user.rules, policy.userRulesAllowed, ignored).filter(
    (r) => {
      const broken = r.managed ? firstRuleError([r], { secretNames: [] }) : undefined;
      if (broken) ignored.push(`managed rule "${r.id}" does not run: ${broken.check.message}`);
      return !broken;
    },
  );
  const sites = mergeEntries('site', policy.sites, user.sites, policy.userSitesAllowed, ignored);
  noteOverlaps(sites, ignored);
  return {
    settings: {
      ...user,
      journalLimit: policy.journalRetention?.maxEntries ?? user.journalLimit,
      ...definedOnly(policy.lockedSettings),
      rules,
      sites,
    },
    ignored,
  };
}

/** What a user may store: never managed entries (a save from any context cannot alter policy). */
export function stripManaged(user: Settings, policy: Policy): Settings {
  const ruleIds = new Set((policy.rules ?? []).map((r) => r.id));
  const siteIds = new Set((policy.sites ?? []).map((s) => s.id));
  return {
    ...user,
    rules: user.rules.filter((r) => !r.managed && !ruleIds.has(r.id)).map((r) => ({ ...r, managed: false })),
    sites: user.sites.filter((s) => !s.managed && !siteIds.has(s.id)).map((s) => ({ ...s, managed: false })),
    // A locked setting is never stored from a save: the default is kept until the lock lifts.
    ...Object.fromEntries(lockedSettingKeys(policy).map((k) => [k, DEFAULT_SETTINGS[k as keyof Settings]])),
  };
}

const definedOnly = <T extends object>(o: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
