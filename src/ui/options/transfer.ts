// Import/export of user settings as JSON (saved tests included). Secrets travel by name only (never values). Pure.
import { type Settings, SettingsSchema } from '../../config/settings';
import { PLATFORMS } from '../../platforms';
import { cableUrl } from '../../platforms/onechat/direct-url';
import { firstRuleError } from '../../rules/validate';
import { plainError } from '../../util/plain-issues';

export const EXPORT_FORMAT = 'crm-bridge-settings';

export interface SettingsExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  settings: Settings;
  /** Names of the secrets the rules use or that exist; values are never exported. */
  secrets: string[];
}

const SECRET_REF = /secrets\.([A-Za-z_][\w-]{0,63})/g;

/** Params in which REST agent-commands name their token secret as plain text (OneChat: `tokenSecret`). */
const REST_SECRET_PARAMS = [
  ...new Set(PLATFORMS.flatMap((p) => Object.values(p.commands).flatMap((c) => c.rest?.secretParam ?? []))),
];

/** The secrets agent-command actions name in those params, anywhere under `v`. */
function commandSecrets(v: unknown, found: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) commandSecrets(x, found);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return;
  const o = v as { kind?: unknown; params?: Record<string, unknown> };
  if (o.kind === 'agent-command' && o.params && typeof o.params === 'object') {
    for (const k of REST_SECRET_PARAMS) if (typeof o.params[k] === 'string') found.add(o.params[k]);
  } else for (const x of Object.values(o)) commandSecrets(x, found);
}

/**
 * Secret names referenced by templates, or by REST agent-commands, anywhere in the settings. Saved tests
 * are left out: their events are recorded chat text (a message saying "secrets.x" names no secret) and
 * their requests name secrets as `[secret:name]`, already listed by the rules that made them.
 */
export function referencedSecrets(settings: unknown): string[] {
  const found = new Set<string>();
  const templates =
    settings && typeof settings === 'object' ? { ...(settings as object), tests: undefined } : settings;
  for (const m of JSON.stringify(templates ?? null).matchAll(SECRET_REF)) if (m[1]) found.add(m[1]);
  commandSecrets(templates, found);
  if (settings && typeof settings === 'object') {
    const direct = (settings as { onechatDirect?: { pubsubTokenSecret?: unknown } }).onechatDirect;
    if (typeof direct?.pubsubTokenSecret === 'string') found.add(direct.pubsubTokenSecret);
  }
  return [...found].sort();
}

export function buildExport(
  user: Settings,
  secretNames: readonly string[],
  now = new Date(),
): SettingsExport {
  const settings = SettingsSchema.parse(user);
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    settings: {
      ...settings,
      rules: settings.rules.filter((r) => !r.managed),
      sites: settings.sites.filter((s) => !s.managed),
    },
    secrets: [...new Set([...secretNames, ...referencedSecrets(settings)])].sort(),
  };
}

export type ImportResult =
  | { ok: true; settings: Settings; secrets: string[] }
  | { ok: false; error: string; path?: string };

/** JSON.parse's message plus line:column when the engine gives a position. */
function jsonError(text: string, e: Error): string {
  const pos = /position (\d+)/.exec(e.message)?.[1];
  if (pos === undefined) return `not valid JSON: ${e.message}`;
  const before = text.slice(0, Number(pos));
  const line = before.split('\n').length;
  const col = Number(pos) - before.lastIndexOf('\n');
  return `not valid JSON at line ${line}, column ${col}: ${e.message}`;
}

/**
 * Validates an export (or a bare settings object) completely; on error returns the first problem as
 * `path: message` (path as in the file, e.g. `settings.rules.0.when.events.0`) and nothing else.
 */
export function parseImport(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: jsonError(text, e as Error) };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, error: '(root): expected an object: an export of CRM Bridge settings' };
  const wrapped = (raw as { format?: unknown }).format === EXPORT_FORMAT;
  const body = wrapped ? (raw as { settings?: unknown }).settings : raw;
  const parsed = SettingsSchema.safeParse(body, { error: plainError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = [...(wrapped ? ['settings'] : []), ...(issue?.path ?? []).map(String)].join('.') || '(root)';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    return { ok: false, path, error: `${path}: ${issue?.message ?? 'invalid'}${more}` };
  }
  const listed = wrapped ? (raw as { secrets?: unknown }).secrets : undefined;
  const names = Array.isArray(listed) ? listed.filter((n): n is string => typeof n === 'string') : [];
  if (Array.isArray(listed) && names.length !== listed.length)
    return { ok: false, path: 'secrets', error: 'secrets: expected a list of secret names' };
  const managed = [...parsed.data.rules, ...parsed.data.sites].filter((x) => x.managed).length;
  if (managed > 0)
    return {
      ok: false,
      path: 'settings',
      error: `${managed} entr${managed === 1 ? 'y is' : 'ies are'} marked "managed": managed entries come from your organisation's policy and cannot be imported`,
    };
  // The rule checks (src/rules/validate.ts): a rule that could never deliver is refused with the sentence.
  const broken = firstRuleError(parsed.data.rules, { secretNames: names });
  if (broken) {
    const i = parsed.data.rules.findIndex((r) => r.id === broken.ruleId);
    const path = [...(wrapped ? ['settings'] : []), 'rules', String(i), broken.check.path].join('.');
    return { ok: false, path, error: `${broken.sentence} Fix it in the file, then import again.` };
  }
  return {
    ok: true,
    settings: parsed.data,
    secrets: [...new Set([...names, ...referencedSecrets(parsed.data)])].sort(),
  };
}

/**
 * What an import would change in OneChat direct mode that sends a secret somewhere, in words, or
 * undefined. Direct mode sends the named secret (the pubsub token) to the configured host, so an
 * import that turns it on or points it elsewhere must say so and be confirmed (issue 14 item 5).
 */
export function directModeWarning(current: Settings, imported: Settings): string | undefined {
  const next = imported.onechatDirect;
  if (!next?.enabled) return undefined;
  const now = current.onechatDirect?.enabled ? current.onechatDirect : undefined;
  if (now && now.url === next.url && now.pubsubTokenSecret === next.pubsubTokenSecret) return undefined;
  let socket = next.url;
  try {
    socket = cableUrl(next.url);
  } catch {}
  return `This import ${now ? 'changes' : 'turns on'} OneChat direct mode: the extension will connect to ${socket} and send it your secret "${next.pubsubTokenSecret}"${now ? ` (until now: ${now.url}, secret "${now.pubsubTokenSecret}")` : ''}. Import only if you trust that server.`;
}
