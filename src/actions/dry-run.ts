import type { BridgeEvent } from '../events/model';
import { explainRule } from '../rules/matcher';
import type { Action, Rule } from '../rules/schema';
import { TemplateError } from '../templates/engine';
import { previewSegments, type SecretAccess } from '../templates/segments';
import { type HttpRequestSpec, renderHttp } from './http';
import { eventScope, renderHttpUrl, renderJson, renderString } from './render';

export interface DryAction {
  index: number;
  kind: Action['kind'];
  /** What would be done, rendered against the event; secrets appear as `[secret:name]`. */
  preview: unknown;
  missing: string[];
  error?: string;
}

export interface DryRule {
  ruleId: string;
  ruleName: string;
  matched: boolean;
  reason?: string;
  actions: DryAction[];
}

/**
 * A rendered request as people see it (and as the journal keeps it for replay diffs): secrets shown as
 * `[secret:name]` from the request's structure (references), not a text search.
 */
export function previewRequest(request: HttpRequestSpec) {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k, previewSegments(v)]),
  );
  const body = request.body && previewSegments(request.body);
  return { ...request, headers, body };
}

/**
 * Renders one action without executing anything (options-page "test this rule", popup replay).
 * `secrets` is either the full access (names, the organisation's, whether the rule is managed) or
 * plain names (the options editor: user rules, no organisation secrets known there).
 */
export function previewAction(
  action: Action,
  event: BridgeEvent,
  secrets: SecretAccess | readonly string[],
  index = 0,
): DryAction {
  const access: SecretAccess =
    'names' in secrets ? secrets : { names: [...secrets], managed: [], ruleManaged: false };
  const base = { index, kind: action.kind };
  const scope = eventScope(event);
  try {
    switch (action.kind) {
      case 'http': {
        const { request, missing } = renderHttp(action, event, access);
        return { ...base, preview: previewRequest(request), missing: [...new Set(missing)] };
      }
      case 'open-url': {
        const r = renderHttpUrl(action.url, scope);
        return { ...base, preview: { url: r.value.href, target: action.target }, missing: r.missing };
      }
      case 'agent-command': {
        const missing: string[] = [];
        const params = renderJson(action.params, scope, missing).value;
        return { ...base, preview: { command: action.command, params }, missing };
      }
      case 'fill': {
        const missing: string[] = [];
        const fields: Record<string, string> = {};
        for (const [sel, tpl] of Object.entries(action.fields)) {
          const r = renderString(tpl, scope, 'text');
          missing.push(...r.missing);
          fields[sel] = r.value;
        }
        return { ...base, preview: { fields, page: action.page }, missing };
      }
      case 'click':
        return { ...base, preview: { selector: action.selector, page: action.page }, missing: [] };
      case 'ask-agent': {
        const t = renderString(action.title, scope, 'text');
        const missing = [...t.missing];
        const fields = action.form.map((f) => {
          const d = f.default === undefined ? undefined : renderString(f.default, scope, 'text');
          missing.push(...(d?.missing ?? []));
          return { name: f.name, label: f.label, type: f.type, default: d?.value };
        });
        return {
          ...base,
          preview: { title: t.value, fields, answerTimeoutMs: action.answerTimeoutMs },
          missing,
        };
      }
      case 'notify': {
        const t = renderString(action.title, scope, 'text');
        const m = renderString(action.message, scope, 'text');
        const u = action.url ? renderHttpUrl(action.url, scope) : undefined;
        return {
          ...base,
          preview: { title: t.value, message: m.value, url: u?.value.href },
          missing: [...t.missing, ...m.missing, ...(u?.missing ?? [])],
        };
      }
      case 'copy':
      case 'log': {
        const r = renderString(action.kind === 'copy' ? action.text : action.message, scope, 'text');
        return { ...base, preview: r.value, missing: r.missing };
      }
    }
  } catch (e) {
    return { ...base, preview: null, missing: [], error: e instanceof TemplateError ? e.message : String(e) };
  }
}

export function dryRun(
  rules: readonly Rule[],
  event: BridgeEvent,
  secretNames: readonly string[] = [],
  managedSecrets: readonly string[] = [],
): DryRule[] {
  return rules.map((rule) => {
    const why = explainRule(rule, event);
    // Each rule previews with its own access: the organisation's secrets only in its rules.
    const access = { names: secretNames, managed: managedSecrets, ruleManaged: rule.managed };
    return {
      ruleId: rule.id,
      ruleName: rule.name,
      matched: why.matched,
      reason: why.reason,
      actions: why.matched ? rule.then.map((a, i) => previewAction(a, event, access, i)) : [],
    };
  });
}
