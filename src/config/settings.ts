import { z } from 'zod';
import { PLATFORM_IDS, type PlatformId } from '../events/types';
import { directUrlProblem } from '../platforms/onechat/direct-url';
import { SAVED_TESTS_MAX, SavedTestSchema } from '../replay/saved-test';
import { RuleSchema } from '../rules/schema';

/** An origin such as https://chat.example.com or http://127.0.0.2:4002 (no path). */
export const OriginSchema = z
  .string()
  .max(300)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s;
    } catch {
      return false;
    }
  }, 'an origin like https://chat.example.com (scheme, host and optional port; no path)');

/** Chrome match pattern: <scheme>://<host>/<path>, scheme http/https/*. */
export const MatchPatternSchema = z
  .string()
  .max(500)
  .regex(
    /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d+)?\/.*$/,
    'a match pattern like https://crm.example.com/*',
  );

export const SitePlatformSchema = z.object({
  enabled: z.boolean().default(true),
  /** Agent-workspace origins trusted for postMessage platforms on this site. */
  origins: z.array(OriginSchema).max(50).default([]),
  /** WebSocket platforms: URL suffix of the sockets to observe (default from the registry, e.g. /cable). */
  socketUrlSuffix: z.string().max(200).optional(),
});
export type SitePlatform = z.infer<typeof SitePlatformSchema>;

export const SiteSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200).default(''),
  matches: z.array(MatchPatternSchema).min(1).max(20),
  platforms: z.partialRecord(z.enum(PLATFORM_IDS), SitePlatformSchema),
  managed: z.boolean().default(false),
});
export type Site = z.infer<typeof SiteSchema>;

/**
 * OneChat direct mode: the worker itself subscribes to `<url>/cable` for agents who do not keep the
 * dashboard open. The pubsub_token is a secret, referenced here by its name only.
 */
export const OnechatDirectSchema = z.object({
  enabled: z.boolean().default(true),
  /**
   * The OneChat installation URL, e.g. https://chat.example.com (the socket is <url>/cable). The token
   * goes to this host: TLS required, plain http/ws only for loopback (issue 14 item 5).
   */
  url: z
    .string()
    .max(500)
    .superRefine((s, ctx) => {
      const problem = directUrlProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Name of the secret holding the agent's pubsub_token. */
  pubsubTokenSecret: z.string().regex(/^[A-Za-z_][\w-]{0,63}$/, 'a secret name'),
  accountId: z.number().int().positive().optional(),
  userId: z.number().int().positive().optional(),
  /** Publish update_presence every 30 s (keeps the agent shown online in OneChat). */
  presence: z.boolean().default(false),
});
export type OnechatDirect = z.infer<typeof OnechatDirectSchema>;

/** Delivery of http actions (issue 16): how long the outbox keeps retrying a transient failure. */
export const DeliverySchema = z.object({
  /** An action still failing transiently this long after it was queued is dead-lettered. */
  maxAgeHours: z.number().int().min(1).max(168).default(24),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const SETTINGS_VERSION = 2;

/** A stored rule a newer version refuses (src/config/migrations.ts): kept as it was, with why, never run. */
export const SetAsideSchema = z.object({ rule: z.unknown(), reason: z.string().max(2000) });

export const SettingsSchema = z.object({
  sites: z.array(SiteSchema).max(200).default([]),
  rules: z.array(RuleSchema).max(10_000).default([]),
  setAside: z.array(SetAsideSchema).max(10_000).default([]),
  /** Capture paused: events are neither journaled nor routed. */
  paused: z.boolean().default(false),
  /** Integrator tools in the popup ("Copy as fixture", tab and frame ids, event ids): off for agents. */
  integrator: z.boolean().default(false),
  /** Journal bound (entries). */
  journalLimit: z.number().int().min(100).max(100_000).default(5000),
  /** Outbox retry horizon (lockable by policy: lockedSettings.delivery). */
  delivery: DeliverySchema.default({ maxAgeHours: 24 }),
  /** OneChat direct mode (absent: off). */
  onechatDirect: OnechatDirectSchema.optional(),
  /**
   * Saved tests (issue 20): recorded events with the actions they produced, run on each rule edit. The
   * user's own (not lockable by policy: the policy has its own `tests`). A store without the key loads
   * with none, so no version step.
   */
  tests: z.array(SavedTestSchema).max(SAVED_TESTS_MAX).default([]),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export function enabledPlatforms(site: Site): PlatformId[] {
  return PLATFORM_IDS.filter((id) => site.platforms[id]?.enabled);
}
