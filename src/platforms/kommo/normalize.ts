// Kommo normalisation of a callback capture `{callback, args, context?}` (schema.ts).
import { z } from 'zod';
import type { BridgeEvent, CaptureContext, EventContact } from '../../events/model';
import type { CanonicalType } from '../../events/types';
import { contentHash } from '../../util/hash';
import { buildEvent, compact, type EventParts, invalid, nonEmpty } from '../kit';
import type { NormalizeResult } from '../types';
import {
  type CrmPluginConfig,
  KommoCallbackCapture,
  type KommoCallbackName,
  type KommoConversation,
  type KommoLastMessage,
  kommoCallbackArgs,
  kommoSchemas,
} from './schema';

/** DESIGN.md mapping table, Kommo column (onConversationsChange also yields message.created / conversation.closed). */
export const KOMMO_CALLBACK_TYPES: Record<KommoCallbackName, CanonicalType> = {
  onChatReady: 'widget.ready',
  onChatShow: 'widget.opened',
  onChatHide: 'widget.closed',
  onButtonClick: 'widget.button_clicked',
  onConversationsChange: 'conversation.updated',
};

type Config = z.output<typeof CrmPluginConfig>;
type Conversation = z.output<typeof KommoConversation>;
type LastMessage = z.output<typeof KommoLastMessage>;

/**
 * crmPluginConfig.onlinechat.user_id is the site's own id for the chat user — the website visitor
 * ("Edit chat user"), not an operator — so it is the contact's externalId.
 */
export function contactOfConfig(config: Config | null | undefined): EventContact | undefined {
  const id = config?.onlinechat?.user_id;
  return nonEmpty(compact({ externalId: id === undefined ? undefined : String(id) }));
}

/**
 * The widget is the visitor's side: `is_out` (the widget's "outgoing", the user's own message) is an
 * inbound message for the CRM; the operator's replies are outbound.
 */
export const directionOf = (m: LastMessage) => (m.is_out ? 'inbound' : 'outbound');

/** No message id in the seed: created_at plus a hash of what was said identifies a last message. */
export const lastMessageKey = (m: LastMessage) =>
  `${m.created_at}:${m.is_out ? 'out' : 'in'}:${contentHash({ text: m.text, type: m.type, media: m.media ?? null })}`;

/**
 * One snapshot → per visible conversation: conversation.updated (keyed by its content, so an unchanged
 * conversation in a repeated snapshot is a duplicate), message.created when it carries a last message
 * (keyed by that message, so it fires once per new message), conversation.closed when it is closed
 * (keyed by the last message, so a conversation closed again after new messages fires again).
 */
function conversationEvents(
  payload: z.output<typeof KommoCallbackCapture>,
  c: Conversation,
  contact: EventContact | undefined,
  make: (data: unknown, parts: EventParts) => BridgeEvent,
): BridgeEvent[] {
  const data = { ...payload, conversation: c };
  const conversation = { id: c.name, status: c.is_closed ? 'closed' : 'open' };
  const m = c.last_message;
  const events = [
    make(data, {
      type: 'conversation.updated',
      naturalKey: `u:${c.name}:${contentHash(c)}`,
      conversation,
      contact,
    }),
  ];
  if (m) {
    const author = m.author?.name;
    events.push(
      make(data, {
        type: 'message.created',
        naturalKey: `m:${c.name}:${lastMessageKey(m)}`,
        conversation,
        // The author is the visitor for their own messages and the operator otherwise.
        contact: m.is_out && author ? { ...contact, name: author } : contact,
        agent: !m.is_out && author ? { name: author } : undefined,
        message: { text: m.text, direction: directionOf(m) },
      }),
    );
  }
  if (c.is_closed) {
    events.push(
      make(data, {
        type: 'conversation.closed',
        naturalKey: `c:${c.name}:${m?.created_at ?? ''}`,
        conversation,
        contact,
      }),
    );
  }
  return events;
}

/**
 * zod reports a failed `array | false` as a bare "Invalid input" at the union. For the inspector, each
 * union issue is replaced by the issues of the branch that got furthest (the array one, for an array).
 */
export function explainUnions(error: z.ZodError): z.ZodError {
  const flatten = (issues: readonly z.core.$ZodIssue[], base: PropertyKey[]): z.core.$ZodIssue[] =>
    issues.flatMap((i) => {
      const path = [...base, ...i.path];
      if (i.code !== 'invalid_union' || i.errors.length === 0) return [{ ...i, path }];
      const depth = (b: readonly z.core.$ZodIssue[]) => Math.max(...b.map((x) => x.path.length));
      const best = i.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
      return flatten(best, path);
    });
  return new z.ZodError(flatten(error.issues, []));
}

function isCallback(name: string): name is KommoCallbackName {
  return Object.hasOwn(kommoCallbackArgs, name);
}

export function normalizeKommo(raw: unknown, ctx: CaptureContext): NormalizeResult {
  const env = KommoCallbackCapture.safeParse(raw);
  if (!env.success) return invalid('callback capture', env.error);
  const name = env.data.callback;
  if (!isCallback(name)) {
    // Trusted hook, undocumented callback: kept and matchable as `kommo:<callback>`.
    return { ok: true, events: [buildEvent('kommo', name, ctx, env.data, { type: 'platform.unknown' })] };
  }
  const parsed = (kommoSchemas[name] as z.ZodType<z.output<typeof KommoCallbackCapture>>).safeParse(raw);
  if (!parsed.success) return invalid(name, explainUnions(parsed.error));
  const payload = parsed.data;
  const contact = contactOfConfig(payload.context?.config);
  const make = (data: unknown, parts: EventParts) => buildEvent('kommo', name, ctx, data, parts);
  if (name === 'onConversationsChange') {
    const list = payload.args[0] as z.output<(typeof kommoCallbackArgs)['onConversationsChange']>[0];
    // `false` (multi-conversations disabled) or nothing visible: one summary event, no conversation.
    if (list === false || list.length === 0) {
      return { ok: true, events: [make(payload, { type: 'conversation.updated', contact })] };
    }
    const events: BridgeEvent[] = [];
    for (const c of list) events.push(...conversationEvents(payload, c, contact, make));
    return { ok: true, events };
  }
  return { ok: true, events: [make(payload, { type: KOMMO_CALLBACK_TYPES[name], contact })] };
}
