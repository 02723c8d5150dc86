import type { Fixture, Platform } from '../types';
import { roxchatCommands } from './commands';
import chatClosedSkype from './fixtures/chatClosedByOperator-skype.json';
import chatClosedUnauthorized from './fixtures/chatClosedByOperator-unauthorized.json';
import envelopeExample from './fixtures/envelope-example.json';
import newMessageAdded from './fixtures/newMessageAdded.json';
import notificationAdded from './fixtures/notificationAdded.json';
import notificationRemoved from './fixtures/notificationRemoved.json';
import rejectChatIdString from './fixtures/reject-newMessageAdded-chatId-string.json';
import visitorAuthorized from './fixtures/visitorAuthorized.json';
import visitorSelected from './fixtures/visitorSelected.json';
import { normalizeRoxchat } from './normalize';
import { roxchatSchemas } from './schema';

const fixture = (name: string, f: { raw: unknown; expectTypes: string[] }): Fixture => ({ name, ...f });

export const roxchat: Platform = {
  id: 'roxchat',
  label: 'Rox.Chat',
  seed: '000_0751b723df480676.txt',
  tap: {
    kind: 'postMessage',
    envelope: { eventKey: 'event', marker: ['source', 'roxchat'] },
    // Rox.Chat is self-hosted or per-account cloud: no origin is trusted until a site lists it.
    defaultOrigins: [],
  },
  schemas: roxchatSchemas,
  normalize: normalizeRoxchat,
  commands: roxchatCommands,
  fixtures: [
    fixture('envelope-example', envelopeExample),
    fixture('newMessageAdded', newMessageAdded),
    fixture('chatClosedByOperator-skype', chatClosedSkype),
    fixture('chatClosedByOperator-unauthorized', chatClosedUnauthorized),
    fixture('visitorAuthorized', visitorAuthorized),
    fixture('visitorSelected', visitorSelected),
    fixture('notificationAdded', notificationAdded),
    fixture('notificationRemoved', notificationRemoved),
    fixture('reject-newMessageAdded-chatId-string', rejectChatIdString),
  ],
};
