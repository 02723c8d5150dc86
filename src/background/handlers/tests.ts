import type { Settings } from '../../config/settings';
import type { Journal } from '../../journal/journal';
import type { PageRequest, PageResponses } from '../../protocol';
import { addTest, testFromEntry } from '../../replay/saved-test';
import { redactDeep } from '../../secrets/redact';
import { allSecrets } from '../../secrets/store';
import { withTranscript } from '../../workflows/scope';
import type { SettingsState } from '../state';

export interface TestsDeps {
  journal: Pick<Journal, 'get'>;
  state: Pick<SettingsState, 'userSettings' | 'settingsError'>;
  now?: () => number;
}

type Handler<K extends 'tests.save'> = (req: Extract<PageRequest, { type: K }>) => Promise<PageResponses[K]>;

/**
 * "Save as test" (issue 20). The page sends only the journal sequence number: the test is built here from
 * the worker's own journal entry (never from page-supplied data), with the event as the action stage saw it
 * (a closed conversation's with its transcript), every stored secret value redacted to `[secret:name]`, and
 * saved through `save`, the options page's own settings path (validated, managed entries stripped).
 */
export function testHandlers(
  d: TestsDeps,
  save: (settings: Settings) => Promise<PageResponses['settings.save']>,
): { 'tests.save': Handler<'tests.save'> } {
  return {
    'tests.save': async (req) => {
      const entry = await d.journal.get(req.seq);
      if (entry?.kind !== 'event' || entry.seq === undefined) return { ok: false, reason: 'gone' };
      const event = entry.type === 'conversation.closed' ? await withTranscript(entry.event) : entry.event;
      const now = (d.now ?? Date.now)();
      const id = `t-${entry.seq}-${now.toString(36)}`;
      const test = redactDeep(testFromEntry(entry, event, id, now), await allSecrets());
      // Stored settings that do not load are not overwritten from the popup (defaults are in use).
      if (d.state.settingsError) return { ok: false, reason: 'unreadable' };
      const user = d.state.userSettings;
      const added = addTest(user.tests, test);
      if (!added.ok) return added;
      const r = await save({ ...user, tests: added.tests });
      return r.ok ? { ok: true, id: test.id, name: test.name } : { ok: false, error: r.error };
    },
  };
}
