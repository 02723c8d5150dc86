import { idempotencyKey, renderHttp } from '../actions/http';
import type { BridgeEvent } from '../events/model';
import type { OutboxItem } from '../outbox/types';
import { sourceOf } from '../platforms/kit';
import { testCondition } from '../rules/conditions';
import type { Action } from '../rules/schema';
import { renderTemplate } from '../templates/engine';
import type { ChainRecord } from './types';

/**
 * An http step rendered over the chain context into an outbox item: its own Idempotency-Key (rule,
 * event occurrence, step index), ordered after nothing but this chain's own earlier steps.
 */
export function stepItem(
  chain: ChainRecord,
  index: number,
  action: Extract<Action, { kind: 'http' }>,
  scope: BridgeEvent,
  secrets: { names: string[]; managed: string[] },
  now: number,
): { item: OutboxItem; detail: string } {
  const { rule, event } = chain;
  const { request, missing } = renderHttp(action, scope, {
    names: secrets.names,
    managed: secrets.managed,
    ruleManaged: rule.managed,
  });
  const id = idempotencyKey(rule.id, event, index);
  const empty = missing.length ? ` (empty: ${[...new Set(missing)].join(', ')})` : '';
  const item: OutboxItem = {
    id,
    journalSeq: chain.journalSeq,
    ruleId: rule.id,
    ruleName: rule.name,
    actionIndex: index,
    eventId: event.id,
    orderKey: `${rule.id}|${sourceOf(event)}|${event.conversation?.id ?? event.id}|${chain.id}`,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    ruleManaged: rule.managed,
    status: 'pending',
    request,
    chain: { id: chain.id, step: index },
  };
  return { item, detail: `${request.method} ${request.url}${empty}` };
}

/** A step's `if` condition; one that cannot be evaluated counts as not holding. */
export function holds(scope: object, c: Parameters<typeof testCondition>[1]): boolean {
  try {
    return testCondition(scope, c);
  } catch {
    return false;
  }
}

/** A `remember` template over the chain context ('' when it renders nothing or fails). */
export function renderText(tpl: string, scope: object): string {
  try {
    return renderTemplate(tpl, scope as Record<string, unknown>, 'text').value.trim();
  } catch {
    return '';
  }
}
