// JivoChat Webhooks (seed 003 "Webhooks"): server-to-server requests, never received by a browser.
// Modelled so that rules can be dry-run on the documented bodies; recognised by their `event_name`.
import type { z } from 'zod';
import type { CaptureContext, EventContact } from '../../events/model';
import { buildEvent, compact, type EventParts, invalid, nonEmpty, reject } from '../kit';
import type { NormalizeResult } from '../types';
import {
  type JivoAgent,
  type JivoCallEvent,
  type JivoChatAccepted,
  type JivoChatAssigned,
  type JivoChatFinished,
  type JivoChatUpdated,
  type JivoOfflineMessage,
  type JivoVisitor,
  JivoWebhookBody,
  type JivoWebhookName,
  jivoWebhookSchemas,
} from './schema';

type Out<S extends z.ZodType> = z.output<S>;

/** visitor.number is JivoChat's own visitor id (also what getVisitorNumber returns in the page). */
export function visitorContact(
  v: Out<typeof JivoVisitor>,
  userToken?: string,
  phone?: string,
): EventContact | undefined {
  return nonEmpty(
    compact({
      platformId: v.number,
      externalId: userToken,
      name: v.name,
      email: v.email,
      phone: v.phone ?? phone,
    }),
  );
}

export const agentOf = (a: Out<typeof JivoAgent> | undefined) =>
  a ? nonEmpty(compact({ id: String(a.id), name: a.name, email: a.email })) : undefined;

const chat = (chatId: number, status?: string) => ({ id: String(chatId), ...compact({ status }) });

/**
 * call.status → canonical: `start` opens the call; `end` and `error` (reason set) close it. The
 * intermediate agent_connected / client_connected have no canonical type: kept as platform.unknown,
 * still matchable as `jivochat:call_event` with `data.call.status`.
 */
export function callEventType(status: string): EventParts['type'] {
  if (status === 'start') return 'call.started';
  if (status === 'end' || status === 'error') return 'call.ended';
  return 'platform.unknown';
}

const mappers: { [K in JivoWebhookName]: (p: Out<(typeof jivoWebhookSchemas)[K]>) => EventParts } = {
  call_event: (p: Out<typeof JivoCallEvent>) => ({
    type: callEventType(p.call.status),
    naturalKey: `${p.chat_id}:${p.call.status}`,
    conversation: chat(p.chat_id),
    contact: visitorContact(p.visitor, p.user_token, p.call.phone),
    agent: agentOf(p.agent),
  }),
  chat_accepted: (p: Out<typeof JivoChatAccepted>) => ({
    type: 'conversation.accepted',
    naturalKey: String(p.chat_id),
    conversation: chat(p.chat_id),
    contact: visitorContact(p.visitor, p.user_token),
    agent: agentOf(p.agent),
  }),
  chat_assigned: (p: Out<typeof JivoChatAssigned>) => ({
    type: 'conversation.assigned',
    naturalKey: `${p.chat_id}:${p.assign_to}`,
    conversation: chat(p.chat_id),
    contact: visitorContact(p.visitor, p.user_token),
    agent: agentOf(p.agent),
  }),
  // `agents` lists every operator of the chat; the first one is the canonical agent, all stay in data.
  chat_finished: (p: Out<typeof JivoChatFinished>) => ({
    type: 'conversation.closed',
    naturalKey: String(p.chat_id),
    conversation: chat(p.chat_id, 'closed'),
    contact: visitorContact(p.visitor, p.user_token),
    agent: agentOf(p.agents[0]),
  }),
  // Sent on every visitor update: no natural key, the content decides what is a duplicate.
  chat_updated: (p: Out<typeof JivoChatUpdated>) => ({
    type: 'conversation.updated',
    conversation: chat(p.chat_id),
    contact: visitorContact(p.visitor, p.user_token),
    agent: agentOf(p.agent),
  }),
  offline_message: (p: Out<typeof JivoOfflineMessage>) => ({
    type: 'message.created',
    naturalKey: p.offline_message_id,
    contact: visitorContact(p.visitor, p.user_token),
    message: { id: p.offline_message_id, text: p.message, direction: 'inbound' },
  }),
};

function isKnown(name: string): name is JivoWebhookName {
  return Object.hasOwn(jivoWebhookSchemas, name);
}

/** A webhook body `{event_name, …}`. `offline_messages` (the seed's table) is read as `offline_message`. */
export function normalizeJivoWebhook(raw: unknown, ctx: CaptureContext): NormalizeResult {
  const body = JivoWebhookBody.safeParse(raw);
  if (!body.success) return reject('not a JivoChat webhook body {event_name, …}');
  const name = body.data.event_name === 'offline_messages' ? 'offline_message' : body.data.event_name;
  if (!isKnown(name)) {
    return { ok: true, events: [buildEvent('jivochat', name, ctx, body.data, { type: 'platform.unknown' })] };
  }
  const parsed = jivoWebhookSchemas[name].safeParse(raw);
  if (!parsed.success) return invalid(name, parsed.error);
  const mapper = mappers[name] as (p: unknown) => EventParts;
  return { ok: true, events: [buildEvent('jivochat', name, ctx, parsed.data, mapper(parsed.data))] };
}
