import type { BridgeEvent } from '../events/model';
import type { Rule } from './schema';

/**
 * `once` (per event, conversation or contact, within a window) and `throttleMs`, per rule. Returns
 * why a matching rule is held back, or undefined when it may run (and records the run).
 */
export class RuleGate {
  private readonly lastRun = new Map<string, number>();
  private readonly onceKeys = new Map<string, number>();

  check(rule: Rule, event: BridgeEvent, now: number): string | undefined {
    if (rule.throttleMs) {
      const last = this.lastRun.get(rule.id);
      if (last !== undefined && now - last < rule.throttleMs) return `throttled (${rule.throttleMs} ms)`;
    }
    let onceKey: string | undefined;
    if (rule.once) {
      const subject =
        rule.once.per === 'event'
          ? event.id
          : rule.once.per === 'conversation'
            ? event.conversation?.id
            : (event.contact?.crmId ??
              event.contact?.externalId ??
              event.contact?.platformId ??
              event.contact?.email ??
              event.contact?.phone);
      if (subject !== undefined) {
        onceKey = `${rule.id}|${rule.once.per}|${event.platform}|${subject}`;
        const at = this.onceKeys.get(onceKey);
        if (at !== undefined && now - at < rule.once.windowMs)
          return `already ran once for this ${rule.once.per}`;
      }
    }
    if (rule.throttleMs) this.lastRun.set(rule.id, now);
    if (onceKey) {
      this.onceKeys.set(onceKey, now);
      if (this.onceKeys.size > 50_000) this.onceKeys.clear();
    }
    return undefined;
  }
}
