import { describe, expect, it } from 'vitest';
import { message, popupSuite, rows, rowWith } from './popup-driver';
import { emit } from './setup';

const p = popupSuite();

describe('popup: rejected messages', () => {
  it('lists rejected messages with their reason, so a misconfigured origin is obvious', async () => {
    const { env, crm } = p;
    const popup = await p.openPopup();
    const evil = await p.untrustedFrame();
    await emit(evil, 'newMessageAdded', message('from a stranger'));
    // An invalid payload from the trusted workspace: rejected with the zod issues.
    await emit(crm.frame, 'newMessageAdded', { ...message('bad'), chatId: 'not-a-number' });
    await popup.getByTestId('rejected-banner').waitFor();
    await popup.getByTestId('filter-outcome').selectOption('rejected');
    const untrusted = rowWith(popup, 'untrusted origin');
    await untrusted.waitFor();
    expect(
      await rows(popup).evaluateAll((els) => els.every((e) => e.getAttribute('data-kind') === 'rejected')),
    ).toBe(true);
    await untrusted.first().click();
    const detail = popup.getByTestId('detail');
    expect(await detail.getByTestId('reject-reason').textContent()).toContain('untrusted origin');
    expect(await detail.textContent()).toContain(env.servers.untrusted.origin);
    await popup.getByTestId('back').click();
    await rowWith(popup, 'invalid newMessageAdded').first().click();
    expect(await popup.getByTestId('issues').textContent()).toContain('chatId');
    await popup.close();
  });
});
