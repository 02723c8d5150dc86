// Events a Chatwoot-compatible server broadcasts that the seed does not document (Chatwoot
// lib/events/types.rb and its ActionCableListener). They are never dropped: the few whose meaning is
// unambiguous get a canonical type when their payload has the expected shape; everything else, or a
// payload of another shape, is `platform.unknown`, matchable as `onechat:<event>`.
import { z } from 'zod';
import type { EventParts } from '../kit';
import { agentOf, contactOf } from './map';
import { Conversation } from './schema';

const int = z.number().int();

/** notification.* data: `{notification: {id, notification_type, primary_actor_type, primary_actor…}}`. */
const NotificationData = z.looseObject({
  notification: z.looseObject({
    id: int,
    notification_type: z.string().optional(),
    primary_actor_type: z.string().nullable().optional(),
    primary_actor: z.looseObject({ id: int }).nullable().optional(),
  }),
});

function notificationParts(
  data: unknown,
  type: 'notification.added' | 'notification.removed',
): EventParts | undefined {
  const parsed = NotificationData.safeParse(data);
  if (!parsed.success) return undefined;
  const n = parsed.data.notification;
  // For conversation notifications primary_actor is the conversation's push data (display id).
  const conversation =
    n.primary_actor_type === 'Conversation' && n.primary_actor
      ? { id: String(n.primary_actor.id) }
      : undefined;
  return { type, naturalKey: String(n.id), conversation };
}

type ExtraMapper = (data: unknown) => EventParts | undefined;

export const undocumented: Record<string, ExtraMapper> = {
  // Same payload as the documented conversation events; "updated" is the canonical name itself.
  'conversation.updated': (data) => {
    const c = Conversation.safeParse(data);
    if (!c.success) return undefined;
    return {
      type: 'conversation.updated',
      naturalKey: c.data.updated_at === undefined ? undefined : `${c.data.id}:u@${c.data.updated_at}`,
      conversation: { id: String(c.data.id), ...(c.data.status ? { status: c.data.status } : {}) },
      contact: contactOf(c.data.meta?.sender),
      agent: agentOf(c.data.meta?.assignee),
    };
  },
  'notification.created': (data) => notificationParts(data, 'notification.added'),
  'notification.deleted': (data) => notificationParts(data, 'notification.removed'),
  // Deliberately unknown: conversation.opened / conversation.resolved (deprecated twins of
  // status_changed: mapping them too would fire "closed" rules twice on servers that send both),
  // conversation.mentioned, notification.updated, contact.merged / contact.deleted (no canonical
  // type), first.reply.created, conversation.lock_toggle, account.cache_invalidated…
};

export function mapUndocumented(event: string, data: unknown): EventParts {
  const mapper = Object.hasOwn(undocumented, event) ? undocumented[event] : undefined;
  return mapper?.(data) ?? { type: 'platform.unknown' };
}
