// Kommo button / online chat, field by field from shared/seeds/004_376b5aedd283cf32.txt.
// The only raw shape is a callback capture made by the page hook (hook.ts): see KommoCallbackCapture.
// Objects are loose (Kommo may add fields) but every documented field is typed.
import { z } from 'zod';

const str = z.string();

/** Seed "Callbacks": registered with crmPlugin('<name>', cb). */
export const KOMMO_CALLBACKS = [
  'onChatReady',
  'onChatShow',
  'onChatHide',
  'onButtonClick',
  'onConversationsChange',
] as const;

/** `window.crmPluginConfig.onlinechat` (seed: first example, "Display a chat window…", "Edit chat user"). */
export const KommoOnlineChatConfig = z.looseObject({
  /** 'widget' (pop-up next to the button) or 'frame' (inside `container`); other strings tolerated. */
  mode: str.optional(),
  container: str.optional(),
  /**
   * "online chat user id": the site's own id for the chat USER (the website visitor), recommended
   * hashed. A string in the seed; numbers are tolerated because pages pass their ids as they are.
   */
  user_id: z.union([str, z.number()]).optional(),
  locale: z.looseObject({ extends: str.optional() }).optional(),
  /** Colours and `header: false`; not used by the bridge, kept loose. */
  theme: z.looseObject({}).optional(),
});

/** `window.crmPluginConfig`, read by the hook at the time of each callback. */
export const CrmPluginConfig = z.looseObject({
  hidden: z.boolean().optional(),
  color: str.optional(),
  onlinechat: KommoOnlineChatConfig.optional(),
});

/** Enrichment attached by the hook (not part of the callback). */
export const KommoCaptureContext = z.looseObject({ config: CrmPluginConfig.nullish() });

/** `last_message.media`: present for video/photo messages, `undefined` (absent) otherwise. */
export const KommoMedia = z.looseObject({ url: str, thumbnail: str.optional() });

/** "the format of the conversation" → last_message. */
export const KommoLastMessage = z.looseObject({
  media: KommoMedia.nullish(),
  /** Milliseconds since the epoch (1655283158457 in the seed). */
  created_at: z.number(),
  /** True for the site visitor's own messages ("outgoing" in the widget's theme), false for the operator's. */
  is_out: z.boolean(),
  text: str,
  /** 'text' | 'video' | 'photo' in the seed; other kinds tolerated so a new one does not drop the snapshot. */
  type: str,
  author: z.looseObject({ name: str }).nullish(),
});

/** One visible conversation; the seed gives no id, so `name` ('A123') identifies it. */
export const KommoConversation = z.looseObject({
  name: str.min(1),
  is_closed: z.boolean(),
  /** Documented as always present; tolerated absent for a conversation with no message yet. */
  last_message: KommoLastMessage.nullish(),
});

/** "array of visible conversations", or `false` once when multi-conversations are disabled. */
export const KommoConversations = z.union([z.array(KommoConversation).max(500), z.literal(false)]);

const noArgs = z.array(z.unknown()).max(20);

/**
 * Arguments per callback. JSON turns an `undefined` argument into `null`, hence `nullish` on the
 * optional positions.
 */
export const kommoCallbackArgs = {
  onChatReady: noArgs,
  onChatShow: noArgs,
  onChatHide: noArgs,
  /** (service code, url of the clicked link) */
  onButtonClick: z.tuple([str, str.nullish()], z.unknown()),
  onConversationsChange: z.tuple([KommoConversations], z.unknown()),
} as const satisfies Record<(typeof KOMMO_CALLBACKS)[number], z.ZodType>;

export type KommoCallbackName = keyof typeof kommoCallbackArgs;

/**
 * The raw payload the worker receives (HookMessage `{k:'event', p:'kommo', d}`'s `d`):
 * `{ callback: 'onX', args: [...the callback's arguments], context?: { config?: window.crmPluginConfig } }`.
 */
export const KommoCallbackCapture = z.looseObject({
  callback: z.string().min(1).max(100),
  args: z.array(z.unknown()).max(20),
  context: KommoCaptureContext.nullish(),
});

/** Platform.schemas: one full capture schema per callback. */
export const kommoSchemas: Record<string, z.ZodType> = Object.fromEntries(
  Object.entries(kommoCallbackArgs).map(([name, args]) => [
    name,
    z.looseObject({ callback: z.literal(name), args, context: KommoCaptureContext.nullish() }),
  ]),
);

/** crm_plugin.setMeta({bot_params}) (seed "JS Parameters in online chat bot"): values used as {{bot_params.x}}. */
export const KommoSetMetaParams = z.object({
  bot_params: z.record(
    z.string().min(1).max(100),
    z.union([z.string().max(10_000), z.number(), z.boolean()]),
  ),
});
