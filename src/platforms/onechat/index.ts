import type { Fixture, Platform } from '../types';
import { DEFAULT_SOCKET_SUFFIX } from './cable-wire';
import assigneeChanged from './fixtures/assignee_changed.json';
import commandAgentPresence from './fixtures/command-agent-presence.json';
import commandContactPresence from './fixtures/command-contact-presence.json';
import contactCreated from './fixtures/contact_created.json';
import contactUpdated from './fixtures/contact_updated.json';
import conversationContactChanged from './fixtures/conversation_contact_changed.json';
import conversationCreated from './fixtures/conversation_created.json';
import conversationMentionedUnknown from './fixtures/conversation_mentioned-unknown.json';
import conversationRead from './fixtures/conversation_read.json';
import conversationStatusChanged from './fixtures/conversation_status_changed.json';
import conversationStatusChangedResolved from './fixtures/conversation_status_changed-resolved.json';
import conversationTypingOff from './fixtures/conversation_typing_off.json';
import conversationTypingOn from './fixtures/conversation_typing_on.json';
import conversationUpdatedUndocumented from './fixtures/conversation_updated-undocumented.json';
import messageCreated from './fixtures/message_created.json';
import messageCreatedActivity from './fixtures/message_created-activity.json';
import messageCreatedPrivateNote from './fixtures/message_created-private-note.json';
import messageUpdated from './fixtures/message_updated.json';
import notificationCreatedUndocumented from './fixtures/notification_created-undocumented.json';
import presenceUpdate from './fixtures/presence_update.json';
import rejectIdentifierNotJson from './fixtures/reject-identifier-not-json.json';
import rejectMessageCreatedIdString from './fixtures/reject-message_created-id-string.json';
import rejectPingFrame from './fixtures/reject-ping-frame.json';
import rejectPresenceUpdateStatusNumber from './fixtures/reject-presence_update-status-number.json';
import rejectStatusChangedStatusNumber from './fixtures/reject-status_changed-status-number.json';
import teamChanged from './fixtures/team_changed.json';
import { normalizeOnechat } from './normalize';
import { onechatSchemas } from './schema';

const fixture = (name: string, f: { raw: unknown; expectTypes: string[] }): Fixture => ({ name, ...f });

export const onechat: Platform = {
  id: 'onechat',
  label: 'OneChat',
  seed: '001_47029119058a39a1.txt',
  // Seed: "OneChat WebSockets connection can be made at <your installation url>/cable".
  tap: { kind: 'websocket', defaultUrlSuffix: DEFAULT_SOCKET_SUFFIX },
  schemas: onechatSchemas,
  normalize: normalizeOnechat,
  // The only thing the seed sends back is update_presence, a frame on the socket itself (direct mode:
  // see buildPresence in protocol.ts), not a command the dashboard page accepts.
  commands: {},
  fixtures: [
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
    fixture('conversation_mentioned-unknown', conversationMentionedUnknown),
    fixture('conversation_status_changed-resolved', conversationStatusChangedResolved),
    fixture('conversation_updated-undocumented', conversationUpdatedUndocumented),
    fixture('message_created-activity', messageCreatedActivity),
    fixture('message_created-private-note', messageCreatedPrivateNote),
    fixture('notification_created-undocumented', notificationCreatedUndocumented),
    fixture('command-agent-presence', commandAgentPresence),
    fixture('command-contact-presence', commandContactPresence),
    fixture('reject-identifier-not-json', rejectIdentifierNotJson),
    fixture('reject-message_created-id-string', rejectMessageCreatedIdString),
    fixture('reject-ping-frame', rejectPingFrame),
    fixture('reject-presence_update-status-number', rejectPresenceUpdateStatusNumber),
    fixture('reject-status_changed-status-number', rejectStatusChangedStatusNumber),
  ],
};
