// JivoChat normalisation. Two raw shapes (schema.ts): a callback capture from the page hook
// `{callback, args, context?}`, or a Webhooks body `{event_name, …}` (dry-run only, see webhooks.ts).
import type { z } from 'zod';
import type { CaptureContext, EventContact } from '../../events/model';
import type { CanonicalType } from '../../events/types';
import { buildEvent, compact, type EventParts, invalid, isRecord, nonEmpty, reject } from '../kit';
import type { NormalizeResult } from '../types';
import {
  JivoCallbackCapture,
  type JivoCallbackName,
  type JivoCaptureContext,
  JivoContactInfo,
  jivoCallbackArgs,
  jivochatSchemas,
} from './schema';
import { normalizeJivoWebhook } from './webhooks';

/** DESIGN.md mapping table, JivoChat column. */
export const JIVO_CALLBACK_TYPES: Record<JivoCallbackName, CanonicalType> = {
  jivo_onLoadCallback: 'widget.ready',
  jivo_onOpen: 'widget.opened',
  jivo_onClose: 'widget.closed',
  jivo_onMessageSent: 'message.created',
  jivo_onAccept: 'conversation.accepted',
  jivo_onIntroduction: 'contact.identified',
  jivo_onResizeCallback: 'widget.resized',
  jivo_onCallStart: 'call.started',
  jivo_onCallEnd: 'call.ended',
  jivo_onChangeState: 'widget.state_changed',
};

type ContactInfo = z.output<typeof JivoContactInfo>;

/** contact_info (getContactInfo() or the form) → canonical contact; `client_name` is the widget's name for `name`. */
export function contactOf(
  context: z.output<typeof JivoCaptureContext> | null | undefined,
  info: ContactInfo | null | undefined = context?.contactInfo,
): EventContact | undefined {
  const n = context?.visitorNumber;
  return nonEmpty(
    compact({
      platformId: n === null || n === undefined ? undefined : String(n),
      name: info?.name ?? info?.client_name,
      email: info?.email,
      phone: info?.phone,
    }),
  );
}

function isCallback(name: string): name is JivoCallbackName {
  return Object.hasOwn(jivoCallbackArgs, name);
}

/**
 * A capture `{callback, args, context?}`. The page hook attaches no chat id (the widget exposes none),
 * so every callback event has a content fingerprint, not a natural key.
 */
export function normalizeJivoCallback(raw: unknown, ctx: CaptureContext): NormalizeResult {
  const env = JivoCallbackCapture.safeParse(raw);
  if (!env.success) return invalid('callback capture', env.error);
  const name = env.data.callback;
  if (!isCallback(name)) {
    // Trusted hook, undocumented callback: kept and matchable as `jivochat:<callback>`.
    return { ok: true, events: [buildEvent('jivochat', name, ctx, env.data, { type: 'platform.unknown' })] };
  }
  const parsed = jivochatSchemas[name]?.safeParse(raw);
  if (!parsed?.success) return parsed ? invalid(name, parsed.error) : reject(`no schema for ${name}`);
  const { args, context } = env.data;
  const parts: EventParts = { type: JIVO_CALLBACK_TYPES[name], contact: contactOf(context) };
  if (name === 'jivo_onMessageSent') {
    // "Executed when a visitor sends the first message": no text is documented; a string argument is used if present.
    parts.message = { text: typeof args[0] === 'string' ? args[0] : '', direction: 'inbound' };
  } else if (name === 'jivo_onIntroduction') {
    // The contacts form just filled in; a contact_info argument (undocumented) wins over the enrichment.
    const arg = JivoContactInfo.safeParse(args[0]);
    if (arg.success && isRecord(args[0])) {
      const a = arg.data;
      const c = context?.contactInfo;
      parts.contact = contactOf(context, {
        name: a.name ?? a.client_name ?? c?.name ?? c?.client_name,
        email: a.email ?? c?.email,
        phone: a.phone ?? c?.phone,
      });
    }
  }
  return { ok: true, events: [buildEvent('jivochat', name, ctx, parsed.data, parts)] };
}

/** Accepts both raw shapes: a callback capture (has `callback`) or a webhook body (has `event_name`). */
export function normalizeJivochat(raw: unknown, ctx: CaptureContext): NormalizeResult {
  if (isRecord(raw) && 'callback' in raw) return normalizeJivoCallback(raw, ctx);
  if (isRecord(raw) && 'event_name' in raw) return normalizeJivoWebhook(raw, ctx);
  return reject(
    'not a JivoChat callback capture {callback, args, context?} nor a webhook body {event_name, …}',
  );
}
