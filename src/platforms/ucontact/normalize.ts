import type { z } from 'zod';
import type { CaptureContext, EventContact } from '../../events/model';
import { contentHash } from '../../util/hash';
import { buildEvent, compact, type EventParts, invalid, nonEmpty, reject } from '../kit';
import type { NormalizeResult } from '../types';
import { UcontactEnvelope, ucontactSchemas } from './schema';

type Data<K extends keyof typeof ucontactSchemas> = z.output<(typeof ucontactSchemas)[K]>;

const PHONE = /^\+?[\d\s().-]{6,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The seed only says clientId is the "ID of the client". uContact is a contact centre: on voice, SMS
 * and WhatsApp that id is the caller's number, on email the address. So clientId is always the
 * contact's externalId, and is also exposed as phone or email when it looks like one — regardless of
 * the channel name, which the seed does not enumerate.
 */
export function contactOfClientId(clientId: string): EventContact | undefined {
  const id = clientId.trim();
  const digits = id.replace(/\D/g, '').length;
  return nonEmpty(
    compact({
      externalId: id,
      phone: PHONE.test(id) && digits >= 6 ? id : undefined,
      email: EMAIL.test(id) ? id : undefined,
    }),
  );
}

const mappers: { [K in keyof typeof ucontactSchemas]: (d: Data<K>) => EventParts } = {
  // Seed "assignedInteraction"; one assignment per interaction and agent, so the guid is a strong key.
  assignedInteraction: (d) => ({
    type: 'conversation.assigned',
    naturalKey: d.guid,
    conversation: { id: d.guid, ...compact({ channel: d.channel }) },
    contact: contactOfClientId(d.clientId),
  }),
  // Seed "finishedInteraction": an interaction closes once.
  finishedInteraction: (d) => ({
    type: 'conversation.closed',
    naturalKey: d.guid,
    conversation: { id: d.guid, status: 'closed' },
  }),
  // Seed "sentDisposition": the same disposition sent twice for an interaction is a duplicate, a
  // corrected one (other levels or comment) is not — hence guid + hash of what was chosen.
  sentDisposition: (d) => ({
    type: 'disposition.submitted',
    naturalKey: `${d.guid}:${contentHash([d.levelsId, d.levelsValue, d.comment])}`,
    conversation: { id: d.guid },
    // The disposition comment is an agent's note, not a message to the client.
    message: d.comment.trim() ? { text: d.comment, direction: 'internal' } : undefined,
  }),
  // UI preferences can flip back and forth: content-hash ids only (cross-tab dedupe, no same-frame drop).
  changedTheme: () => ({ type: 'ui.theme_changed' }),
  changedLanguage: () => ({ type: 'ui.language_changed' }),
};

function isKnown(event: string): event is keyof typeof ucontactSchemas {
  return Object.hasOwn(ucontactSchemas, event);
}

export function normalizeUcontact(raw: unknown, ctx: CaptureContext): NormalizeResult {
  const env = UcontactEnvelope.safeParse(raw);
  if (!env.success) {
    return reject('not a uContact envelope {event, data}', {
      issues: env.error.issues.map((i) => i.message),
    });
  }
  const { event, data } = env.data;
  if (!isKnown(event)) {
    // Trusted frame, undocumented event: kept and matchable as `ucontact:<event>`, never dropped.
    return { ok: true, events: [buildEvent('ucontact', event, ctx, env.data, { type: 'platform.unknown' })] };
  }
  const parsed = ucontactSchemas[event].safeParse(data);
  if (!parsed.success) return invalid(event, parsed.error);
  const mapper = mappers[event] as (d: unknown) => EventParts;
  return { ok: true, events: [buildEvent('ucontact', event, ctx, env.data, mapper(parsed.data))] };
}
