import type { z } from 'zod';
import type { CaptureContext } from '../../events/model';
import { buildEvent, compact, type EventParts, invalid, nonEmpty, reject } from '../kit';
import type { NormalizeResult } from '../types';
import {
  type ChatClosedByOperator,
  type NewMessageAdded,
  type NotificationAdded,
  type NotificationRemoved,
  RoxEnvelope,
  roxchatSchemas,
  type VisitorAuthorized,
  type VisitorSelected,
} from './schema';

type Params<K extends keyof typeof roxchatSchemas> = z.output<(typeof roxchatSchemas)[K]>;

const contactOf = (p: {
  roxchatVisitorId: string;
  providedVisitorId?: string | null;
  siebelId?: string | null;
}) =>
  nonEmpty(compact({ platformId: p.roxchatVisitorId, externalId: p.providedVisitorId, crmId: p.siebelId }));

/** `kind` visitor → inbound, operator → outbound (DESIGN.md); file/other kinds by their prefix, the rest internal. */
export function directionOfKind(kind: string): 'inbound' | 'outbound' | 'internal' {
  if (kind === 'visitor' || kind.startsWith('file_visitor')) return 'inbound';
  if (kind === 'operator' || kind.startsWith('file_operator')) return 'outbound';
  return 'internal';
}

const mappers: { [K in keyof typeof roxchatSchemas]: (p: Params<K>) => EventParts } = {
  newMessageAdded: (p: z.output<typeof NewMessageAdded>) => ({
    type: 'message.created',
    conversation: { id: String(p.chatId) },
    contact: contactOf(p),
    message: { text: p.messageText, direction: directionOfKind(p.kind) },
  }),
  chatClosedByOperator: (p: z.output<typeof ChatClosedByOperator>) => ({
    type: 'conversation.closed',
    naturalKey: String(p.chatId),
    conversation: compact({ id: String(p.chatId), channel: p.channelType, status: 'closed' }) as {
      id: string;
    },
    contact: nonEmpty({ ...contactOf(p), ...compact({ name: p.channelUserName }) }),
  }),
  visitorAuthorized: (p: z.output<typeof VisitorAuthorized>) => ({
    type: 'contact.identified',
    naturalKey: `${p.old.roxchatVisitorId}>${p.new.roxchatVisitorId}`,
    contact: contactOf(p.new),
  }),
  visitorSelected: (p: z.output<typeof VisitorSelected>) => ({
    type: 'conversation.selected',
    conversation: { id: String(p.chatId) },
    contact: contactOf(p),
  }),
  notificationAdded: (p: z.output<typeof NotificationAdded>) => ({
    type: 'notification.added',
    naturalKey: p.notification.id,
    message: { text: p.notification.text, direction: 'internal' },
  }),
  notificationRemoved: (p: z.output<typeof NotificationRemoved>) => ({
    type: 'notification.removed',
    naturalKey: p.notification.id,
  }),
};

function isKnown(event: string): event is keyof typeof roxchatSchemas {
  return Object.hasOwn(roxchatSchemas, event);
}

export function normalizeRoxchat(raw: unknown, ctx: CaptureContext): NormalizeResult {
  const env = RoxEnvelope.safeParse(raw);
  if (!env.success)
    return reject('not a Rox.Chat envelope {source:"roxchat", event, params}', {
      issues: env.error.issues.map((i) => i.message),
    });
  const { event, params } = env.data;
  if (!isKnown(event)) {
    // Trusted source, undocumented event: kept and matchable as `roxchat:<event>`, never dropped.
    return { ok: true, events: [buildEvent('roxchat', event, ctx, env.data, { type: 'platform.unknown' })] };
  }
  const parsed = roxchatSchemas[event].safeParse(params);
  if (!parsed.success) return invalid(event, parsed.error);
  const mapper = mappers[event] as (p: unknown) => EventParts;
  return { ok: true, events: [buildEvent('roxchat', event, ctx, env.data, mapper(parsed.data))] };
}
