import type { Fixture, Platform } from '../types';
import { ucontactCommands } from './commands';
import assignedInteraction from './fixtures/assignedInteraction.json';
import assignedInteractionVoice from './fixtures/assignedInteraction-voice.json';
import changedLanguage from './fixtures/changedLanguage.json';
import changedTheme from './fixtures/changedTheme.json';
import finishedInteraction from './fixtures/finishedInteraction.json';
import rejectGuidNumber from './fixtures/reject-assignedInteraction-guid-number.json';
import rejectLanguageObject from './fixtures/reject-changedLanguage-object.json';
import rejectDarkString from './fixtures/reject-changedTheme-dark-string.json';
import rejectNoData from './fixtures/reject-envelope-without-data.json';
import rejectLevelsPlaceholder from './fixtures/reject-sentDisposition-levels-placeholder.json';
import sentDisposition from './fixtures/sentDisposition.json';
import sentDispositionLevels from './fixtures/sentDisposition-levels.json';
import startInteractionAction from './fixtures/startInteraction-action.json';
import unknownEvent from './fixtures/unknown-event.json';
import { normalizeUcontact } from './normalize';
import { ucontactSchemas } from './schema';

const fixture = (name: string, f: { raw: unknown; expectTypes: string[] }): Fixture => ({ name, ...f });

export const ucontact: Platform = {
  id: 'ucontact',
  label: 'uContact',
  seed: '002_6e1d7ddf52672027.txt',
  tap: {
    kind: 'postMessage',
    // Seed "Integration": `const {event, data} = e.data` — no source marker, so `data` must be present.
    envelope: { eventKey: 'event', requireKeys: ['data'] },
    // uContact is per-customer (frame-ancestors is configured per instance): no origin is trusted by default.
    defaultOrigins: [],
  },
  schemas: ucontactSchemas,
  normalize: normalizeUcontact,
  commands: ucontactCommands,
  fixtures: [
    fixture('assignedInteraction', assignedInteraction),
    fixture('finishedInteraction', finishedInteraction),
    fixture('sentDisposition', sentDisposition),
    fixture('changedTheme', changedTheme),
    fixture('changedLanguage', changedLanguage),
    fixture('startInteraction-action', startInteractionAction),
    fixture('assignedInteraction-voice', assignedInteractionVoice),
    fixture('sentDisposition-levels', sentDispositionLevels),
    fixture('unknown-event', unknownEvent),
    fixture('reject-sentDisposition-levels-placeholder', rejectLevelsPlaceholder),
    fixture('reject-changedTheme-dark-string', rejectDarkString),
    fixture('reject-assignedInteraction-guid-number', rejectGuidNumber),
    fixture('reject-changedLanguage-object', rejectLanguageObject),
    fixture('reject-envelope-without-data', rejectNoData),
  ],
};
