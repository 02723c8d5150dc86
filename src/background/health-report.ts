import type { HealthReportPolicy } from '../config/health-policy';
import type { Policy } from '../config/policy';
import type { JournalEntry } from '../journal/types';
import type { AttemptReport, OutboxItem } from '../outbox/types';
import type { PolicyTestsSummary } from '../replay/policy-run';
import { stableStringify } from '../util/hash';

/**
 * The health report (issue 19; docs/admin.md "Health report" lists every key; PRIVACY.md says what is
 * sent). Pure: counts in, report out. It carries counts, the extension version and a hash of the
 * policy, and nothing an event said: no message text, no contact, no page or request URL (CRM origins
 * only), no secret, no identifier of the agent or the machine. Rows per rule exist only for the ids the
 * admin's policy wrote (mandatory and recommended rules); the user's own rules are one aggregate row.
 */

/** Version of the report's format (bumped when a key is added or changes meaning). */
export const HEALTH_FORMAT = 2;
/** The chrome.alarms alarm of the health report (periodic: the policy's `healthReport.intervalMinutes`). */
export const HEALTH_ALARM = 'health-report';
/** `ruleId` of the outbox items carrying reports (their own attempts are not counted). */
export const HEALTH_RULE_ID = 'crmb-health';

export interface AttemptCounts {
  /** Requests the CRM accepted (2xx). */
  delivered: number;
  /** Attempts that failed transiently and are retried (network, timeout, 408, 425, 429, 5xx). */
  retried: number;
  /** Requests given up (refused by the CRM, too old, no permission, a secret missing). */
  failed: number;
}

/** Attempt outcomes since `since`, keyed `<ruleId>\n<CRM origin>`; kept durable by health-counters.ts. */
export interface HealthCounters {
  since: number;
  attempts: Record<string, AttemptCounts>;
}

export interface HealthReport {
  format: number;
  extensionVersion: string;
  policyHash: string;
  policyValid: boolean;
  paused: boolean;
  periodStart: string;
  periodEnd: string;
  events: { captured: number; duplicates: number; rejected: number };
  rules: Array<{ id: string; source: 'managed' | 'recommended'; matched: number } & AttemptCounts>;
  userRules: { matched: number } & AttemptCounts;
  origins: Array<{ origin: string } & AttemptCounts>;
  backlog: { queued: number; failed: number };
  /** The policy's tests (format 2): counts, and the failing ones by the id and name the policy gave them. */
  policyTests: PolicyTestsSummary;
}

/** Every key the report has, at each level: the documented set and nothing else (tests compare with it). */
export const HEALTH_REPORT_KEYS = {
  top: [
    'format',
    'extensionVersion',
    'policyHash',
    'policyValid',
    'paused',
    'periodStart',
    'periodEnd',
    'events',
    'rules',
    'userRules',
    'origins',
    'backlog',
    'policyTests',
  ],
  events: ['captured', 'duplicates', 'rejected'],
  rule: ['id', 'source', 'matched', 'delivered', 'retried', 'failed'],
  userRules: ['matched', 'delivered', 'retried', 'failed'],
  origin: ['origin', 'delivered', 'retried', 'failed'],
  backlog: ['queued', 'failed'],
  policyTests: ['total', 'passed', 'failed', 'rejected', 'ranAt', 'failing'],
  failingTest: ['id', 'name'],
} as const;

const zero = (): AttemptCounts => ({ delivered: 0, retried: 0, failed: 0 });
const SEP = '\n';

/** The CRM origin of a request (scheme, host, port: never its path or query), or undefined. */
function originOf(url: string): string | undefined {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

/** Counts one outbox attempt report into `c` (the report's own items are not counted). */
export function countAttempt(c: HealthCounters, r: AttemptReport): void {
  if (r.item.ruleId === HEALTH_RULE_ID) return;
  const key = `${r.item.ruleId}${SEP}${originOf(r.item.request.url) ?? ''}`;
  const n = c.attempts[key] ?? zero();
  c.attempts[key] = n;
  if (r.status === 'ok') n.delivered++;
  else if (r.status === 'retrying') n.retried++;
  else n.failed++;
}

/** Events in the period from the journal: captured, duplicates, rejected, and matches per rule id. */
export function tallyEvents(
  entries: readonly JournalEntry[],
  since: number,
  until: number,
): { events: HealthReport['events']; matched: Map<string, number> } {
  const events = { captured: 0, duplicates: 0, rejected: 0 };
  const matched = new Map<string, number>();
  for (const e of entries) {
    if (e.at < since || e.at >= until) continue;
    if (e.kind === 'rejected') {
      events.rejected += Math.max(1, e.count);
    } else if (e.state === 'duplicate') {
      events.duplicates++;
    } else {
      events.captured++;
      for (const m of e.matches) matched.set(m.ruleId, (matched.get(m.ruleId) ?? 0) + 1);
    }
  }
  return { events, matched };
}

/**
 * A stable hash of the policy in force, so an admin sees which machines run which policy. Secret
 * values are left out (only their names count): the hash of a policy never depends on an API key.
 */
export async function policyHash(policy: Policy): Promise<string> {
  const { secrets, ...rest } = policy;
  const text = stableStringify({ ...rest, secretNames: Object.keys(secrets ?? {}).sort() });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export interface HealthInput {
  now: number;
  counters: HealthCounters;
  /** Journal entries (any order; those outside the period are ignored). */
  entries: readonly JournalEntry[];
  /** The outbox's items now (the report's own are left out). */
  outbox: readonly Pick<OutboxItem, 'ruleId' | 'status'>[];
  policy: Policy;
  policyHash: string;
  policyValid: boolean;
  paused: boolean;
  extensionVersion: string;
  /** The last run of the policy's tests (src/replay/policy-run.ts `summarizePolicyTests`). */
  policyTests: PolicyTestsSummary;
}

const add = (to: AttemptCounts, n: AttemptCounts) => {
  to.delivered += n.delivered;
  to.retried += n.retried;
  to.failed += n.failed;
};

/** The report: its keys are exactly HEALTH_REPORT_KEYS, in that order. */
export function buildHealthReport(i: HealthInput): HealthReport {
  const { events, matched } = tallyEvents(i.entries, i.counters.since, i.now);
  const source = new Map<string, 'managed' | 'recommended'>();
  for (const r of i.policy.recommended?.rules ?? []) source.set(r.id, 'recommended');
  for (const r of i.policy.rules ?? []) source.set(r.id, 'managed');

  const perRule = new Map<string, AttemptCounts>([...source.keys()].map((id) => [id, zero()]));
  const perOrigin = new Map<string, AttemptCounts>();
  const user = { matched: 0, ...zero() };
  for (const [key, n] of Object.entries(i.counters.attempts)) {
    const at = key.indexOf(SEP);
    const ruleId = key.slice(0, at);
    const origin = key.slice(at + 1);
    const row = perRule.get(ruleId);
    if (!row) {
      add(user, n);
      continue;
    }
    add(row, n);
    if (!origin) continue;
    const o = perOrigin.get(origin) ?? zero();
    add(o, n);
    perOrigin.set(origin, o);
  }
  for (const [id, n] of matched) if (!source.has(id)) user.matched += n;

  const own = i.outbox.filter((x) => x.ruleId !== HEALTH_RULE_ID);
  return {
    format: HEALTH_FORMAT,
    extensionVersion: i.extensionVersion,
    policyHash: i.policyHash,
    policyValid: i.policyValid,
    paused: i.paused,
    periodStart: new Date(i.counters.since).toISOString(),
    periodEnd: new Date(i.now).toISOString(),
    events,
    rules: [...perRule].map(([id, n]) => ({
      id,
      source: source.get(id) ?? 'managed',
      matched: matched.get(id) ?? 0,
      ...n,
    })),
    userRules: user,
    origins: [...perOrigin].sort(([a], [b]) => a.localeCompare(b)).map(([origin, n]) => ({ origin, ...n })),
    backlog: {
      queued: own.filter((x) => x.status === 'pending').length,
      failed: own.filter((x) => x.status === 'dead').length,
    },
    policyTests: {
      ...i.policyTests,
      failing: i.policyTests.failing.map(({ id, name }) => ({ id, name })),
    },
  };
}

/**
 * The outbox item that carries a report to the admin's endpoint: the report as fixed JSON text, the
 * optional bearer secret as a reference resolved at send time (a policy secret: the item counts as the
 * organisation's), one Idempotency-Key per period so a retried report is recognised.
 */
export function healthOutboxItem(
  report: HealthReport,
  cfg: HealthReportPolicy,
  now: number,
  name: string,
): OutboxItem {
  const headers: OutboxItem['request']['headers'] = { 'Content-Type': ['application/json'] };
  if (cfg.authSecret) headers.Authorization = ['Bearer ', { secret: cfg.authSecret }];
  return {
    id: `${HEALTH_RULE_ID}-${now.toString(36)}`,
    journalSeq: 0,
    ruleId: HEALTH_RULE_ID,
    ruleName: name,
    actionIndex: 0,
    eventId: '',
    orderKey: HEALTH_RULE_ID,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    ruleManaged: true,
    status: 'pending',
    request: { method: 'POST', url: cfg.url, headers, body: [JSON.stringify(report)], timeoutMs: 30_000 },
  };
}
