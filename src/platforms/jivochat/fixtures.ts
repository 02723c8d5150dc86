// Seed fixtures (shared/seeds/003_7266b08a54d68f2a.txt), one JSON file each: {note, expectTypes, raw}.
import type { Fixture } from '../types';
import jivoOnAccept from './fixtures/jivo_onAccept.json';
import jivoOnCallEndFail from './fixtures/jivo_onCallEnd-fail.json';
import jivoOnCallEndOk from './fixtures/jivo_onCallEnd-ok.json';
import jivoOnCallStart from './fixtures/jivo_onCallStart.json';
import jivoOnChangeStateCall from './fixtures/jivo_onChangeState-call.json';
import jivoOnChangeStateChat from './fixtures/jivo_onChangeState-chat.json';
import jivoOnChangeStateChatCall from './fixtures/jivo_onChangeState-chat-call.json';
import jivoOnChangeStateChatMin from './fixtures/jivo_onChangeState-chat-min.json';
import jivoOnChangeStateLabel from './fixtures/jivo_onChangeState-label.json';
import jivoOnClose from './fixtures/jivo_onClose.json';
import jivoOnIntroduction from './fixtures/jivo_onIntroduction.json';
import jivoOnLoadCallback from './fixtures/jivo_onLoadCallback.json';
import jivoOnMessageSent from './fixtures/jivo_onMessageSent.json';
import jivoOnOpen from './fixtures/jivo_onOpen.json';
import jivoOnResizeCallback from './fixtures/jivo_onResizeCallback.json';
import rejectCaptureArgsNotArray from './fixtures/reject-capture-args-not-array.json';
import rejectJivoOnCallEndResultString from './fixtures/reject-jivo_onCallEnd-result-string.json';
import rejectJivoOnChangeStateNumber from './fixtures/reject-jivo_onChangeState-number.json';
import rejectWebhookCallEventStatusNumber from './fixtures/reject-webhook-call_event-status-number.json';
import rejectWebhookChatAcceptedChatIdString from './fixtures/reject-webhook-chat_accepted-chat_id-string.json';
import rejectWebhookChatAcceptedResponse from './fixtures/reject-webhook-chat_accepted-response.json';
import webhookCallEvent from './fixtures/webhook-call_event.json';
import webhookChatAccepted from './fixtures/webhook-chat_accepted.json';
import webhookChatAssigned from './fixtures/webhook-chat_assigned.json';
import webhookChatFinished from './fixtures/webhook-chat_finished.json';
import webhookChatUpdated from './fixtures/webhook-chat_updated.json';
import webhookOfflineMessage from './fixtures/webhook-offline_message.json';

const fixture = (name: string, f: { raw: unknown; expectTypes: string[] }): Fixture => ({ name, ...f });

export const jivochatFixtures: Fixture[] = [
  fixture('jivo_onAccept', jivoOnAccept),
  fixture('jivo_onCallEnd-fail', jivoOnCallEndFail),
  fixture('jivo_onCallEnd-ok', jivoOnCallEndOk),
  fixture('jivo_onCallStart', jivoOnCallStart),
  fixture('jivo_onChangeState-call', jivoOnChangeStateCall),
  fixture('jivo_onChangeState-chat', jivoOnChangeStateChat),
  fixture('jivo_onChangeState-chat-call', jivoOnChangeStateChatCall),
  fixture('jivo_onChangeState-chat-min', jivoOnChangeStateChatMin),
  fixture('jivo_onChangeState-label', jivoOnChangeStateLabel),
  fixture('jivo_onClose', jivoOnClose),
  fixture('jivo_onIntroduction', jivoOnIntroduction),
  fixture('jivo_onLoadCallback', jivoOnLoadCallback),
  fixture('jivo_onMessageSent', jivoOnMessageSent),
  fixture('jivo_onOpen', jivoOnOpen),
  fixture('jivo_onResizeCallback', jivoOnResizeCallback),
  fixture('webhook-call_event', webhookCallEvent),
  fixture('webhook-chat_accepted', webhookChatAccepted),
  fixture('webhook-chat_assigned', webhookChatAssigned),
  fixture('webhook-chat_finished', webhookChatFinished),
  fixture('webhook-chat_updated', webhookChatUpdated),
  fixture('webhook-offline_message', webhookOfflineMessage),
  fixture('reject-capture-args-not-array', rejectCaptureArgsNotArray),
  fixture('reject-jivo_onCallEnd-result-string', rejectJivoOnCallEndResultString),
  fixture('reject-jivo_onChangeState-number', rejectJivoOnChangeStateNumber),
  fixture('reject-webhook-call_event-status-number', rejectWebhookCallEventStatusNumber),
  fixture('reject-webhook-chat_accepted-chat_id-string', rejectWebhookChatAcceptedChatIdString),
  fixture('reject-webhook-chat_accepted-response', rejectWebhookChatAcceptedResponse),
];
