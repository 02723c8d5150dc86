// Field mapping from validated OneChat payloads to canonical event parts (DESIGN.md platform table).
import type { z } from 'zod';
import type { BridgeEvent, EventContact } from '../../events/model';
import { compact, type EventParts, nonEmpty } from '../kit';
import type { Agent, Contact, Conversation, Message, OneChatEvent, Payload, Sender } from './schema';

type Direction = NonNullable<BridgeEvent['message']>['direction'];
type Conv = z.output<typeof Conversation>;

/**
 * DESIGN.md: message_type 0 → inbound, 1 → outbound, `private: true` → internal. The rest of
 * Chatwoot's enum: 2 "activity" (system notes such as "resolved by John") → internal; 3 "template"
 * (bot/automation content shown to the contact, e.g. the seed's "Get notified by email" form) →
 * outbound. Unknown future types stay internal rather than being mistaken for customer text.
 */
export function directionOf(m: { message_type: number; private?: boolean | null }): Direction {
  if (m.private === true) return 'internal';
  if (m.message_type === 0) return 'inbound';
  if (m.message_type === 1 || m.message_type === 3) return 'outbound';
  return 'internal';
}

export function contactOf(c: z.output<typeof Contact> | null | undefined): EventContact | undefined {
  if (!c) return undefined;
  return nonEmpty(
    compact({
      platformId: String(c.id),
      externalId: c.identifier,
      name: c.name,
      email: c.email,
      phone: c.phone_number,
    }),
  );
}

export function agentOf(a: z.output<typeof Agent> | null | undefined): BridgeEvent['agent'] {
  if (!a) return undefined;
  return nonEmpty(compact({ id: String(a.id), name: a.available_name || a.name, email: a.email }));
}

/** Chatwoot sender types: "contact" for customers; "user", "agent_bot"… act on the agent side. */
const isContact = (s: z.output<typeof Sender>) => s.type === 'contact';

function conversationOf(c: { id: number | null; channel?: string | null; status?: string }) {
  if (c.id === null) return undefined;
  return { id: String(c.id), ...compact({ channel: c.channel, status: c.status }) };
}

/**
 * Parts every conversation-shaped payload shares: the conversation, its contact and the agent: the
 * `performer` when a user made the change (issue 21), else the assignee. `byAssignee` keeps the
 * assignee (assignee.changed: the agent is whom it was assigned to).
 */
export function conversationParts(c: Conv | Payload<'assignee.changed'>, byAssignee = false) {
  const performer = !byAssignee && c.performer?.type !== 'contact' ? agentOf(c.performer) : undefined;
  return {
    conversation: conversationOf(c),
    contact: contactOf(c.meta?.sender),
    agent: performer ?? agentOf(c.meta?.assignee),
  };
}

/**
 * Dedupe keys for state changes. A strong key must be unique per occurrence, and a conversation can
 * go resolved → open → resolved within the dedupe window with otherwise identical seed-shaped
 * payloads; so a state key is strong only when the server sends `updated_at` (newer Chatwoot, changes
 * on every update). Without it the content hash (weak id) still dedupes the same frame across tabs.
 */
export function stateKey(c: { id: number | null; updated_at?: number }, state: string): string | undefined {
  return c.id === null || c.updated_at === undefined ? undefined : `${c.id}:${state}@${c.updated_at}`;
}

function messageParts(m: z.output<typeof Message>) {
  const sender = m.sender ?? undefined;
  // The sender object is absent on template messages; fall back to sender_type/sender_id.
  const contact =
    sender && isContact(sender)
      ? contactOf(sender)
      : !sender && m.sender_type === 'Contact' && m.sender_id != null
        ? { platformId: String(m.sender_id) }
        : undefined;
  const agent =
    sender && !isContact(sender)
      ? agentOf(sender)
      : !sender && m.sender_type === 'User' && m.sender_id != null
        ? { id: String(m.sender_id) }
        : undefined;
  // An input_email form answered by the contact (seed message.updated): the address is the contact's.
  const submitted = m.content_attributes?.submitted_email;
  const email = typeof submitted === 'string' && submitted !== '' ? submitted : undefined;
  return {
    conversation: { id: String(m.conversation_id) },
    contact: email ? { ...contact, email } : contact,
    agent,
    message: { id: String(m.id), text: m.content ?? '', direction: directionOf(m) },
  };
}

export const mappers: { [K in OneChatEvent]: (p: Payload<K>) => EventParts } = {
  // Created once: the conversation id is a strong key.
  'conversation.created': (c) => ({
    type: 'conversation.started',
    naturalKey: String(c.id),
    ...conversationParts(c),
  }),
  // A read moves a last-seen mark; both marks identify the occurrence.
  'conversation.read': (c) => ({
    type: 'conversation.updated',
    naturalKey:
      c.agent_last_seen_at === undefined || c.contact_last_seen_at === undefined
        ? undefined
        : `${c.id}:read@${c.agent_last_seen_at}/${c.contact_last_seen_at}`,
    ...conversationParts(c),
  }),
  // The message id: the same message seen in two dashboard tabs is one event.
  'message.created': (m) => ({ type: 'message.created', naturalKey: String(m.id), ...messageParts(m) }),
  // A message is updated several times (status sent → delivered → read, a form submitted).
  'message.updated': (m) => ({
    type: 'message.updated',
    naturalKey: m.updated_at === undefined ? undefined : `${m.id}@${m.updated_at}:${m.status ?? ''}`,
    ...messageParts(m),
  }),
  'conversation.status_changed': (c) => ({
    type: 'conversation.status_changed',
    naturalKey: stateKey(c, c.status),
    ...conversationParts(c),
  }),
  'conversation.typing_on': (t) => ({ type: 'typing.started', ...typingParts(t) }),
  'conversation.typing_off': (t) => ({ type: 'typing.stopped', ...typingParts(t) }),
  'assignee.changed': (c) => ({
    type: 'conversation.assigned',
    naturalKey: stateKey(c, `a${c.meta?.assignee?.id ?? '-'}`),
    ...conversationParts(c, true),
  }),
  'team.changed': (c) => ({
    type: 'conversation.updated',
    naturalKey: stateKey(c, `t${c.meta?.team?.id ?? '-'}`),
    ...conversationParts(c),
  }),
  // Moving a conversation to the contact it already has is no change, so conversation + contact is strong.
  'conversation.contact_changed': (c) => ({
    type: 'conversation.updated',
    naturalKey: c.meta?.sender ? `${c.id}:c${c.meta.sender.id}` : undefined,
    ...conversationParts(c),
  }),
  'contact.created': (c) => ({
    type: 'contact.created',
    naturalKey: String(c.id),
    contact: contactOf(c),
    agent: agentOf(c.performer),
  }),
  // Contacts are updated repeatedly with no version field in the payload: content ids only.
  'contact.updated': (c) => ({ type: 'contact.updated', contact: contactOf(c), agent: agentOf(c.performer) }),
  // Re-published every 30 s with often identical content: content ids only.
  'presence.update': () => ({ type: 'presence.changed' }),
};

/** Who types is `user`: a contact, or an agent/bot. The conversation's own contact is kept otherwise. */
function typingParts(t: Payload<'conversation.typing_on'>) {
  const typer = t.user ?? undefined;
  const base = conversationParts(t.conversation);
  return typer && !isContact(typer)
    ? { ...base, agent: agentOf(typer) }
    : { ...base, contact: contactOf(typer) ?? base.contact, agent: undefined };
}
