// The admin's health report (issue 19) in real Chromium: a policy under /etc/chromium/policies/managed
// sets `healthReport`; the worker schedules it with chrome.alarms (hourly), counts a managed rule's
// deliveries (one retried, one refused) and a user rule's, and when the alarm fires the report goes
// through the outbox to the fixture endpoint with the documented keys and nothing else.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_ALARM, HEALTH_REPORT_KEYS, type HealthReport } from '../../src/background/health-report';
import type { PolicyStatus } from '../../src/config/policy';
import { REPO_ROOT } from '../harness/servers/http';
import { crmSite, roxMessage } from './fixtures';
import {
  configure,
  type Env,
  emit,
  openCrm,
  POLICY_DIR,
  send,
  startEnv,
  waitFor,
  workspaceDetected,
  writeExtensionPolicy,
} from './setup';

const POLICY_FILE = `crm-bridge-e2e-health-${process.pid}.json`;
const TEXTS = ['health private text one', 'health private text two', 'health private text three'];
const VISITOR = 'visitor-personal-77';
const MANAGED_KEY = 'MANAGED-KEY-HEALTH-42';
const HEALTH_TOKEN = 'HEALTH-TOKEN-SECRET-7';
const USER_RULE_ID = 'my-private-user-rule';

type Chrome = typeof import('wxt/browser').browser;

let env: Env;

const alarm = async () => {
  const worker = await env.browser.worker();
  return worker.evaluate(
    (name) => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.get(name),
    HEALTH_ALARM,
  );
};

beforeAll(async () => {
  env = await startEnv((servers) => {
    writeExtensionPolicy(POLICY_FILE, {
      sites: [crmSite(servers, { name: 'Managed CRM' })],
      rules: [
        {
          id: 'm-note',
          name: 'Managed: message → note',
          when: { events: ['message.created'] },
          then: [
            {
              kind: 'http',
              url: `${servers.crm.origin}/api/notes?source=chat`,
              headers: { 'X-Api-Key': '{{ secrets.crm_key }}' },
              // JSON body templates are JSON-encoded in a policy (docs/admin.md).
              body: { type: 'json', value: JSON.stringify({ text: '{{ message.text }}' }) },
            },
          ],
        },
      ],
      secrets: { crm_key: MANAGED_KEY, health_key: HEALTH_TOKEN },
      healthReport: { url: `${servers.crm.origin}/api/health`, authSecret: 'health_key' },
    });
  });
}, 60_000);

afterAll(async () => {
  rmSync(join(POLICY_DIR, POLICY_FILE), { force: true });
  await env?.close();
});

describe('health report to the admin’s endpoint', () => {
  it('is scheduled hourly with chrome.alarms once the policy sets it', async () => {
    await waitFor(async () => {
      const s = await send<PolicyStatus>(env.browser, { type: 'policy.status' });
      return s.keysReceived.includes('healthReport') ? s : undefined;
    }, 'policy with healthReport received');
    const a = await waitFor(alarm, 'health alarm created');
    expect(a.periodInMinutes).toBe(60);
  });

  it('arrives through the outbox with exactly the documented keys, counts and no event content', async () => {
    const crm = env.servers.crm.origin;
    await configure(env, {
      rules: [
        {
          id: USER_RULE_ID,
          name: 'My own contact rule',
          when: { events: ['message.created'] },
          then: [
            {
              kind: 'http',
              method: 'POST',
              url: `${crm}/api/contacts`,
              body: { type: 'json', value: { name: '{{ message.text }}' } },
            },
          ],
        },
      ],
    });
    // The managed rule's requests: the first answered 503 (retried), the next 400 (refused), the rest 2xx.
    env.servers.api.inject({ status: 503, times: 1, path: '/api/notes' });
    env.servers.api.inject({ status: 400, times: 1, path: '/api/notes' });
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', crm);
    for (const [i, text] of TEXTS.entries())
      await emit(frame, 'newMessageAdded', roxMessage(text, 1, { visitorId: VISITOR, sessionId: `s${i}` }));
    await waitFor(
      () =>
        env.servers.api.notes.length === 2 &&
        env.servers.api.contacts.filter((c) => TEXTS.includes(c.name ?? '')).length === 3,
      'two managed notes and three user contacts delivered',
      60_000,
    ).catch(async (e: Error) => {
      const policy = await send<PolicyStatus>(env.browser, { type: 'policy.status' });
      const seen = env.servers.api.received.map((r) => `${r.method} ${r.path} ${r.status}`);
      throw new Error(
        `${e.message}; policy keys ${policy.keysReceived.join(',')}; CRM saw ${seen.join(' | ')}`,
      );
    });
    await page.close();
    // The admin's endpoint is down for the first try: the outbox retries the report like a CRM request.
    env.servers.api.inject({ status: 503, times: 1, path: '/api/health' });
    const worker = await env.browser.worker();
    // What the hourly alarm does, an hour early: a one-off alarm of the same name fires the same listener.
    await worker.evaluate(
      (name) =>
        (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create(name, { when: Date.now() + 100 }),
      HEALTH_ALARM,
    );
    const got = await waitFor(() => env.servers.api.healthReports[0], 'health report received', 90_000);
    const report = got.body as HealthReport;

    expect(Object.keys(report).sort()).toEqual([...HEALTH_REPORT_KEYS.top].sort());
    expect(Object.keys(report.events).sort()).toEqual([...HEALTH_REPORT_KEYS.events].sort());
    expect(Object.keys(report.userRules).sort()).toEqual([...HEALTH_REPORT_KEYS.userRules].sort());
    expect(Object.keys(report.backlog).sort()).toEqual([...HEALTH_REPORT_KEYS.backlog].sort());
    for (const r of report.rules) expect(Object.keys(r).sort()).toEqual([...HEALTH_REPORT_KEYS.rule].sort());
    for (const o of report.origins)
      expect(Object.keys(o).sort()).toEqual([...HEALTH_REPORT_KEYS.origin].sort());
    expect(Object.keys(report.policyTests).sort()).toEqual([...HEALTH_REPORT_KEYS.policyTests].sort());

    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(report).toMatchObject({
      format: 2,
      extensionVersion: version,
      policyValid: true,
      paused: false,
      rules: [{ id: 'm-note', source: 'managed', matched: 3, delivered: 2, retried: 1, failed: 1 }],
      userRules: { matched: 3, delivered: 3, retried: 0, failed: 0 },
      origins: [{ origin: crm, delivered: 2, retried: 1, failed: 1 }],
      backlog: { queued: 0, failed: 1 },
      // This policy ships no tests (test/e2e/policy-tests.test.ts runs some).
      policyTests: { total: 0, passed: 0, failed: 0, rejected: 0, ranAt: null, failing: [] },
    });
    expect(report.events.captured).toBeGreaterThanOrEqual(3);
    expect(report.policyHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Date.parse(report.periodEnd)).toBeGreaterThan(Date.parse(report.periodStart));

    // Nothing an event said, no secret, no user rule id, no request path or query.
    const text = JSON.stringify(report);
    for (const s of [...TEXTS, VISITOR, MANAGED_KEY, HEALTH_TOKEN, USER_RULE_ID, '/api/', '?', 'source=chat'])
      expect(text).not.toContain(s);

    const tries = env.servers.api.received.filter((r) => r.path === '/api/health');
    expect(tries.map((r) => r.status)).toEqual([503, 200]);
    expect(tries[1]?.headers['idempotency-key']).toBe(tries[0]?.headers['idempotency-key']);
    expect(tries[1]?.headers['idempotency-key']).toMatch(/^crmb-health-/);
    expect(tries[1]?.headers.authorization).toBe(`Bearer ${HEALTH_TOKEN}`);
    expect(env.servers.api.healthReports).toHaveLength(1);
    // The period alarm is back after the one-off firing.
    const after = await waitFor(alarm, 'health alarm restored');
    expect(after.periodInMinutes).toBe(60);
  });
});
