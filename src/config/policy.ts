import { z } from 'zod';
import { RuleSchema } from '../rules/schema';
import { patternsOverlap } from './match-pattern';
import { decodePolicyWire } from './policy-wire';
import { DEFAULT_SETTINGS, type Settings, type Site, SiteSchema } from './settings';

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
  /** Settings fixed by the admin; the UI shows them locked. */
  lockedSettings: z
    .object({
      paused: z.boolean().optional(),
      /** Outbox retry horizon in hours (1–168): how long a failing CRM call is retried. */
      delivery: z.object({ maxAgeHours: z.number().int().min(1).max(168) }).optional(),
    })
    .optional(),
  /** Named secrets (CRM API keys) referenced by managed rules as {{ secrets.name }}; never shown. */
  secrets: z.record(z.string().regex(/^[A-Za-z_][\w-]{0,63}$/), z.string().min(1).max(10_000)).optional(),
  /** Journal retention: maximum number of entries kept. */
  journalRetention: z.object({ maxEntries: z.number().int().min(100).max(100_000) }).optional(),
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
}

export type PolicyParse = { ok: true; policy: Policy } | { ok: false; error: string };

export function parsePolicy(raw: unknown): PolicyParse {
  const parsed = PolicySchema.safeParse(decodePolicyWire(raw ?? {}));
  if (parsed.success) return { ok: true, policy: parsed.data };
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
  const rules = mergeEntries('rule', policy.rules, user.rules, policy.userRulesAllowed, ignored);
  const sites = mergeEntries('site', policy.sites, user.sites, policy.userSitesAllowed, ignored);
  noteOverlaps(sites, ignored);
  return {
    settings: {
      ...user,
      rules,
      sites,
      paused: policy.lockedSettings?.paused ?? user.paused,
      delivery: policy.lockedSettings?.delivery ?? user.delivery,
      journalLimit: policy.journalRetention?.maxEntries ?? user.journalLimit,
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
    paused: policy.lockedSettings?.paused !== undefined ? false : user.paused,
    delivery: policy.lockedSettings?.delivery ? DEFAULT_SETTINGS.delivery : user.delivery,
  };
}
