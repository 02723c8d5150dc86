import { browser } from 'wxt/browser';
import { HEALTH_INTERVAL_DEFAULT } from '../config/health-policy';
import type { Policy } from '../config/policy';
import type { Outbox } from '../outbox/outbox';
import { summarizePolicyTests } from '../replay/policy-run';
import { t } from '../util/i18n';
import { type HealthCounterStore, healthCounters, journalSince } from './health-counters';
import {
  buildHealthReport,
  HEALTH_ALARM,
  type HealthReport,
  healthOutboxItem,
  policyHash,
} from './health-report';
import { latestPolicyTests } from './policy-tests';
import type { SettingsState } from './state';

export interface HealthDeps {
  state: SettingsState;
  outbox: Outbox;
  ready: Promise<void>;
  counters?: HealthCounterStore;
}

/**
 * The optional health report (issue 19; docs/admin.md "Health report"): while the admin's policy sets
 * `healthReport`, attempts are counted (health-counters.ts) and a chrome.alarms alarm fires every
 * `intervalMinutes` (default 60); each firing builds the report (health-report.ts) and queues it in
 * the outbox, which delivers it like any CRM request (retries, outages, worker restarts).
 */
export class HealthReporter {
  private readonly counters: HealthCounterStore;
  constructor(private readonly deps: HealthDeps) {
    this.counters = deps.counters ?? healthCounters;
  }

  private get config() {
    return this.deps.state.policy.policy.healthReport;
  }

  /** After each settings reload: counting and the alarm follow the policy (kept as is when unchanged). */
  async apply(policy: Policy): Promise<void> {
    const cfg = policy.healthReport;
    if (!cfg) {
      await this.counters.disable();
      await browser.alarms.clear(HEALTH_ALARM);
      return;
    }
    await this.counters.enable();
    const period = cfg.intervalMinutes ?? HEALTH_INTERVAL_DEFAULT;
    const alarm = await browser.alarms.get(HEALTH_ALARM);
    // An existing alarm with the same period stays: a worker restart must not push the next report back.
    if (alarm?.periodInMinutes !== period)
      await browser.alarms.create(HEALTH_ALARM, { delayInMinutes: period, periodInMinutes: period });
  }

  /** Builds the report of the period now ending and queues it; undefined when the policy sets none. */
  async send(now = Date.now()): Promise<HealthReport | undefined> {
    const cfg = this.config;
    if (!cfg) return undefined;
    const { state, outbox } = this.deps;
    const policy = state.policy.policy;
    const hash = await policyHash(policy);
    const policyTests = summarizePolicyTests(await latestPolicyTests());
    const report = await this.counters.take(now, async (counters) => {
      const r = buildHealthReport({
        now,
        counters,
        entries: await journalSince(counters.since),
        outbox: await outbox.all(),
        policy,
        policyHash: hash,
        policyValid: !state.policy.status.error,
        paused: state.settings.paused,
        extensionVersion: browser.runtime.getManifest().version,
        policyTests,
      });
      await outbox.enqueue(healthOutboxItem(r, cfg, now, t('health.deliveryName')));
      return r;
    });
    void outbox.kick();
    return report;
  }

  /** chrome.alarms: the report's alarm (true when it was this one's). */
  alarm(name: string): boolean {
    if (name !== HEALTH_ALARM) return false;
    void this.deps.ready
      .then(async () => {
        if (!this.config) return browser.alarms.clear(HEALTH_ALARM);
        await this.send();
        // A one-off alarm of the same name (a test's, or a recreated one) replaced the period: restore it.
        await this.apply(this.deps.state.policy.policy);
      })
      .catch((e: unknown) => console.error('[crm-bridge] health report', e));
    return true;
  }
}

/**
 * Wires the report into the worker: called synchronously from startBackground (the alarm listener is
 * registered in the worker's first turn), and before the first settings reload ends (so it applies).
 */
export function startHealth(app: {
  state: SettingsState;
  outbox: Outbox;
  ready: Promise<void>;
}): HealthReporter {
  const health = new HealthReporter(app);
  app.state.onApplied(() => void health.apply(app.state.policy.policy).catch(() => undefined));
  browser.alarms.onAlarm.addListener((a) => void health.alarm(a.name));
  return health;
}
