import { storage } from 'wxt/utils/storage';
import type { Policy } from './policy';
import { type Settings, SettingsSchema } from './settings';
import { saveSettings } from './store';

/**
 * The policy's `recommended` block (issue 19): suggestions the admin pre-fills, which stay the user's.
 * Each suggested site, rule and setting is copied into the user's own settings once, the first time the
 * policy carrying it is seen; from then on the user may change or delete it like anything of their own,
 * and a deleted suggestion does not come back. The options page marks entries whose id the policy
 * suggests ("suggested by your organisation"), from PolicyStatus.suggested.
 */

/** Keys (`rule:<id>`, `site:<id>`, `setting:<key>`) already copied into the user's settings. */
export const suggestionsSeen = storage.defineItem<string[]>('local:policy.suggestionsSeen', { fallback: [] });

/** Pure: the user's settings with every not-yet-seen suggestion added, and the keys now seen. */
export function adoptSuggestions(
  user: Settings,
  policy: Policy,
  seen: readonly string[],
): { settings: Settings; seen: string[]; changed: boolean } {
  const r = policy.recommended;
  const done = new Set(seen);
  const fresh = (key: string): boolean => {
    if (done.has(key)) return false;
    done.add(key);
    return true;
  };
  const rules = [...user.rules];
  const sites = [...user.sites];
  const patch: Record<string, unknown> = {};
  for (const rule of r?.rules ?? [])
    if (fresh(`rule:${rule.id}`) && !rules.some((x) => x.id === rule.id))
      rules.push({ ...rule, managed: false });
  for (const site of r?.sites ?? [])
    if (fresh(`site:${site.id}`) && !sites.some((x) => x.id === site.id))
      sites.push({ ...site, managed: false });
  for (const [key, value] of Object.entries(r?.settings ?? {}))
    if (value !== undefined && fresh(`setting:${key}`)) patch[key] = value;
  const changed = done.size !== seen.length;
  const settings = changed ? SettingsSchema.parse({ ...user, ...patch, rules, sites }) : user;
  return { settings, seen: [...done].sort(), changed };
}

/** Adopts new suggestions into stored settings (persisted before they take effect); returns the user settings. */
export async function adoptStoredSuggestions(user: Settings, policy: Policy): Promise<Settings> {
  if (!policy.recommended) return user;
  const r = adoptSuggestions(user, policy, await suggestionsSeen.getValue());
  if (!r.changed) return user;
  await saveSettings(r.settings);
  await suggestionsSeen.setValue(r.seen);
  return r.settings;
}
