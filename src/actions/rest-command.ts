// Agent-commands carried out through the workspace's REST API (CommandSpec.rest; OneChat/Chatwoot): the
// worker renders and validates the params, builds the request and queues it in the outbox like an http
// action, so it is durable, retried, and its errors are outcomes. Event data never picks the host (it
// is the event's trusted origin), never names the secret (the secret param must be literal text in the
// rule) and never reaches a secret value (the header holds a reference, filled in at send time).
import type { BridgeEvent } from '../events/model';
import { formatIssues } from '../platforms/kit';
import type { CommandSpec } from '../platforms/types';
import type { Action } from '../rules/schema';
import type { HttpRequestSpec } from './http';
import { eventScope, isLoopback, renderJson } from './render';

type AgentCommandAction = Extract<Action, { kind: 'agent-command' }>;
const SECRET_NAME = /^[A-Za-z_][\w-]{0,63}$/;

export interface RestAccess {
  /** Every secret name that is set. */
  names: readonly string[];
  /** Names set by the organisation: only its own (managed) rules may use them. */
  managed: readonly string[];
  ruleManaged: boolean;
}

/** The request to queue, or why the command cannot be sent (an outcome, never thrown). */
export function renderRestCommand(
  action: AgentCommandAction,
  spec: CommandSpec & { rest: NonNullable<CommandSpec['rest']> },
  event: BridgeEvent,
  access: RestAccess,
): { ok: true; request: HttpRequestSpec } | { ok: false; error: string } {
  const { secretParam } = spec.rest;
  const literal = action.params[secretParam];
  if (typeof literal !== 'string' || !SECRET_NAME.test(literal))
    return {
      ok: false,
      error: `${action.command}: "${secretParam}" must be the name of a secret, written as plain text (not a template)`,
    };
  if (!access.names.includes(literal))
    return { ok: false, error: `${action.command}: the secret "${literal}" is not set` };
  if (access.managed.includes(literal) && !access.ruleManaged)
    return {
      ok: false,
      error: `${action.command}: the secret "${literal}" belongs to your organisation and only its rules may use it`,
    };
  const rendered = renderJson(action.params, eventScope(event)).value;
  const parsed = spec.params.safeParse(rendered);
  if (!parsed.success)
    return { ok: false, error: `invalid ${action.command} params: ${formatIssues(parsed.error).join('; ')}` };
  const call = spec.rest.call(parsed.data);
  let origin: URL;
  try {
    origin = new URL(event.origin);
  } catch {
    return { ok: false, error: `${action.command}: the event has no workspace origin to call` };
  }
  if (origin.protocol !== 'https:' && !(origin.protocol === 'http:' && isLoopback(origin)))
    return {
      ok: false,
      error: `${action.command}: ${origin.origin} is not https (plain http only to loopback)`,
    };
  const onOrigin = (path: string) => {
    const url = new URL(path, origin.origin);
    return path.startsWith('/') && !path.startsWith('//') && url.origin === origin.origin ? url : undefined;
  };
  const url = onOrigin(call.path);
  const readUrl = call.merge && onOrigin(call.merge.readPath);
  if (!url || (call.merge && !readUrl))
    return { ok: false, error: `${action.command}: the path must stay on ${origin.origin}` };
  const body = call.body === undefined ? undefined : [JSON.stringify(call.body)];
  return {
    ok: true,
    request: {
      method: call.method,
      url: url.href,
      headers: {
        [call.authHeader]: [{ secret: literal }],
        ...(body ? { 'Content-Type': ['application/json'] } : {}),
      },
      body,
      timeoutMs: 15_000,
      // Read again at every attempt, on the same origin (src/actions/list-merge.ts).
      ...(call.merge && readUrl
        ? {
            merge: {
              readUrl: readUrl.href,
              list: call.merge.list,
              field: call.merge.field,
              op: call.merge.op,
            },
          }
        : {}),
    },
  };
}
