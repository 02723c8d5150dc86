// Rox.Chat CRM postMessage interface, field by field from shared/seeds/000_0751b723df480676.txt.
// Objects are loose (the workspace may add fields over time) but every documented field is typed.
import { z } from 'zod';

const str = z.string();
/** Identifiers the document shows as `null` for visitors from an unauthorised zone. */
const nullableStr = z.string().nullable();

/** "General view of the transmitted data": `{ source: "roxchat", event, params }`. */
export const RoxEnvelope = z.looseObject({
  source: z.literal('roxchat'),
  event: z.string().min(1).max(100),
  params: z.unknown().optional(),
});

/** Event newMessageAdded: a visitor or an agent leaves a message. */
export const NewMessageAdded = z.looseObject({
  roxchatVisitorId: str,
  providedVisitorId: nullableStr.optional(),
  chatId: z.number().int(),
  sessionId: str,
  /** Message type: "visitor", "operator", or another Rox.Chat message kind. */
  kind: str,
  messageText: str,
  siebelId: nullableStr.optional(),
});

/** Event chatClosedByOperator, including the unauthorised-zone variant where every id but two is null. */
export const ChatClosedByOperator = z.looseObject({
  roxchatVisitorId: str,
  providedVisitorId: nullableStr,
  chatId: z.number().int(),
  siebelId: nullableStr,
  channelId: nullableStr,
  channelType: nullableStr,
  channelUserId: nullableStr,
  channelUserName: nullableStr,
});

const VisitorIds = z.looseObject({
  roxchatVisitorId: str,
  providedVisitorId: nullableStr,
  siebelId: nullableStr,
});

/** Event visitorAuthorized: identifiers before (`old`) and after (`new`) authorisation. */
export const VisitorAuthorized = z.looseObject({ old: VisitorIds, new: VisitorIds });

/** Event visitorSelected: the agent opens a chat in the Agent Workspace. */
export const VisitorSelected = z.looseObject({
  roxchatVisitorId: str,
  providedVisitorId: nullableStr.optional(),
  chatId: z.number().int(),
  sessionId: str,
  taskId: nullableStr.optional(),
  siebelId: nullableStr.optional(),
});

/** Event notificationAdded. */
export const NotificationAdded = z.looseObject({
  notification: z.looseObject({ id: str, kind: str, text: str, sessionId: str }),
});

/** Event notificationRemoved: only the id is guaranteed. */
export const NotificationRemoved = z.looseObject({
  notification: z.looseObject({ id: str }),
});

export const roxchatSchemas = {
  newMessageAdded: NewMessageAdded,
  chatClosedByOperator: ChatClosedByOperator,
  visitorAuthorized: VisitorAuthorized,
  visitorSelected: VisitorSelected,
  notificationAdded: NotificationAdded,
  notificationRemoved: NotificationRemoved,
} as const;

/** "Incoming Events": the one command the workspace accepts from the parent CRM window. */
export const StartOutgoingChatParams = z.object({
  roxchatVisitorId: z.string().min(1),
  sessionId: z.string().min(1),
});

/** The five documented error codes of start_outgoing_chat and their texts. */
export const ROX_ERROR_CODES: Record<string, string> = {
  operator_cant_start_chat_with_visitor_from_another_department:
    'You cannot invite visitors from another department to the chat.',
  visitor_starting_chat_from_his_side:
    'You cannot invite the visitor to the chat because they are initiating the chat from their side.',
  visitor_already_in_chat: 'The visitor is already chatting.',
  no_tariff_option:
    'To perform this action, you need to switch to another tariff or connect the appropriate tariff option.',
  unable_to_start_outgoing_chat: 'An error occurred while creating the chat (in case of an unknown error).',
};
