// Shared by the replay, saved-test and policy-test unit tests: a rule posting a note to the CRM with the
// `crm` secret, and the journal entry the action stage writes when a rule ran.
import { previewRequest } from '../../../src/actions/dry-run';
import { idempotencyKey, renderHttp } from '../../../src/actions/http';
import { renderedOf } from '../../../src/actions/rendered';
import type { BridgeEvent } from '../../../src/events/model';
import type { ActionOutcome, EventEntry } from '../../../src/journal/types';
import { type Rule, RuleSchema } from '../../../src/rules/schema';

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

/**
 * A rule whose first action POSTs `body` to the CRM's notes with the `crm` secret (the one journaledRun
 * names), followed by `then`; other fields (`id`, `name`, `enabled`…) as given, `r` / `R` by default.
 */
export function crmNoteRule(
  body: object,
  {
    events = ['message.created'],
    then = [],
    ...rest
  }: { events?: string[]; then?: object[] } & Record<string, unknown> = {},
): Rule {
  return RuleSchema.parse({
    id: 'r',
    name: 'R',
    when: { events },
    then: [
      {
        kind: 'http',
        method: 'POST',
        url: 'https://crm.example.com/api/notes',
        headers: { Authorization: 'Bearer {{ secrets.crm }}' },
        body: { type: 'json', value: body },
      },
      ...then,
    ],
    ...rest,
  });
}
