import type { BridgeEvent } from '../events/model';
import { isRoutable } from '../events/types';
import { ConditionError, describeCondition, testCondition } from './conditions';
import type { Rule } from './schema';

/**
 * Rules indexed by the selectors they listen to (canonical type or platform:sourceEvent), so the cost
 * of matching an event grows with the rules that can match it, not with all rules.
 */
export class RuleIndex {
  private readonly bySelector = new Map<string, Rule[]>();
  readonly size: number;

  constructor(rules: readonly Rule[]) {
    let n = 0;
    for (const rule of rules) {
      if (!rule.enabled) continue;
      n++;
      for (const sel of new Set(rule.when.events)) {
        const list = this.bySelector.get(sel);
        if (list) list.push(rule);
        else this.bySelector.set(sel, [rule]);
      }
    }
    this.size = n;
    this.order = new Map(rules.map((r, i) => [r.id, i]));
  }

  private readonly order: Map<string, number>;

  /** Candidates in rule-list order (rule order is the user's execution order). */
  candidates(event: BridgeEvent): Rule[] {
    // Control signals (log out, reload, cache invalidation) are journaled, never routed.
    if (!isRoutable(event.type)) return [];
    const a = this.bySelector.get(event.type);
    const b = this.bySelector.get(`${event.platform}:${event.sourceEvent}`);
    if (!a) return b ? b.slice() : [];
    if (!b) return a.slice();
    const merged = [...new Set([...a, ...b])];
    return merged.sort((x, y) => (this.order.get(x.id) ?? 0) - (this.order.get(y.id) ?? 0));
  }

  match(event: BridgeEvent): Rule[] {
    return this.matchExplained(event).rules;
  }

  /** The matching rules, and the rules that could not be evaluated (to journal as rule errors). */
  matchExplained(event: BridgeEvent): { rules: Rule[]; errors: Array<{ rule: Rule; error: string }> } {
    const rules: Rule[] = [];
    const errors: Array<{ rule: Rule; error: string }> = [];
    for (const r of this.candidates(event)) {
      const why = explainRule(r, event);
      if (why.matched) rules.push(r);
      else if (why.error) errors.push({ rule: r, error: why.error });
    }
    return { rules, errors };
  }
}

export interface RuleExplanation {
  matched: boolean;
  /** Why not, for the dry run and the inspector. */
  reason?: string;
  /** The rule could not be evaluated (e.g. a pattern RE2 refuses that slipped past validation). */
  error?: string;
}

/** Never throws: a condition that cannot be evaluated makes the rule not match, with the error. */
export function explainRule(rule: Rule, event: BridgeEvent): RuleExplanation {
  try {
    return explainConditions(rule, event);
  } catch (e) {
    if (!(e instanceof ConditionError)) throw e;
    return { matched: false, reason: `rule error: ${e.message}`, error: e.message };
  }
}

function explainConditions(rule: Rule, event: BridgeEvent): RuleExplanation {
  if (!rule.enabled) return { matched: false, reason: 'rule is disabled' };
  const selectors = rule.when.events;
  if (!selectors.includes(event.type) && !selectors.includes(`${event.platform}:${event.sourceEvent}`)) {
    return { matched: false, reason: `listens to ${selectors.join(', ')}, not ${event.type}` };
  }
  if (
    rule.when.platforms &&
    rule.when.platforms.length > 0 &&
    !rule.when.platforms.includes(event.platform)
  ) {
    return { matched: false, reason: `limited to ${rule.when.platforms.join(', ')}` };
  }
  const where = rule.when.where;
  if (where.length === 0) return { matched: true };
  if (rule.when.match === 'any') {
    return where.some((c) => testCondition(event, c))
      ? { matched: true }
      : { matched: false, reason: `none of: ${where.map(describeCondition).join('; ')}` };
  }
  const failed = where.find((c) => !testCondition(event, c));
  return failed ? { matched: false, reason: `failed: ${describeCondition(failed)}` } : { matched: true };
}
