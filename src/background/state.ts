import { browser } from 'wxt/browser';
import { lockedSettingKeys, mergeWithPolicy, suggestedIds } from '../config/policy';
import { adoptStoredSuggestions } from '../config/policy-recommended';
import { type Settings, SettingsSchema } from '../config/settings';
import { loadSettings } from '../config/store';
import { RuleIndex } from '../rules/matcher';
import { setManagedSecrets } from '../secrets/store';
import { PolicyManager } from './policy';

/** What follows a settings reload (journal limit, content scripts, direct mode), in this order. */
export type OnSettings = (settings: Settings) => Promise<void> | void;

/**
 * Effective settings: defaults < user settings < admin policy, and the rule index built from them.
 * `reload` is the only writer; it never stores anything (settings are saved only by settings.save).
 */
export class SettingsState {
  /** Effective configuration: defaults < user settings < admin policy. */
  settings: Settings = SettingsSchema.parse({});
  /** What the user stored (never contains managed entries). */
  userSettings: Settings = SettingsSchema.parse({});
  settingsError?: string;
  rules = new RuleIndex([]);
  readonly policy = new PolicyManager();

  constructor(
    /** Called after the policy (and its managed secrets) is reloaded: refreshes the journal redactor. */
    private readonly secretsChanged: () => Promise<void>,
    private readonly applied: OnSettings[] = [],
  ) {}

  /** Registers what runs after each reload (composition root only). */
  onApplied(fn: OnSettings): void {
    this.applied.push(fn);
  }

  async reload(opts: { policy?: boolean } = { policy: true }): Promise<void> {
    if (opts.policy) {
      await this.policy.load();
      setManagedSecrets(this.policy.policy.secrets ?? {});
      await this.secretsChanged();
    }
    const loaded = await loadSettings();
    // The policy's suggestions become the user's own settings once (src/config/policy-recommended.ts).
    if (loaded.ok) loaded.settings = await adoptStoredSuggestions(loaded.settings, this.policy.policy);
    this.userSettings = loaded.settings;
    this.settingsError = loaded.ok ? undefined : loaded.error;
    const merged = mergeWithPolicy(loaded.settings, this.policy.policy);
    this.settings = merged.settings;
    this.policy.status.ignored = merged.ignored;
    this.policy.status.locked = lockedSettingKeys(this.policy.policy);
    this.policy.status.userRulesAllowed = this.policy.policy.userRulesAllowed !== false;
    this.policy.status.suggested = suggestedIds(this.policy.policy);
    this.rules = new RuleIndex(this.settings.rules);
    for (const fn of this.applied) await fn(this.settings);
  }
}

/** Host-permission answers, cached briefly (cleared when permissions change): one check per request is costly. */
export class HostPermissions {
  private readonly cache = new Map<string, { ok: boolean; at: number }>();
  async permitted(origin: string): Promise<boolean> {
    const hit = this.cache.get(origin);
    if (hit && Date.now() - hit.at < 10_000) return hit.ok;
    const ok = await browser.permissions.contains({ origins: [`${origin}/*`] });
    this.cache.set(origin, { ok, at: Date.now() });
    return ok;
  }
  clear(): void {
    this.cache.clear();
  }
}
