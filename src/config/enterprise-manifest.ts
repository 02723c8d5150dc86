import type { Rule } from '../rules/schema';
import { fixedUrlOrigin } from '../templates/url';
import type { Policy } from './policy';
import type { Site } from './settings';

/**
 * The enterprise package (scripts/package-enterprise.ts, docs/admin.md "Two ways to deploy"): a build
 * whose REQUIRED host permissions are exactly what the admin's policy needs, so a policy-installed
 * extension works on every managed site with no "Grant access" click. A policy-installed extension's
 * required host permissions are granted without a prompt; the store package keeps host access optional.
 */

type PolicySites = ReadonlyArray<Pick<Site, 'matches'>>;
type PolicyRules = ReadonlyArray<Pick<Rule, 'then'>>;

/** The match pattern covering every path of an origin: https://crm.example.com/*. */
export const originPattern = (origin: string): string => `${origin}/*`;

/** The origins the rules' HTTP actions call: fixed by the rule's text (src/templates/url.ts), never by event data. */
export function ruleOrigins(rules: PolicyRules): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    for (const step of rule.then) {
      if (step.kind !== 'http') continue;
      // A URL with no interpolation is all fixed text: its origin is the URL's own.
      const origin = fixedUrlOrigin(step.url) ?? new URL(step.url).origin;
      out.push(origin);
    }
  }
  return out;
}

/**
 * Required host permissions of the enterprise build: the policy's site patterns (mandatory and
 * recommended) plus the origins its rules (mandatory and recommended) call, and the health report's
 * endpoint when the policy sets one. Nothing else: no wildcard,
 * no test host, and nothing from the policy's `tests` (dry runs: the addresses in their events and
 * expected requests are never called). Sorted and without duplicates, so the manifest is stable for a given policy.
 */
export function enterpriseHostPermissions(policy: Policy): string[] {
  const sites: PolicySites = [...(policy.sites ?? []), ...(policy.recommended?.sites ?? [])];
  const rules: PolicyRules = [...(policy.rules ?? []), ...(policy.recommended?.rules ?? [])];
  const patterns = new Set<string>(sites.flatMap((s) => s.matches));
  for (const origin of ruleOrigins(rules)) patterns.add(originPattern(origin));
  // The admin's health endpoint (src/config/health-policy.ts) goes through the outbox like a rule's call.
  if (policy.healthReport) patterns.add(originPattern(new URL(policy.healthReport.url).origin));
  return [...patterns].sort();
}

export interface EnterpriseManifestOptions {
  /** Base64 SPKI of the package key (fixes the id the policy is written for). */
  publicKey: string;
  /** Where browsers look for updates (the self-hosted update.xml). */
  updateUrl: string;
}

/**
 * The store/unpacked manifest turned into the enterprise one: host_permissions replaced by exactly
 * `enterpriseHostPermissions(policy)`, the package's own key and update URL. Optional host permissions
 * stay, so user sites (where the policy allows them) still ask as before.
 */
export function enterpriseManifest(
  base: Record<string, unknown>,
  policy: Policy,
  o: EnterpriseManifestOptions,
): Record<string, unknown> {
  return {
    ...base,
    key: o.publicKey,
    update_url: o.updateUrl,
    host_permissions: enterpriseHostPermissions(policy),
  };
}
