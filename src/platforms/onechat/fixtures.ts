// Every committed OneChat fixture: the seed's samples (verbatim), then payloads shaped like the
// broadcasts of the events the Chatwoot dashboard's connector handles (connector.ts), then rejections.
import type { Fixture } from '../types';
import accountCacheInvalidated from './fixtures/account_cache_invalidated.json';
import accountEnrichmentCompleted from './fixtures/account_enrichment_completed.json';
import assigneeChanged from './fixtures/assignee_changed.json';
import commandAgentPresence from './fixtures/command-agent-presence.json';
import commandContactPresence from './fixtures/command-contact-presence.json';
import contactCreated from './fixtures/contact_created.json';
import contactDeleted from './fixtures/contact_deleted.json';
import contactUpdated from './fixtures/contact_updated.json';
import conversationBotHandoff from './fixtures/conversation_bot_handoff.json';
import conversationContactChanged from './fixtures/conversation_contact_changed.json';
import conversationCreated from './fixtures/conversation_created.json';
import conversationLockToggleUnknown from './fixtures/conversation_lock_toggle-unknown.json';
import conversationMentioned from './fixtures/conversation_mentioned.json';
import conversationRead from './fixtures/conversation_read.json';
import conversationStatusChanged from './fixtures/conversation_status_changed.json';
import conversationStatusChangedResolved from './fixtures/conversation_status_changed-resolved.json';
import conversationTypingOff from './fixtures/conversation_typing_off.json';
import conversationTypingOn from './fixtures/conversation_typing_on.json';
import conversationUnreadCountChanged from './fixtures/conversation_unread_count_changed.json';
import conversationUpdated from './fixtures/conversation_updated.json';
import copilotMessageCreated from './fixtures/copilot_message_created.json';
import messageCreated from './fixtures/message_created.json';
import messageCreatedActivity from './fixtures/message_created-activity.json';
import messageCreatedPrivateNote from './fixtures/message_created-private-note.json';
import messageUpdated from './fixtures/message_updated.json';
import notificationCreated from './fixtures/notification_created.json';
import notificationDeleted from './fixtures/notification_deleted.json';
import notificationUpdated from './fixtures/notification_updated.json';
import pageReload from './fixtures/page_reload.json';
import presenceUpdate from './fixtures/presence_update.json';
import rejectIdentifierNotJson from './fixtures/reject-identifier-not-json.json';
import rejectMessageCreatedIdString from './fixtures/reject-message_created-id-string.json';
import rejectPingFrame from './fixtures/reject-ping-frame.json';
import rejectPresenceUpdateStatusNumber from './fixtures/reject-presence_update-status-number.json';
import rejectStatusChangedStatusNumber from './fixtures/reject-status_changed-status-number.json';
import rejectVoiceCallIncomingCallIdNumber from './fixtures/reject-voice_call_incoming-call_id-number.json';
import teamChanged from './fixtures/team_changed.json';
import userLogout from './fixtures/user_logout.json';
import voiceCallAccepted from './fixtures/voice_call_accepted.json';
import voiceCallEnded from './fixtures/voice_call_ended.json';
import voiceCallIncoming from './fixtures/voice_call_incoming.json';
import voiceCallOutboundAccepted from './fixtures/voice_call_outbound_accepted.json';
import voiceCallOutboundConnected from './fixtures/voice_call_outbound_connected.json';

const fixture = (name: string, f: { raw: unknown; expectTypes: string[] }): Fixture => ({ name, ...f });

export const onechatFixtures: Fixture[] = [
  fixture('conversation_created', conversationCreated),
  fixture('conversation_read', conversationRead),
  fixture('message_created', messageCreated),
  fixture('message_updated', messageUpdated),
  fixture('conversation_status_changed', conversationStatusChanged),
  fixture('conversation_typing_on', conversationTypingOn),
  fixture('conversation_typing_off', conversationTypingOff),
  fixture('assignee_changed', assigneeChanged),
  fixture('team_changed', teamChanged),
  fixture('conversation_contact_changed', conversationContactChanged),
  fixture('contact_created', contactCreated),
  fixture('contact_updated', contactUpdated),
  fixture('presence_update', presenceUpdate),
  fixture('conversation_status_changed-resolved', conversationStatusChangedResolved),
  fixture('message_created-activity', messageCreatedActivity),
  fixture('message_created-private-note', messageCreatedPrivateNote),
  fixture('command-agent-presence', commandAgentPresence),
  fixture('command-contact-presence', commandContactPresence),
  fixture('account_cache_invalidated', accountCacheInvalidated),
  fixture('account_enrichment_completed', accountEnrichmentCompleted),
  fixture('contact_deleted', contactDeleted),
  fixture('conversation_bot_handoff', conversationBotHandoff),
  fixture('conversation_lock_toggle-unknown', conversationLockToggleUnknown),
  fixture('conversation_mentioned', conversationMentioned),
  fixture('conversation_unread_count_changed', conversationUnreadCountChanged),
  fixture('conversation_updated', conversationUpdated),
  fixture('copilot_message_created', copilotMessageCreated),
  fixture('notification_created', notificationCreated),
  fixture('notification_deleted', notificationDeleted),
  fixture('notification_updated', notificationUpdated),
  fixture('page_reload', pageReload),
  fixture('user_logout', userLogout),
  fixture('voice_call_accepted', voiceCallAccepted),
  fixture('voice_call_ended', voiceCallEnded),
  fixture('voice_call_incoming', voiceCallIncoming),
  fixture('voice_call_outbound_accepted', voiceCallOutboundAccepted),
  fixture('voice_call_outbound_connected', voiceCallOutboundConnected),
  fixture('reject-identifier-not-json', rejectIdentifierNotJson),
  fixture('reject-message_created-id-string', rejectMessageCreatedIdString),
  fixture('reject-ping-frame', rejectPingFrame),
  fixture('reject-presence_update-status-number', rejectPresenceUpdateStatusNumber),
  fixture('reject-status_changed-status-number', rejectStatusChangedStatusNumber),
  fixture('reject-voice_call_incoming-call_id-number', rejectVoiceCallIncomingCallIdNumber),
];
