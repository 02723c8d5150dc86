import { renderHttp } from '../actions/http';
import { eventScope, renderHttpUrl, renderJson, renderString } from '../actions/render';
import type { BridgeEvent } from '../events/model';
import { TemplateError } from '../templates/engine';
import { explainRule } from './matcher';
import type { Action, Rule } from './schema';

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

const MASK = /\uE000secret:([\w-]+)\uE001/g;
const mask = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null).replace(MASK, '[secret:$1]'));

/** Renders one action without executing anything (options-page "test this rule", popup replay). */
export function previewAction(
  action: Action,
  event: BridgeEvent,
  secretNames: string[],
  index = 0,
): DryAction {
  const base = { index, kind: action.kind };
  const scope = eventScope(event);
  try {
    switch (action.kind) {
      case 'http': {
        const { request, missing } = renderHttp(action, event, secretNames);
        return { ...base, preview: mask(request), missing: [...new Set(missing)] };
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

export function dryRun(rules: readonly Rule[], event: BridgeEvent, secretNames: string[] = []): DryRule[] {
  return rules.map((rule) => {
    const why = explainRule(rule, event);
    return {
      ruleId: rule.id,
      ruleName: rule.name,
      matched: why.matched,
      reason: why.reason,
      actions: why.matched ? rule.then.map((a, i) => previewAction(a, event, secretNames, i)) : [],
    };
  });
}
