// Shared by the replay and saved-test unit tests: the journal entry the action stage writes when a rule ran.
import { previewRequest } from '../../../src/actions/dry-run';
import { idempotencyKey, renderHttp } from '../../../src/actions/http';
import { renderedOf } from '../../../src/actions/rendered';
import type { BridgeEvent } from '../../../src/events/model';
import type { ActionOutcome, EventEntry } from '../../../src/journal/types';
import type { Rule } from '../../../src/rules/schema';

/**
 * The entry as the action stage journals it when `ran` ran on `event`: each action's outcome with
 * `status`, and for http actions the outbox key and the request as rendered (secret `crm` by name);
 * `more` outcomes are appended after them.
 */
export function journaledRun(
  ran: Rule,
  event: BridgeEvent,
  opts: { seq?: number; status?: ActionOutcome['status']; more?: ActionOutcome[] } = {},
): EventEntry {
  const access = { names: ['crm'], managed: [], ruleManaged: false };
  const status = opts.status ?? 'ok';
  const actions = ran.then.map((a, index): ActionOutcome => {
    const base = { ruleId: ran.id, ruleName: ran.name, index, kind: a.kind, status, at: 1 };
    if (a.kind !== 'http') return base;
    const { request } = renderHttp(a, event, access);
    return {
      ...base,
      outboxId: idempotencyKey(ran.id, event, index),
      rendered: renderedOf(previewRequest(request)),
    };
  });
  return {
    ...(opts.seq === undefined ? {} : { seq: opts.seq }),
    kind: 'event',
    at: 1,
    eventId: event.id,
    tabId: 1,
    platform: event.platform,
    type: event.type,
    event,
    matches: [{ ruleId: ran.id, ruleName: ran.name }],
    actions: [...actions, ...(opts.more ?? [])],
    state: 'done',
  };
}
