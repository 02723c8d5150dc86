import { browser } from 'wxt/browser';
import { type Policy, type PolicyStatus, parsePolicy } from '../config/policy';
import type { PolicyTestProblem } from '../config/policy-tests';
import { reqDone, STORES, withStore } from '../util/idb';

/** Key of the last good policy, in the extension origin's IndexedDB (STORES.kv). */
const LAST_GOOD = 'policyLastGood';

interface LastGood {
  policy: unknown;
  at: number;
}

/**
 * Where the last good policy lives: IndexedDB of the extension origin, which content scripts cannot
 * open. It holds the policy's `secrets`, so it must never be in chrome.storage.local, which content
 * scripts can read (issue 14 item 4; SECURITY.md claim 12).
 */
const lastGood = {
  get: () =>
    withStore(STORES.kv, 'readonly', (s) => reqDone(s.get(LAST_GOOD))).catch(() => undefined) as Promise<
      LastGood | undefined
    >,
  set: (v: LastGood) =>
    withStore(STORES.kv, 'readwrite', (s) => reqDone(s.put(v, LAST_GOOD))).catch(() => undefined),
};

/**
 * Upgrade step from the version that kept the last good policy, secrets included, in storage.local:
 * move it into IndexedDB (unless a newer one is there already) and delete it from storage.local.
 * Idempotent; run before the first policy load of every worker start.
 */
export async function scrubLegacyLastGood(): Promise<void> {
  const stored = (await browser.storage.local.get(LAST_GOOD).catch(() => ({}))) as Record<string, unknown>;
  const legacy = stored[LAST_GOOD] as LastGood | undefined;
  if (legacy === undefined) return;
  if (legacy && typeof legacy === 'object' && !(await lastGood.get())) await lastGood.set(legacy);
  await browser.storage.local.remove(LAST_GOOD).catch(() => undefined);
}

/**
 * Reads chrome.storage.managed. No policy is the common case (Chrome returns {}; Firefox throws
 * without a policy manifest: both mean "no policy"). An invalid policy never applies: the last good
 * one (persisted, so it survives worker restarts) stays in force and the error is reported.
 */
export class PolicyManager {
  policy: Policy = {};
  status: PolicyStatus = { present: false, keysReceived: [], ignored: [] };
  /** The policy's tests left out because they do not validate (the rest of the policy applies). */
  testProblems: PolicyTestProblem[] = [];
  private scrubbed?: Promise<void>;

  async load(): Promise<{ changed: boolean }> {
    this.scrubbed ??= scrubLegacyLastGood();
    await this.scrubbed;
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
      this.testProblems = parsed.testProblems;
      this.status = { present: keysReceived.length > 0, keysReceived, appliedAt: Date.now(), ignored: [] };
      await lastGood.set({ policy: parsed.policy, at: this.status.appliedAt ?? Date.now() });
    } else {
      const last = await lastGood.get();
      const lastParsed = last ? parsePolicy(last.policy) : undefined;
      if (lastParsed?.ok) {
        this.policy = lastParsed.policy;
        this.testProblems = lastParsed.testProblems;
      }
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
