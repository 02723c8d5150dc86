// The health report's builder (issue 19): exactly the documented keys, counts per admin rule and CRM
// origin, the user's rules as one row, and nothing an event said, no secret, no path or query.
import { describe, expect, it } from 'vitest';
import { dryRun } from '../../../src/actions/dry-run';
import { renderedOf } from '../../../src/actions/rendered';
import {
  buildHealthReport,
  countAttempt,
  HEALTH_REPORT_KEYS,
  HEALTH_RULE_ID,
  type HealthCounters,
  type HealthInput,
  type HealthReport,
  healthOutboxItem,
  policyHash,
  tallyEvents,
} from '../../../src/background/health-report';
import { type Policy, parsePolicy } from '../../../src/config/policy';
import type { EventEntry, JournalEntry, RejectedEntry } from '../../../src/journal/types';
import type { AttemptReport, OutboxItem } from '../../../src/outbox/types';
import { runPolicyTests, summarizePolicyTests } from '../../../src/replay/policy-run';
import type { SavedTest } from '../../../src/replay/saved-test';
import { messageEvent } from '../builders';

const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);
const HOUR = 3600_000;
const PRIVATE = ['Call me at +34 600 000 111', 'maria@example.com', 'Maria Garcia', 'visitor-77'];
const SECRET_VALUES = ['MANAGED-KEY-42', 'HEALTH-TOKEN-7'];

const rule = (id: string, url: string) => ({
  id,
  name: id,
  when: { events: ['message.created'] },
  then: [{ kind: 'http', url, body: { type: 'json', value: '{"t": "{{ message.text }}"}' } }],
});

const parsed = parsePolicy({
  rules: [rule('m-note', 'https://crm.acme.com/api/notes?src=chat')],
  recommended: { rules: [rule('tip', 'https://other.acme.com/hook')] },
  secrets: { crm_key: SECRET_VALUES[0], health_key: SECRET_VALUES[1] },
  healthReport: { url: 'https://admin.acme.com/health?token=abc', authSecret: 'health_key' },
});
if (!parsed.ok) throw new Error(parsed.error);
const POLICY: Policy = parsed.policy;

/**
 * The policy's tests, run for real: one passes, one was recorded against another body and fails; the
 * failing one's diff holds the event's text, which must not reach the report.
 */
const policyTestsRun = () => {
  const event = messageEvent(PRIVATE[0] as string);
  const rules = POLICY.rules ?? [];
  const now = dryRun(rules, event, [], [])[0]?.actions[0]?.preview as { body: unknown };
  const test = (id: string, name: string, preview: unknown): SavedTest => ({
    id,
    name,
    savedAt: T0,
    event,
    expect: [{ ruleId: 'm-note', ruleName: 'm-note', index: 0, kind: 'http', rendered: renderedOf(preview) }],
  });
  return runPolicyTests(
    {
      tests: [
        test('t-ok', 'Note on a message', now),
        test('t-bad', 'Old body', { ...now, body: `{"t":"${PRIVATE[0]} (old)"}` }),
      ],
      rejected: [{ index: 2, id: 't-broken', problem: 'event: This field is required: fill it in.' }],
      rules,
      secretNames: [],
      managedSecrets: [],
      version: '1.2.3',
    },
    T0 + 5,
    'update',
  );
};

const eventEntry = (at: number, matches: string[], over: Partial<EventEntry> = {}): EventEntry => ({
  kind: 'event',
  at,
  eventId: `e${at}`,
  tabId: 1,
  platform: 'roxchat',
  type: 'message.created',
  event: messageEvent(
    PRIVATE[0] as string,
    {
      contact: { name: PRIVATE[2], email: PRIVATE[1], platformId: PRIVATE[3] },
    } as never,
  ),
  matches: matches.map((ruleId) => ({ ruleId, ruleName: `${ruleId} ${PRIVATE[2]}` })),
  actions: [],
  state: 'done',
  ...over,
});
const rejected = (at: number, count: number): RejectedEntry => ({
  kind: 'rejected',
  at,
  eventId: '',
  tabId: 1,
  origin: 'https://evil.example',
  reason: `bad payload ${PRIVATE[0]}`,
  count,
  sample: { text: PRIVATE[0] },
});

const item = (ruleId: string, url: string, status: OutboxItem['status'] = 'pending'): OutboxItem => ({
  id: `k-${ruleId}-${url}`,
  journalSeq: 1,
  ruleId,
  ruleName: ruleId,
  actionIndex: 0,
  eventId: 'e',
  orderKey: ruleId,
  createdAt: T0,
  attempts: 1,
  nextAttemptAt: T0,
  status,
  request: { method: 'POST', url, headers: {}, body: [`{"t":"${PRIVATE[0]}"}`], timeoutMs: 1000 },
});
const attempt = (ruleId: string, url: string, status: AttemptReport['status']): AttemptReport => ({
  item: item(ruleId, url),
  status,
  excerpt: PRIVATE[1],
  error: `HTTP 500 ${PRIVATE[0]}`,
});

/** Attempts in the period: [rule id, request URL, outcome]. */
const ATTEMPTS: Array<[string, string, AttemptReport['status']]> = [
  ['m-note', 'https://crm.acme.com/api/notes?src=chat&phone=%2B34600000111', 'ok'],
  ['m-note', 'https://crm.acme.com/api/notes?src=chat', 'retrying'],
  ['m-note', 'https://crm.acme.com/api/notes?src=chat', 'ok'],
  ['m-note', 'https://crm.acme.com/api/notes', 'dead'],
  ['tip', 'https://other.acme.com/hook/visitor-77', 'ok'],
  ['my-own-rule', 'https://my-webhook.example/x?email=maria@example.com', 'ok'],
  ['my-own-rule', 'https://my-webhook.example/x', 'dead'],
  [HEALTH_RULE_ID, 'https://admin.acme.com/health', 'retrying'],
];

const counters = (): HealthCounters => {
  const c: HealthCounters = { since: T0, attempts: {} };
  for (const [id, url, status] of ATTEMPTS) countAttempt(c, attempt(id, url, status));
  return c;
};

const input = (over: Partial<HealthInput> = {}): HealthInput => ({
  now: T0 + HOUR,
  counters: counters(),
  entries: [
    eventEntry(T0 - 1, ['m-note']), // before the period
    eventEntry(T0, ['m-note', 'my-own-rule']),
    eventEntry(T0 + 10, ['m-note', 'tip']),
    eventEntry(T0 + 20, [], { state: 'duplicate' }),
    eventEntry(T0 + 30, ['my-own-rule']),
    rejected(T0 + 40, 3),
    eventEntry(T0 + HOUR, ['m-note']), // the next period
  ] as JournalEntry[],
  outbox: [
    item('m-note', 'https://crm.acme.com/api/notes', 'dead'),
    item('my-own-rule', 'https://my-webhook.example/x', 'pending'),
    item(HEALTH_RULE_ID, 'https://admin.acme.com/health', 'pending'),
  ],
  policy: POLICY,
  policyHash: 'sha256:00',
  policyValid: true,
  paused: false,
  extensionVersion: '1.2.3',
  policyTests: summarizePolicyTests(policyTestsRun()),
  ...over,
});

/** Every key at every level of a report, as paths: compared with the documented set. */
function keyPaths(r: HealthReport): string[] {
  const out = Object.keys(r);
  for (const k of ['events', 'userRules', 'backlog'] as const)
    out.push(...Object.keys(r[k]).map((x) => `${k}.${x}`));
  for (const x of r.rules) out.push(...Object.keys(x).map((y) => `rules[].${y}`));
  for (const x of r.origins) out.push(...Object.keys(x).map((y) => `origins[].${y}`));
  out.push(...Object.keys(r.policyTests).map((x) => `policyTests.${x}`));
  for (const x of r.policyTests.failing) out.push(...Object.keys(x).map((y) => `policyTests.failing[].${y}`));
  return [...new Set(out)].sort();
}
const DOCUMENTED = [
  ...HEALTH_REPORT_KEYS.top,
  ...HEALTH_REPORT_KEYS.events.map((k) => `events.${k}`),
  ...HEALTH_REPORT_KEYS.userRules.map((k) => `userRules.${k}`),
  ...HEALTH_REPORT_KEYS.backlog.map((k) => `backlog.${k}`),
  ...HEALTH_REPORT_KEYS.rule.map((k) => `rules[].${k}`),
  ...HEALTH_REPORT_KEYS.origin.map((k) => `origins[].${k}`),
  ...HEALTH_REPORT_KEYS.policyTests.map((k) => `policyTests.${k}`),
  ...HEALTH_REPORT_KEYS.failingTest.map((k) => `policyTests.failing[].${k}`),
].sort();

describe('buildHealthReport', () => {
  it.each([
    ['a busy period', input()],
    ['an empty period', input({ counters: { since: T0, attempts: {} }, entries: [], outbox: [] })],
    [
      'paused, invalid policy, no rules, no tests',
      input({
        policy: { healthReport: POLICY.healthReport },
        paused: true,
        policyValid: false,
        policyTests: summarizePolicyTests(undefined),
      }),
    ],
  ])('%s: exactly the documented keys', (_, i) => {
    const r = buildHealthReport(i);
    expect(Object.keys(r)).toEqual([...HEALTH_REPORT_KEYS.top]);
    const paths = keyPaths(r);
    // Arrays may be empty (then their row keys are absent): every key present is documented.
    for (const p of paths) expect(DOCUMENTED).toContain(p);
    for (const k of DOCUMENTED.filter((p) => !p.includes('[]'))) expect(paths).toContain(k);
  });

  it('counts per admin rule and per CRM origin; the user’s rules are one row; the report’s own items are left out', () => {
    const r = buildHealthReport(input());
    expect(r).toEqual({
      format: 2,
      extensionVersion: '1.2.3',
      policyHash: 'sha256:00',
      policyValid: true,
      paused: false,
      periodStart: '2026-11-29T10:00:00.000Z',
      periodEnd: '2026-11-29T11:00:00.000Z',
      events: { captured: 3, duplicates: 1, rejected: 3 },
      rules: [
        { id: 'tip', source: 'recommended', matched: 1, delivered: 1, retried: 0, failed: 0 },
        { id: 'm-note', source: 'managed', matched: 2, delivered: 2, retried: 1, failed: 1 },
      ],
      userRules: { matched: 2, delivered: 1, retried: 0, failed: 1 },
      origins: [
        { origin: 'https://crm.acme.com', delivered: 2, retried: 1, failed: 1 },
        { origin: 'https://other.acme.com', delivered: 1, retried: 0, failed: 0 },
      ],
      backlog: { queued: 1, failed: 1 },
      policyTests: {
        total: 2,
        passed: 1,
        failed: 1,
        rejected: 1,
        ranAt: '2026-11-29T10:00:00.005Z',
        failing: [{ id: 't-bad', name: 'Old body' }],
      },
    });
  });

  it('carries no event text, contact, user rule id, secret, path or query', () => {
    const text = JSON.stringify(buildHealthReport(input()));
    for (const s of [
      ...PRIVATE,
      ...SECRET_VALUES,
      'my-own-rule',
      'my-webhook',
      '/api/',
      '/hook',
      '?',
      'src=chat',
    ])
      expect(text).not.toContain(s);
  });
});

describe('tallyEvents', () => {
  it.each([
    ['inside', T0, 1],
    ['at the start', T0, 1],
    ['before the start', T0 - 1, 0],
    ['at the end (next period)', T0 + HOUR, 0],
  ] as const)('an event %s of the period', (_, at, n) => {
    expect(tallyEvents([eventEntry(at, ['r'])], T0, T0 + HOUR).events.captured).toBe(n);
  });
});

describe('policyHash', () => {
  it('is stable, changes with the policy, and never depends on a secret value', async () => {
    const h = await policyHash(POLICY);
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await policyHash({ ...POLICY })).toBe(h);
    expect(await policyHash({ ...POLICY, secrets: { crm_key: 'other', health_key: 'values' } })).toBe(h);
    expect(await policyHash({ ...POLICY, secrets: { crm_key: 'x' } })).not.toBe(h);
    expect(await policyHash({ ...POLICY, userRulesAllowed: false })).not.toBe(h);
  });
});

describe('healthOutboxItem', () => {
  const report = buildHealthReport(input());
  const cfg = POLICY.healthReport as NonNullable<Policy['healthReport']>;
  it('posts the report as JSON to the admin’s URL, the bearer secret as a reference only', () => {
    const it = healthOutboxItem(report, cfg, T0 + HOUR, 'Health report');
    expect(it).toMatchObject({ ruleId: HEALTH_RULE_ID, ruleManaged: true, status: 'pending' });
    expect(it.id).toMatch(/^crmb-health-/);
    expect(it.request.url).toBe(cfg.url);
    expect(it.request.headers.Authorization).toEqual(['Bearer ', { secret: 'health_key' }]);
    expect(JSON.parse(it.request.body?.join('') ?? '')).toEqual(report);
    for (const s of SECRET_VALUES) expect(JSON.stringify(it)).not.toContain(s);
  });
  it('has no Authorization header without authSecret, and one key per period', () => {
    const a = healthOutboxItem(report, { url: cfg.url }, T0, 'x');
    expect(a.request.headers.Authorization).toBeUndefined();
    expect(healthOutboxItem(report, { url: cfg.url }, T0 + HOUR, 'x').id).not.toBe(a.id);
  });
});
