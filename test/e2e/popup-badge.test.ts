import { describe, it } from 'vitest';
import { message, popupSuite } from './popup-driver';
import { emit } from './setup';

const p = popupSuite();

describe('popup: the badge', () => {
  it('the badge counts events since the popup was last opened, and opening it clears the count', async () => {
    const { crm } = p;
    const popup = await p.openPopup();
    await popup.close();
    await p.waitBadge((t) => t === '', 'badge cleared');
    for (const t of ['unseen 1', 'unseen 2', 'unseen 3'])
      await emit(crm.frame, 'newMessageAdded', message(t));
    await p.waitBadge((t) => t === '3', 'badge "3"');
    const again = await p.openPopup();
    await p.waitBadge((t) => t === '', 'badge cleared on open');
    await again.close();
  });
});
