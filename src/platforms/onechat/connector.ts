// The events the Chatwoot dashboard's own ActionCable connector handles beyond the seed's 13, typed from
// the Chatwoot source (chatwoot/chatwoot):
// - app/javascript/dashboard/helper/actionCable.js @ 016986639a38584385001388e70891dffae56274: the
//   29-entry `this.events` map and the fields each handler reads (`data.id`, `data.cache_keys`,
//   `data.call_id`, `data.conversation_id`, `data.caller`, `data.provider`…);
// - app/listeners/action_cable_listener.rb @ 01393553a9493fa4906982c1fb18e71346acf799: `broadcast`
//   sends `data.merge(account_id:)` (current develop also adds `performer: Current.user.push_event_data`);
//   conversation events carry `conversation.push_event_data`, contact events `contact.push_event_data`;
// - lib/events/types.rb @ 0a676d0bf76e0ed7d2051703dc257b1bc94c3275: the event names.
// Voice calls are broadcast by the call services as `{event, data: base_payload(call).merge(extra)}`.
import { z } from 'zod';
import { compact, type EventParts, nonEmpty } from '../kit';
import { agentOf, contactOf, conversationParts, stateKey } from './map';
import { Contact, Conversation, Performer } from './schema';

const int = z.number().int();
const nstr = z.string().nullable().optional();

/** conversation.bot_handoff / .mentioned / .updated: `conversation.push_event_data` + account_id (+ performer). */
export const ConversationBroadcast = Conversation;

/** contact.deleted: the dashboard reads only `data.id` (contacts/deleteContactThroughConversations). */
export const ContactDeleted = Contact.extend({ account_id: int.optional(), performer: Performer });

/** notification.* : `{notification: push_event_data, unread_count?, count?}` + account_id. */
export const NotificationBroadcast = z.looseObject({
  notification: z.looseObject({
    id: int,
    notification_type: z.string().optional(),
    primary_actor_type: z.string().nullable().optional(),
    primary_actor_id: int.nullable().optional(),
    primary_actor: z.looseObject({ id: int }).nullable().optional(),
    read_at: z.union([z.string(), z.number()]).nullable().optional(),
    snoozed_until: z.union([z.string(), z.number()]).nullable().optional(),
  }),
  unread_count: int.optional(),
  count: int.optional(),
  account_id: int.optional(),
});

/** copilot.message.created: the agent's Copilot thread (copilotMessages/upsert), not the conversation. */
export const CopilotMessage = z.looseObject({
  id: int,
  message: z.unknown().optional(),
  message_type: z.string().optional(),
  copilot_thread: z.looseObject({ id: int }).nullable().optional(),
  account_id: int.optional(),
});

/** Control signals: `user:logout`, `page:reload`, unread-count and enrichment refetches carry (almost) nothing. */
export const ControlSignal = z.looseObject({ account_id: int.optional() });

/** account.cache_invalidated: `cache_keys.{label,inbox,team,canned_response}` (onCacheInvalidate). */
export const CacheInvalidated = z.looseObject({
  cache_keys: z.record(z.string(), z.unknown()),
  account_id: int.optional(),
});

/** voice_call.*: the call row (`id`), the provider's call id (`call_id`) and the conversation. */
export const VoiceCall = z.looseObject({
  id: int,
  call_id: z.string().min(1).max(200),
  conversation_id: int,
  inbox_id: int.optional(),
  account_id: int.optional(),
  /** "whatsapp" or "twilio" (VOICE_CALL_PROVIDERS). */
  provider: z.string().optional(),
  /** Call#direction_label: "inbound" / "outbound". */
  direction: nstr,
  caller: z.looseObject({ name: nstr, phone: nstr, avatar: nstr }).nullable().optional(),
  status: nstr,
  duration_seconds: int.nonnegative().nullable().optional(),
  end_reason: nstr,
  accepted_by_agent_id: int.nullable().optional(),
  recording_enabled: z.boolean().optional(),
  sdp_offer: nstr,
  sdp_answer: nstr,
  ice_servers: z.array(z.unknown()).optional(),
});

export const connectorSchemas = {
  'conversation.bot_handoff': ConversationBroadcast,
  'conversation.mentioned': ConversationBroadcast,
  'conversation.updated': ConversationBroadcast,
  'conversation.unread_count_changed': ControlSignal,
  'contact.deleted': ContactDeleted,
  'notification.created': NotificationBroadcast,
  'notification.deleted': NotificationBroadcast,
  'notification.updated': NotificationBroadcast,
  'copilot.message.created': CopilotMessage,
  'account.cache_invalidated': CacheInvalidated,
  'account.enrichment_completed': ControlSignal,
  'user:logout': ControlSignal,
  'page:reload': ControlSignal,
  'voice_call.incoming': VoiceCall,
  'voice_call.accepted': VoiceCall,
  'voice_call.outbound_connected': VoiceCall,
  'voice_call.outbound_accepted': VoiceCall,
  'voice_call.ended': VoiceCall,
} as const;

export type ConnectorEvent = keyof typeof connectorSchemas;
type P<K extends ConnectorEvent> = z.output<(typeof connectorSchemas)[K]>;

/** For conversation notifications primary_actor is the conversation's push data (display id). */
function notification(n: P<'notification.created'>, type: EventParts['type'], key: string): EventParts {
  const a = n.notification;
  const conversation =
    a.primary_actor_type === 'Conversation' && a.primary_actor
      ? { id: String(a.primary_actor.id) }
      : undefined;
  return { type, naturalKey: key, conversation };
}

type Direction = 'inbound' | 'outbound';
/** `fallback`: the direction the event name implies (voice_call.ended implies none). */
function callParts(c: P<'voice_call.incoming'>, fallback: Direction | undefined, stage: string) {
  const direction = c.direction ? (/out/i.test(c.direction) ? 'outbound' : 'inbound') : fallback;
  // The caller is the contact on the line (name and phone only: the call carries no contact id).
  const caller = c.caller ? nonEmpty(compact({ name: c.caller.name, phone: c.caller.phone })) : undefined;
  return {
    // One occurrence per call and stage: the same broadcast seen in two tabs is one event.
    naturalKey: `${c.call_id}:${stage}`,
    conversation: { id: String(c.conversation_id) },
    contact: caller,
    agent: c.accepted_by_agent_id != null ? { id: String(c.accepted_by_agent_id) } : undefined,
    call: {
      id: c.call_id,
      ...(direction ? { direction } : {}),
      ...(c.status ? { status: c.status } : {}),
      ...(c.duration_seconds != null ? { durationSeconds: c.duration_seconds } : {}),
    },
  };
}

const control = (): EventParts => ({ type: 'platform.control' });

export const connectorMappers: { [K in ConnectorEvent]: (p: P<K>) => EventParts } = {
  // Not the performer: "Do not infer a human takeover from `performer`" (actionCable.js); the
  // assignee, if any, is the human the bot handed to.
  'conversation.bot_handoff': (c) => ({
    type: 'conversation.handoff',
    naturalKey: c.updated_at === undefined ? String(c.id) : `${c.id}:handoff@${c.updated_at}`,
    ...conversationParts(c, true),
  }),
  // Broadcast only to the mentioned agent's own stream: a notification for this agent (the agent
  // part is who wrote the mention, when the server names the performer).
  'conversation.mentioned': (c) => ({ type: 'notification.added', ...conversationParts(c) }),
  'conversation.updated': (c) => ({
    type: 'conversation.updated',
    naturalKey: stateKey(c, 'u'),
    ...conversationParts(c),
  }),
  'conversation.unread_count_changed': control,
  'contact.deleted': (c) => ({
    type: 'contact.deleted',
    naturalKey: String(c.id),
    contact: contactOf(c),
    agent: agentOf(c.performer),
  }),
  'notification.created': (n) => notification(n, 'notification.added', String(n.notification.id)),
  'notification.deleted': (n) => notification(n, 'notification.removed', String(n.notification.id)),
  // Read / unread / snoozed: the state is part of the occurrence.
  'notification.updated': (n) =>
    notification(
      n,
      'notification.updated',
      `${n.notification.id}:${n.notification.read_at ?? '-'}:${n.notification.snoozed_until ?? '-'}`,
    ),
  // The agent's private assistant thread: no canonical meaning (matchable as onechat:copilot.message.created).
  'copilot.message.created': (m) => ({ type: 'platform.unknown', naturalKey: String(m.id) }),
  'account.cache_invalidated': control,
  'account.enrichment_completed': control,
  'user:logout': control,
  'page:reload': control,
  'voice_call.incoming': (c) => ({ type: 'call.started', ...callParts(c, 'inbound', 'incoming') }),
  'voice_call.accepted': (c) => ({ type: 'call.answered', ...callParts(c, 'inbound', 'accepted') }),
  // The outbound call's media path is up and the contact's phone rings (actionCable.js).
  'voice_call.outbound_connected': (c) => ({
    type: 'call.started',
    ...callParts(c, 'outbound', 'outbound_connected'),
  }),
  'voice_call.outbound_accepted': (c) => ({
    type: 'call.answered',
    ...callParts(c, 'outbound', 'outbound_accepted'),
  }),
  'voice_call.ended': (c) => ({ type: 'call.ended', ...callParts(c, undefined, 'ended') }),
};
