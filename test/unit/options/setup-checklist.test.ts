import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, SettingsSchema } from '../../../src/config/settings';
import type { JournalEntry } from '../../../src/journal/types';
import { setupSteps } from '../../../src/ui/options/setup/checklist';

const site = (origins: string[]) => ({
  id: 'crm',
  matches: ['https://crm.example.com/*'],
  platforms: { roxchat: { origins } },
});
const rule = (events: string[]) => ({
  id: 'note',
  when: { events },
  then: [{ kind: 'http', url: 'https://crm.example.com/api/notes' }],
});
const delivered = { kind: 'event', actions: [{ status: 'ok' }] } as unknown as JournalEntry;
const failed = { kind: 'event', actions: [{ status: 'failed' }] } as unknown as JournalEntry;

const S = (x: object): Settings => SettingsSchema.parse(x);

describe('first-run checklist', () => {
  it.each<[string, Settings, string[], JournalEntry[], string[]]>([
    ['nothing yet', DEFAULT_SETTINGS, [], [], []],
    ['a site, no trusted workspace origin', S({ sites: [site([])] }), [], [], ['site']],
    ['site and workspace', S({ sites: [site(['https://acme.rox.chat'])] }), [], [], ['site', 'workspace']],
    [
      '+ secret',
      S({ sites: [site(['https://acme.rox.chat'])] }),
      ['crm'],
      [],
      ['site', 'workspace', 'secret'],
    ],
    ['a broken rule does not count', S({ rules: [rule(['message.create'])] }), [], [], []],
    ['a working rule', S({ rules: [rule(['message.created'])] }), [], [], ['rule']],
    ['a failed delivery is no test', DEFAULT_SETTINGS, [], [failed], []],
    ['a delivered event', DEFAULT_SETTINGS, [], [delivered], ['test']],
  ])('%s', (_, settings, secrets, journal, done) => {
    const steps = setupSteps(settings, secrets, journal);
    expect(steps.map((s) => s.id)).toEqual(['site', 'workspace', 'secret', 'rule', 'test']);
    expect(steps.filter((s) => s.done).map((s) => s.id)).toEqual(done);
  });
});
