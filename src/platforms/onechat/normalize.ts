import type { z } from 'zod';
import type { CaptureContext } from '../../events/model';
import { buildEvent, type EventParts, formatIssues, invalid, reject } from '../kit';
import type { NormalizeResult } from '../types';
import { type ConnectorEvent, connectorMappers, connectorSchemas } from './connector';
import { mappers } from './map';
import { classifyCableValue } from './protocol';
import { redactIdentifier, redactTokens } from './redact';
import { type OneChatEvent, OneChatFrame, onechatSchemas } from './schema';

function isDocumented(event: string): event is OneChatEvent {
  return Object.hasOwn(onechatSchemas, event);
}

function isConnectorEvent(event: string): event is ConnectorEvent {
  return Object.hasOwn(connectorSchemas, event);
}

/** The schema and mapper of a seed event or of one the Chatwoot dashboard handles (connector.ts). */
function specOf(event: string): { schema: z.ZodType; map: (p: unknown) => EventParts } | undefined {
  if (isDocumented(event))
    return { schema: onechatSchemas[event], map: mappers[event] as (p: unknown) => EventParts };
  if (isConnectorEvent(event))
    return { schema: connectorSchemas[event], map: connectorMappers[event] as (p: unknown) => EventParts };
  return undefined;
}

/**
 * The worker receives one parsed ActionCable data frame `{identifier, message:{event, data}}`
 * (seed "Websocket Event payload samples"). Control frames never reach here from the tap, but a
 * forged or mis-wired one is rejected with its kind rather than treated as an event.
 */
export function normalizeOnechat(raw: unknown, ctx: CaptureContext): NormalizeResult {
  const frame = classifyCableValue(raw);
  if (frame.kind === 'invalid') return reject(`not an ActionCable data frame: ${frame.reason}`);
  if (frame.kind !== 'data') return reject(`ActionCable ${frame.kind} frame carries no event`);
  const env = OneChatFrame.safeParse(raw);
  if (!env.success) {
    return reject('not a OneChat frame {identifier, message:{event, data}}', {
      issues: formatIssues(env.error),
    });
  }
  const { identifier, message } = env.data;
  const { event } = message;
  // What events carry as `data`: the frame as received, tokens redacted (see redact.ts).
  const data = { ...env.data, identifier: redactIdentifier(identifier), message: redactTokens(message) };

  const spec = specOf(event);
  // Events neither the seed nor the dashboard's connector knows (a newer or forked server): never
  // dropped, journaled as platform.unknown and matchable as `onechat:<event>`.
  if (!spec)
    return { ok: true, events: [buildEvent('onechat', event, ctx, data, { type: 'platform.unknown' })] };
  const parsed = spec.schema.safeParse(message.data);
  if (!parsed.success) return invalid(event, parsed.error);
  const parts = spec.map(parsed.data);
  const primary = buildEvent('onechat', event, ctx, data, parts);
  if (event !== 'conversation.status_changed' || primary.conversation?.status !== 'resolved') {
    return { ok: true, events: [primary] };
  }
  // DESIGN.md: a change to "resolved" is also conversation.closed. Same source event and payload, so
  // its id is the primary's plus a suffix: distinct, yet strong/weak exactly when the primary is.
  const closed = { ...primary, type: 'conversation.closed' as const, id: `${primary.id}/closed` };
  return { ok: true, events: [primary, closed] };
}
