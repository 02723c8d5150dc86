// Seed fixtures (shared/seeds/004_376b5aedd283cf32.txt), one JSON file each: {note, expectTypes, raw}.
import type { Fixture } from '../types';
import onButtonClick from './fixtures/onButtonClick.json';
import onChatHide from './fixtures/onChatHide.json';
import onChatReady from './fixtures/onChatReady.json';
import onChatShow from './fixtures/onChatShow.json';
import onConversationsChangeClosedPhoto from './fixtures/onConversationsChange-closed-photo.json';
import onConversationsChangeFalse from './fixtures/onConversationsChange-false.json';
import onConversationsChangeSeveral from './fixtures/onConversationsChange-several.json';
import onConversationsChangeText from './fixtures/onConversationsChange-text.json';
import onConversationsChangeVideo from './fixtures/onConversationsChange-video.json';
import rejectCaptureWithoutCallback from './fixtures/reject-capture-without-callback.json';
import rejectOnButtonClickServiceNumber from './fixtures/reject-onButtonClick-service-number.json';
import rejectOnConversationsChangeCreatedAtString from './fixtures/reject-onConversationsChange-created_at-string.json';
import rejectOnConversationsChangeIsClosedString from './fixtures/reject-onConversationsChange-is_closed-string.json';
import rejectOnConversationsChangeTrue from './fixtures/reject-onConversationsChange-true.json';

const fixture = (name: string, f: { raw: unknown; expectTypes: string[] }): Fixture => ({ name, ...f });

export const kommoFixtures: Fixture[] = [
  fixture('onButtonClick', onButtonClick),
  fixture('onChatHide', onChatHide),
  fixture('onChatReady', onChatReady),
  fixture('onChatShow', onChatShow),
  fixture('onConversationsChange-closed-photo', onConversationsChangeClosedPhoto),
  fixture('onConversationsChange-false', onConversationsChangeFalse),
  fixture('onConversationsChange-several', onConversationsChangeSeveral),
  fixture('onConversationsChange-text', onConversationsChangeText),
  fixture('onConversationsChange-video', onConversationsChangeVideo),
  fixture('reject-capture-without-callback', rejectCaptureWithoutCallback),
  fixture('reject-onButtonClick-service-number', rejectOnButtonClickServiceNumber),
  fixture('reject-onConversationsChange-created_at-string', rejectOnConversationsChangeCreatedAtString),
  fixture('reject-onConversationsChange-is_closed-string', rejectOnConversationsChangeIsClosedString),
  fixture('reject-onConversationsChange-true', rejectOnConversationsChangeTrue),
];
