// OneChat (Chatwoot-compatible) WebSocket events, field by field from shared/seeds/001_47029119058a39a1.txt
// "Websocket Event payload samples". Objects are loose (Chatwoot adds fields release by release:
// labels, team, priority, updated_at…) but every documented field is typed. Ids the mapping keys on
// are required; other documented fields are optional-but-typed, so an older or newer server that
// omits one still validates while a wrong type is rejected.
import { z } from 'zod';
import { parseIdentifier } from './protocol';

const int = z.number().int();
const nstr = z.string().nullable().optional();
const nint = int.nullable().optional();
const attrs = z.record(z.string(), z.unknown());
/** Unix seconds in the samples (`timestamp`, `*_last_seen_at`, message `created_at`). */
const seconds = z.number().nonnegative();

/** The identifier is a JSON string naming the channel (seed: `{"channel":"RoomChannel","pubsub_token":…}`). */
export const CableIdentifierString = z.string().superRefine((text, ctx) => {
  const id = parseIdentifier(text);
  if (!id.ok) ctx.addIssue({ code: 'custom', message: id.reason });
});

/** The ActionCable data frame `{identifier, message:{event, data}}` every sample is wrapped in. */
export const OneChatFrame = z.looseObject({
  identifier: CableIdentifierString,
  message: z.looseObject({
    event: z.string().min(1).max(100),
    data: z.unknown(),
  }),
});

/** A contact as the samples show it in `meta.sender`, `user` (typing) and contact.* events. */
export const Contact = z.looseObject({
  id: int,
  name: nstr,
  email: nstr,
  phone_number: nstr,
  /** The integrator's own id for the contact (Chatwoot `identifier`): the CRM-side external id. */
  identifier: nstr,
  thumbnail: nstr,
  pubsub_token: nstr,
  type: z.string().optional(),
  additional_attributes: attrs.nullable().optional(),
  custom_attributes: attrs.nullable().optional(),
});

/** An agent as in `meta.assignee` and message `sender` of type "user". */
export const Agent = z.looseObject({
  id: int,
  name: nstr,
  available_name: nstr,
  avatar_url: nstr,
  email: nstr,
  type: z.string().optional(),
  availability_status: nstr,
});

/**
 * `performer`: who made the change, when a user did (Chatwoot ActionCableListener#broadcast adds
 * `Current.user.push_event_data` to every broadcast it sends from a request).
 */
export const Performer = Agent.nullable().optional();

/** A message `sender`: a contact or an agent (or a bot), told apart by `type`; fields of both. */
export const Sender = Contact.extend(Agent.shape);

/** Message payload (message.created / message.updated, and `messages[]` of conversations). */
export const Message = z.looseObject({
  id: int,
  content: nstr,
  account_id: int.optional(),
  inbox_id: int.optional(),
  conversation_id: int,
  /** 0 incoming, 1 outgoing, 2 activity, 3 template (Chatwoot's Message enum). */
  message_type: int.nonnegative(),
  created_at: seconds.optional(),
  updated_at: z.union([z.string(), z.number()]).optional(),
  private: z.boolean().optional(),
  status: nstr,
  source_id: nstr,
  content_type: nstr,
  content_attributes: attrs.nullable().optional(),
  sender_type: nstr,
  sender_id: nint,
  external_source_ids: attrs.nullable().optional(),
  sender: Sender.nullable().optional(),
  attachments: z.array(z.looseObject({})).optional(),
});

export const ContactInbox = z.looseObject({
  id: int,
  contact_id: int.optional(),
  inbox_id: int.optional(),
  source_id: nstr,
  created_at: nstr,
  updated_at: nstr,
  hmac_verified: z.boolean().nullable().optional(),
});

const Team = z.looseObject({ id: int, name: nstr });

/** Conversation payload (conversation.*, assignee.changed, team.changed). */
export const Conversation = z.looseObject({
  id: int,
  additional_attributes: attrs.nullable().optional(),
  can_reply: z.boolean().optional(),
  /** e.g. "Channel::WebWidget". */
  channel: nstr,
  inbox_id: int.optional(),
  contact_inbox: ContactInbox.nullable().optional(),
  messages: z.array(Message).optional(),
  meta: z
    .looseObject({
      sender: Contact.nullable().optional(),
      assignee: Agent.nullable().optional(),
      team: Team.nullable().optional(),
    })
    .optional(),
  status: z.string().min(1).optional(),
  unread_count: int.optional(),
  agent_last_seen_at: seconds.optional(),
  contact_last_seen_at: seconds.optional(),
  timestamp: seconds.optional(),
  account_id: int.optional(),
  /** Not in the seed; newer Chatwoot sends it (float seconds) and it keys state changes for dedupe. */
  updated_at: z.number().optional(),
  performer: Performer,
});

/** conversation.status_changed: the new status is the point of the event. */
export const StatusChanged = Conversation.extend({ status: z.string().min(1) });

/** assignee.changed: the seed's sample has `"id": null`, so the conversation id may be null here. */
export const AssigneeChanged = Conversation.extend({ id: int.nullable() });

/** conversation.typing_on / typing_off: `{conversation, user, account_id}`, user being who types. */
export const Typing = z.looseObject({
  conversation: Conversation,
  user: Sender.nullable().optional(),
  account_id: int.optional(),
  /** Chatwoot ActionCableListener#broadcast_typing_event: the agent is typing a private note. */
  is_private: z.boolean().optional(),
});

export const ContactEvent = Contact.extend({ account_id: int.optional(), performer: Performer });

/** presence.update: id → status maps; a contact's copy has no other contacts (seed note). */
const statuses = z.record(z.string(), z.string());
export const PresenceUpdate = z.looseObject({
  account_id: int.optional(),
  users: statuses.optional(),
  contacts: statuses.optional(),
});

export const onechatSchemas = {
  'conversation.created': Conversation,
  'conversation.read': Conversation,
  'message.created': Message,
  'message.updated': Message,
  'conversation.status_changed': StatusChanged,
  'conversation.typing_on': Typing,
  'conversation.typing_off': Typing,
  'assignee.changed': AssigneeChanged,
  'team.changed': Conversation,
  'conversation.contact_changed': Conversation,
  'contact.created': ContactEvent,
  'contact.updated': ContactEvent,
  'presence.update': PresenceUpdate,
} as const;

export type OneChatEvent = keyof typeof onechatSchemas;
export type Payload<K extends OneChatEvent> = z.output<(typeof onechatSchemas)[K]>;
