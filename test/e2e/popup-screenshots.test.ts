import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, message, popupSuite, rowWith } from './popup-driver';
import { emit, waitFor } from './setup';

const p = popupSuite();

describe('popup: screenshots', () => {
  it('looks right in light and dark (screenshots)', async () => {
    const { env, crm } = p;
    // A delivered message and a rejected one (untrusted origin) in the list.
    await emit(crm.frame, 'newMessageAdded', message('Where is my order?'));
    await waitFor(
      () => env.servers.api.notes.some((n) => n.text === 'Where is my order?') || undefined,
      'note delivered',
    );
    await emit(await p.untrustedFrame(), 'newMessageAdded', message('from a stranger'));
    // A retrying action for the screenshots (503s), and a visitor selection.
    env.servers.api.inject({ status: 503, times: 1000, path: '/api/notes' });
    await emit(crm.frame, 'newMessageAdded', message('CRM is down, retrying', 8));
    await emit(crm.frame, 'visitorSelected', {
      roxchatVisitorId: 'visitor-2',
      providedVisitorId: null,
      chatId: 9,
      sessionId: 'sess-2',
      taskId: 't',
      siebelId: null,
    });
    const popup = await p.openPopup();
    await expect
      .poll(() => rowWith(popup, 'CRM is down, retrying').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('retrying');
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: join(ARTIFACTS, `list-${scheme}.png`) });
      await rowWith(popup, 'CRM is down, retrying').click();
      await popup.getByTestId('replay-rule').waitFor();
      await popup.screenshot({ path: join(ARTIFACTS, `detail-${scheme}.png`) });
      await popup.locator('.detail-body').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await popup.screenshot({ path: join(ARTIFACTS, `detail-bottom-${scheme}.png`) });
      await popup.getByTestId('back').click();
    }
    await rowWith(popup, 'untrusted origin').first().click();
    await popup.screenshot({ path: join(ARTIFACTS, 'rejected-dark.png') });
    await popup.close();
    const narrow = await p.openPopup(560, 580);
    await narrow.emulateMedia({ colorScheme: 'light' });
    await narrow.screenshot({ path: join(ARTIFACTS, 'list-560-light.png') });
    await narrow.close();
    env.servers.api.reset();
  });
});
