import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/journal/types';
import { message, popupSuite, SECRET } from './popup-driver';
import { emit, journal, waitFor } from './setup';

const p = popupSuite();

describe('popup: journal export', () => {
  it('exports the journal as JSON with secret values redacted', async () => {
    const { env, crm } = p;
    // A journal of more than five entries: five ordinary messages first.
    for (let i = 1; i <= 5; i++) await emit(crm.frame, 'newMessageAdded', message(`before the export ${i}`));
    // A message that happens to contain the secret value, and a rule using it in a header.
    await emit(crm.frame, 'newMessageAdded', message(`my token is ${SECRET}`));
    await waitFor(
      () => env.servers.api.notes.some((n) => String(n.text).includes(SECRET)) || undefined,
      'note with the secret delivered',
    );
    await waitFor(async () => (await journal(env)).length >= 6 || undefined, 'six entries journaled');
    const popup = await p.openPopup();
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByTestId('export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^crm-bridge-journal-\d{8}-\d{6}\.json$/);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    const parsed = JSON.parse(text) as { format: string; entries: JournalEntry[] };
    expect(parsed.format).toBe('crm-bridge-journal');
    expect(parsed.entries.length).toBeGreaterThan(5);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('my token is [secret:crm]');
    await popup.close();
  });
});
