import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/journal/types';
import { message, popupSuite, rows, rowWith } from './popup-driver';
import { emit, send } from './setup';

const p = popupSuite();

describe('popup: pause and clear', () => {
  it('pauses and resumes capture, and clears the journal (two clicks)', async () => {
    const { env, crm } = p;
    const popup = await p.openPopup();
    await popup.getByTestId('pause').click();
    await popup.getByTestId('tab-status').getByText('capture paused').waitFor();
    expect(await popup.getByTestId('pause').textContent()).toBe('Resume');
    await emit(crm.frame, 'newMessageAdded', message('sent while paused'));
    await new Promise((r) => setTimeout(r, 800));
    expect(await rowWith(popup, 'sent while paused').count()).toBe(0);
    await popup.getByTestId('pause').click();
    await expect.poll(() => popup.getByTestId('pause').textContent()).toBe('Pause');
    await emit(crm.frame, 'newMessageAdded', message('sent after resuming'));
    await rowWith(popup, 'sent after resuming').waitFor();

    await popup.getByTestId('clear').click();
    expect(await popup.getByTestId('clear').textContent()).toBe('Click to clear');
    expect(await rows(popup).count()).toBeGreaterThan(0);
    await popup.getByTestId('clear').click();
    await expect.poll(() => rows(popup).count()).toBe(0);
    await popup.getByTestId('empty').waitFor();
    const r = await send<{ entries: JournalEntry[] }>(env.browser, { type: 'journal.recent', limit: 10 });
    expect(r.entries).toEqual([]);
    await popup.close();
  });
});
