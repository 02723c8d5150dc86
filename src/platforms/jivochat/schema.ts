// JivoChat, field by field from shared/seeds/003_7266b08a54d68f2a.txt.
// Two raw shapes reach normalize():
//  1. a callback capture made by the MAIN-world hook (hook.ts) — see JivoCallbackCapture;
//  2. a Webhooks request body (server-to-server, modelled so rules can be dry-run) — see the webhook schemas.
// Objects are loose (JivoChat may add fields) but every documented field is typed.
import { z } from 'zod';

const str = z.string();
/** The seed's tables say `int`/`number` for ids while its examples send strings ("id": "2224"). */
const id = z.union([z.string(), z.number()]);
/**
 * The hook sends arguments through JSON: an `undefined` argument arrives as `null`, so every
 * optional positional argument also accepts null.
 */
const arg = <T extends z.ZodType>(t: T) => t.nullish();

// ── Callback capture (JavaScript API → "Callback functions") ────────────────────────────────────

/** The ten callbacks the widget calls as `window.<name>(…)`, in the seed's table order. */
export const JIVO_CALLBACKS = [
  'jivo_onLoadCallback',
  'jivo_onOpen',
  'jivo_onMessageSent',
  'jivo_onAccept',
  'jivo_onClose',
  'jivo_onIntroduction',
  'jivo_onResizeCallback',
  'jivo_onCallStart',
  'jivo_onCallEnd',
  'jivo_onChangeState',
] as const;

/**
 * `jivo_api.getContactInfo()` "reads visitor's contact info from the contacts form as a contact_info
 * structure". The seed's contact_info (chat_accepted response) has name/phone/email and setContactInfo
 * adds description; the widget is known to name the field `client_name`, so both are accepted.
 */
export const JivoContactInfo = z.looseObject({
  name: str.nullish(),
  client_name: str.nullish(),
  email: str.nullish(),
  phone: str.nullish(),
  description: str.nullish(),
});

/**
 * Enrichment the hook reads from `jivo_api` when the callback fires (not part of the callback itself):
 * getContactInfo(), getVisitorNumber(cb) (cached after its first answer) and chatMode() ("online"/"offline").
 */
export const JivoCaptureContext = z.looseObject({
  contactInfo: JivoContactInfo.nullish(),
  /** "Visitors are numbered sequentially: 1, 2, 3" — documented as a number, tolerated as a string. */
  visitorNumber: id.nullish(),
  chatMode: str.nullish(),
});

/** The seed documents no arguments for eight of the ten callbacks: whatever the widget passes is kept. */
const undocumentedArgs = z.array(z.unknown()).max(20);

/** jivo_onCallEnd(res): `res.result` 'ok' | 'fail', `res.reason` when it failed (seed "jivo_onCallEnd"). */
export const JivoCallEndResult = z.looseObject({
  result: z.enum(['ok', 'fail']).optional(),
  reason: str.nullish(),
});

/**
 * jivo_onChangeState(state): documented values 'chat', 'call', 'chat/call' (callback form open),
 * 'label', 'chat/min' (minimised). Other strings are kept: the list reads as examples, not an enum.
 */
export const JivoWidgetState = z.string().min(1).max(100);

export const jivoCallbackArgs = {
  jivo_onLoadCallback: undocumentedArgs,
  jivo_onOpen: undocumentedArgs,
  jivo_onClose: undocumentedArgs,
  jivo_onMessageSent: undocumentedArgs,
  jivo_onAccept: undocumentedArgs,
  jivo_onIntroduction: undocumentedArgs,
  jivo_onResizeCallback: undocumentedArgs,
  jivo_onCallStart: undocumentedArgs,
  jivo_onCallEnd: z.tuple([arg(JivoCallEndResult)], z.unknown()),
  jivo_onChangeState: z.tuple([JivoWidgetState], z.unknown()),
} as const satisfies Record<(typeof JIVO_CALLBACKS)[number], z.ZodType>;

export type JivoCallbackName = keyof typeof jivoCallbackArgs;

/**
 * The raw payload the worker receives for a callback (HookMessage `{k:'event', p:'jivochat', d}`'s `d`):
 * `{ callback: 'jivo_onX', args: [...the widget's arguments], context?: JivoCaptureContext }`.
 */
export const JivoCallbackCapture = z.looseObject({
  callback: z.string().min(1).max(100),
  args: z.array(z.unknown()).max(20),
  context: JivoCaptureContext.nullish(),
});

const callbackSchema = <A extends z.ZodType>(name: string, args: A) =>
  z.looseObject({ callback: z.literal(name), args, context: JivoCaptureContext.nullish() });

// ── Webhooks ───────────────────────────────────────────────────────────────────────────────────────

/** "visitor" table, common to every webhook. */
export const JivoVisitor = z.looseObject({
  name: str.optional(),
  email: str.optional(),
  phone: str.optional(),
  number: str,
  description: str,
  social: z.looseObject({}).optional(),
  chats_count: z.number(),
});

/** "agent" table. Email's field name is blank in the seed's table; the examples show `email`. */
export const JivoAgent = z.looseObject({ id, name: str, email: str, phone: str.optional() });

export const JivoDepartment = z.looseObject({ id: z.number(), name: str });

const GeoIp = z.looseObject({
  region_code: str,
  country: str,
  country_code: str,
  region: str,
  city: str,
  latitude: str,
  longitude: str,
  organization: str,
});

const UtmJson = z.looseObject({
  source: str.optional(),
  campaign: str.optional(),
  content: str.optional(),
  medium: str.optional(),
  term: str.optional(),
});

export const JivoSession = z.looseObject({
  geoip: GeoIp,
  /** Deprecated in favour of utm_json. */
  utm: str,
  utm_json: UtmJson,
  ip_addr: str,
  user_agent: str,
});

export const JivoPage = z.looseObject({ url: str, title: str.optional() });

/** Fields every chat webhook carries. `user_token` (set by jivo_api.setUserToken) is mentioned but not named in the seed. */
const chatBase = {
  chat_id: z.number().int(),
  widget_id: str,
  visitor: JivoVisitor,
  department: JivoDepartment.optional(),
  session: JivoSession,
  page: JivoPage,
  analytics: z.looseObject({}).optional(),
  user_token: str.optional(),
};

/** Webhooks "call_event": call.status start | end | agent_connected | client_connected | error. */
export const JivoCallEvent = z.looseObject({
  event_name: z.literal('call_event'),
  ...chatBase,
  agent: JivoAgent,
  call: z.looseObject({
    /** callback | incoming | outgoing */
    type: str,
    phone: str,
    status: str,
    /** Defined when status is error. */
    reason: str.optional(),
    /** Defined when the call has ended. */
    record_url: str.optional(),
  }),
});

export const JivoChatAccepted = z.looseObject({
  event_name: z.literal('chat_accepted'),
  ...chatBase,
  agent: JivoAgent,
});

/** Webhooks "chat_assigned": `assign_to` is the crm_link from the reply to chat_accepted. */
export const JivoChatAssigned = z.looseObject({
  event_name: z.literal('chat_assigned'),
  ...chatBase,
  agent: JivoAgent,
  assign_to: str,
});

/** "message" table of chat_finished; the seed lists no text field, real payloads carry `message`. */
export const JivoChatLogMessage = z.looseObject({
  timestamp: z.number(),
  /** visitor | agent */
  type: str,
  agent_id: id.optional(),
  blacklisted: z.boolean().optional(),
  message: str.optional(),
});

/** Webhooks "chat_finished": `agents` (array) instead of `agent`, plus the chat log. */
export const JivoChatFinished = z.looseObject({
  event_name: z.literal('chat_finished'),
  ...chatBase,
  agents: z.array(JivoAgent),
  chat: z.looseObject({
    messages: z.array(JivoChatLogMessage),
    /** positive | negative | null; absent from the seed's example, hence optional. */
    rate: str.nullish(),
    blacklisted: z.boolean().optional(),
  }),
});

export const JivoChatUpdated = z.looseObject({
  event_name: z.literal('chat_updated'),
  ...chatBase,
  agent: JivoAgent,
});

/**
 * Webhooks "offline_message": no chat_id, no agent. The seed's table says the default event_name is
 * "offline_messages" while its example sends "offline_message": both are accepted.
 */
export const JivoOfflineMessage = z.looseObject({
  event_name: z.enum(['offline_message', 'offline_messages']),
  widget_id: str,
  visitor: JivoVisitor,
  offline_message_id: str,
  message: str,
  session: JivoSession,
  page: JivoPage,
  analytics: z.looseObject({}).optional(),
  user_token: str.optional(),
});

export const jivoWebhookSchemas = {
  call_event: JivoCallEvent,
  chat_accepted: JivoChatAccepted,
  chat_assigned: JivoChatAssigned,
  chat_finished: JivoChatFinished,
  chat_updated: JivoChatUpdated,
  offline_message: JivoOfflineMessage,
} as const;

export type JivoWebhookName = keyof typeof jivoWebhookSchemas;

/** Webhook recognition: any JSON body with a string `event_name` (seed "Webhooks"). */
export const JivoWebhookBody = z.looseObject({ event_name: z.string().min(1).max(100) });

/** Every source event with its raw schema (Platform.schemas): the ten callbacks, then the six webhooks. */
export const jivochatSchemas: Record<string, z.ZodType> = {
  ...Object.fromEntries(
    Object.entries(jivoCallbackArgs).map(([name, args]) => [name, callbackSchema(name, args)]),
  ),
  ...jivoWebhookSchemas,
};
