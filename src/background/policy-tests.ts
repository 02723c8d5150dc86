import { type Browser, browser } from 'wxt/browser';
import {
  type PolicyTestsInput,
  type PolicyTestsReason,
  type PolicyTestsRun,
  policyTestsFingerprint,
  runPolicyTests,
} from '../replay/policy-run';
import { redactDeep } from '../secrets/redact';
import { allSecrets, isManagedSecret } from '../secrets/store';
import { reqDone, STORES, withStore } from '../util/idb';
import { isChain } from '../workflows/engine';
import type { PolicyManager } from './policy';
import type { SettingsState } from './state';

/** Key of the last run in the extension origin's IndexedDB (STORES.kv): a sleeping worker still shows it. */
export const POLICY_TESTS_KEY = 'policyTestsRun';

export interface PolicyTestsStore {
  get(): Promise<PolicyTestsRun | undefined>;
  set(run: PolicyTestsRun | undefined): Promise<void>;
}

const idbStore: PolicyTestsStore = {
  get: () =>
    withStore(STORES.kv, 'readonly', (s) => reqDone(s.get(POLICY_TESTS_KEY))).catch(
      () => undefined,
    ) as Promise<PolicyTestsRun | undefined>,
  set: (run) =>
    withStore(STORES.kv, 'readwrite', (s) =>
      run ? reqDone(s.put(run, POLICY_TESTS_KEY)) : reqDone(s.delete(POLICY_TESTS_KEY)),
    ).then(
      () => undefined,
      () => undefined,
    ),
};

export interface PolicyTestsDeps {
  state: { settings: SettingsState['settings']; policy: Pick<PolicyManager, 'policy' | 'testProblems'> };
  store?: PolicyTestsStore;
  version?: () => string;
  secrets?: () => Promise<ReadonlyMap<string, string>>;
  isManaged?: (name: string) => boolean;
  now?: () => number;
}

/**
 * Tests in policy (issue 20): the admin's saved tests (`tests` in the policy) run against the effective
 * rules, managed and the user's, minus workflow chains (as replay leaves them out), with every secret
 * name known (the organisation's too), when the policy or the rules change and when the extension is
 * installed or updated. The last run is kept in IndexedDB with when it ran and the extension version;
 * the options page's policy view reads it (`policy.tests`), the health report counts it. Secret values
 * never reach it: requests name secrets (`[secret:name]`) and the run is redacted before it is stored.
 */
export class PolicyTests {
  private last?: PolicyTestsRun;
  private loaded?: Promise<void>;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PolicyTestsDeps) {}

  private get store(): PolicyTestsStore {
    return this.deps.store ?? idbStore;
  }

  private load(): Promise<void> {
    this.loaded ??= this.store.get().then((r) => {
      this.last ??= r;
    });
    return this.loaded;
  }

  /** Runs the tests unless the last run still holds (same tests, rules, secret names and version); `force` runs anyway. */
  run(reason: PolicyTestsReason, force = false): Promise<PolicyTestsRun | undefined> {
    const next = this.chain.then(() => this.runNow(reason, force));
    this.chain = next.catch((e: unknown) => console.error('[crm-bridge] policy tests', e));
    return next;
  }

  /** The last run, once any run under way has ended. */
  async latest(): Promise<PolicyTestsRun | undefined> {
    await this.chain;
    await this.load();
    return this.last;
  }

  private async runNow(reason: PolicyTestsReason, force: boolean): Promise<PolicyTestsRun | undefined> {
    await this.load();
    const { state } = this.deps;
    const secrets = await (this.deps.secrets ?? allSecrets)();
    const names = [...secrets.keys()];
    const input: PolicyTestsInput = {
      tests: state.policy.policy.tests ?? [],
      rejected: state.policy.testProblems,
      rules: state.settings.rules.filter((r) => !isChain(r)),
      secretNames: names,
      managedSecrets: names.filter(this.deps.isManaged ?? isManagedSecret),
      version: (this.deps.version ?? (() => browser.runtime.getManifest().version))(),
    };
    if (input.tests.length === 0 && input.rejected.length === 0) {
      if (this.last) await this.store.set(undefined);
      this.last = undefined;
      return undefined;
    }
    if (!force && this.last?.fingerprint === policyTestsFingerprint(input)) return this.last;
    const run = redactDeep(runPolicyTests(input, (this.deps.now ?? Date.now)(), reason), secrets);
    await this.store.set(run);
    this.last = run;
    return run;
  }
}

let active: PolicyTests | undefined;

/** The last run for the policy view and the health report (from IndexedDB when the worker just woke). */
export function latestPolicyTests(): Promise<PolicyTestsRun | undefined> {
  return active ? active.latest() : idbStore.get();
}

/**
 * Wires the runner into the worker: called synchronously from startBackground, so the onInstalled
 * listener is registered in the worker's first turn. Every settings reload (policy changed, rules saved,
 * worker start) runs the tests when what they depend on changed; install and update run them anyway.
 */
export function startPolicyTests(
  app: { state: Pick<SettingsState, 'settings' | 'policy' | 'onApplied'>; ready: Promise<void> },
  deps: Omit<PolicyTestsDeps, 'state'> = {},
): PolicyTests {
  const tests = new PolicyTests({ ...deps, state: app.state });
  active = tests;
  app.state.onApplied(() => void tests.run('change').catch(() => undefined));
  browser.runtime.onInstalled.addListener((d: Browser.runtime.InstalledDetails) => {
    if (d.reason !== 'install' && d.reason !== 'update') return;
    void app.ready.then(() => tests.run(d.reason as PolicyTestsReason, true)).catch(() => undefined);
  });
  return tests;
}
