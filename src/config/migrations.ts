// One migration per storage version step (WXT storage `migrations`); each has a fixture test in
// test/unit/config/settings.test.ts with a committed before/after pair under test/fixtures/settings/.
import { RuleSchema } from '../rules/schema';
import { OnechatDirectSchema } from './settings';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * v1 → v2 (issue 14 tightened what a setting may hold). A stored rule the new checks refuse (a `matches`
 * pattern RE2 cannot run, a URL whose host an interpolation would choose, `raw` in a URL) would make
 * the whole stored settings fail to load, so it is set aside with the reason, kept for the user to
 * fix or discard, never lost and never run. A direct-mode URL in plain text to a remote host is
 * upgraded to TLS and switched off until the user turns it on again (the token never leaves in clear).
 */
export function toV2(old: unknown): unknown {
  if (!isObj(old)) return old;
  const out: Obj = { ...old };
  const kept: unknown[] = [];
  const setAside: unknown[] = Array.isArray(old.setAside) ? [...old.setAside] : [];
  for (const rule of Array.isArray(old.rules) ? old.rules : []) {
    const parsed = RuleSchema.safeParse(rule);
    if (parsed.success) kept.push(rule);
    else setAside.push({ rule, reason: parsed.error.issues[0]?.message ?? 'not valid any more' });
  }
  if (Array.isArray(old.rules)) out.rules = kept;
  out.setAside = setAside;
  const direct = old.onechatDirect;
  if (isObj(direct) && !OnechatDirectSchema.safeParse(direct).success && typeof direct.url === 'string') {
    out.onechatDirect = {
      ...direct,
      url: direct.url.replace(/^ws:/i, 'wss:').replace(/^http:/i, 'https:'),
      enabled: false,
    };
  }
  return out;
}

export const settingsMigrations: Record<number, (old: unknown) => unknown> = { 2: toV2 };
