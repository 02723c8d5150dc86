import type { BridgeEvent } from '../events/model';
import { describeCondition, testCondition } from './conditions';
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
    const a = this.bySelector.get(event.type);
    const b = this.bySelector.get(`${event.platform}:${event.sourceEvent}`);
    if (!a) return b ? b.slice() : [];
    if (!b) return a.slice();
    const merged = [...new Set([...a, ...b])];
    return merged.sort((x, y) => (this.order.get(x.id) ?? 0) - (this.order.get(y.id) ?? 0));
  }

  match(event: BridgeEvent): Rule[] {
    return this.candidates(event).filter((r) => explainRule(r, event).matched);
  }
}

export interface RuleExplanation {
  matched: boolean;
  /** Why not, for the dry run and the inspector. */
  reason?: string;
}

export function explainRule(rule: Rule, event: BridgeEvent): RuleExplanation {
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
