import { z } from 'zod';

/** Report period in minutes when the policy names none (hourly), and its bounds. */
export const HEALTH_INTERVAL_DEFAULT = 60;
export const HEALTH_INTERVAL_MIN = 15;
export const HEALTH_INTERVAL_MAX = 1440;

const isLoopbackHost = (h: string) => h === 'localhost' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);

/** Why `url` cannot be the health endpoint, or undefined: an absolute https URL (plain http only to loopback). */
export function healthUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'a full address like https://admin.example.com/crm-bridge/health';
  }
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return undefined;
  return 'the health endpoint needs https (plain http only to loopback)';
}

/**
 * The optional health report (issue 19, docs/admin.md "Health report"): off unless the policy sets it.
 * The extension POSTs a report of counts (no event content, no personal data) to the admin's own
 * endpoint every `intervalMinutes`, through the outbox like any CRM request.
 */
export const HealthReportPolicySchema = z.object({
  /** The admin's endpoint: fixed by the policy, never by event data. */
  url: z
    .string()
    .max(2000)
    .superRefine((s, ctx) => {
      const problem = healthUrlProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Minutes between reports (chrome.alarms period), default 60. */
  intervalMinutes: z.number().int().min(HEALTH_INTERVAL_MIN).max(HEALTH_INTERVAL_MAX).optional(),
  /** Name of a policy secret sent as `Authorization: Bearer <value>` (the value never enters the report). */
  authSecret: z
    .string()
    .regex(/^[A-Za-z_][\w-]{0,63}$/, 'a secret name')
    .optional(),
});
export type HealthReportPolicy = z.infer<typeof HealthReportPolicySchema>;
