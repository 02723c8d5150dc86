import { browser } from 'wxt/browser';
import { type Policy, type PolicyStatus, parsePolicy } from '../config/policy';

const LAST_GOOD = 'policyLastGood';

/**
 * Reads chrome.storage.managed. No policy is the common case (Chrome returns {}; Firefox throws
 * without a policy manifest: both mean "no policy"). An invalid policy never applies: the last good
 * one (persisted, so it survives worker restarts) stays in force and the error is reported.
 */
export class PolicyManager {
  policy: Policy = {};
  status: PolicyStatus = { present: false, keysReceived: [], ignored: [] };

  async load(): Promise<{ changed: boolean }> {
    let raw: Record<string, unknown> = {};
    try {
      raw = ((await browser.storage.managed.get(null)) ?? {}) as Record<string, unknown>;
    } catch {
      raw = {};
    }
    const keysReceived = Object.keys(raw).sort();
    const parsed = parsePolicy(raw);
    const before = JSON.stringify(this.policy);
    if (parsed.ok) {
      this.policy = parsed.policy;
      this.status = { present: keysReceived.length > 0, keysReceived, appliedAt: Date.now(), ignored: [] };
      await browser.storage.local
        .set({ [LAST_GOOD]: { policy: parsed.policy, at: this.status.appliedAt } })
        .catch(() => undefined);
    } else {
      const last = (
        (await browser.storage.local.get(LAST_GOOD).catch(() => ({}))) as Record<string, unknown>
      )[LAST_GOOD] as { policy: unknown; at: number } | undefined;
      const lastParsed = last ? parsePolicy(last.policy) : undefined;
      if (lastParsed?.ok) this.policy = lastParsed.policy;
      this.status = {
        present: true,
        keysReceived,
        error: `The policy pushed by your organisation is invalid and was not applied (${parsed.error}). ${lastParsed?.ok ? 'The last valid policy stays in force.' : 'No earlier valid policy: none is in force.'}`,
        appliedAt: lastParsed?.ok ? last?.at : undefined,
        ignored: [],
      };
    }
    return { changed: JSON.stringify(this.policy) !== before };
  }
}
