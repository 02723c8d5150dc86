import { describe, expect, it } from 'vitest';
import { message, popupSuite, rowWith, SECRET } from './popup-driver';
import { emit } from './setup';

const p = popupSuite();

describe('popup: dead-lettered actions', () => {
  it('a note the CRM refuses (400) is dead-lettered, shows "!" on the badge, and Retry in the detail delivers it', async () => {
    const { env, crm } = p;
    env.servers.api.inject({ status: 400, times: 1000, path: '/api/notes' });
    const popup = await p.openPopup();
    await emit(crm.frame, 'newMessageAdded', message('refused at first'));
    await popup.getByTestId('filter-text').fill('refused at first');
    const row = rowWith(popup, 'refused at first');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    await row.click();
    const action = popup.getByTestId('detail').getByTestId('action');
    expect(await action.getAttribute('data-status')).toBe('dead');
    // One vocabulary (issue 16): the list and the detail both say "failed".
    expect(await action.getByTestId('action-status').textContent()).toBe('failed');
    expect(await row.textContent()).toContain('failed');
    expect(await action.getByTestId('action-detail').textContent()).toContain('HTTP 400');
    await p.waitBadge((t) => t === '!', 'red "!" badge');

    env.servers.api.reset(); // the fault is cleared
    await action.getByTestId('retry').click();
    await expect.poll(() => action.getAttribute('data-status'), { timeout: 15_000 }).toBe('ok');
    expect(env.servers.api.notes.map((n) => n.text)).toContain('refused at first');
    const sent = env.servers.api.received.find((r) => r.method === 'POST' && r.path === '/api/notes');
    expect(sent?.headers.authorization).toBe(`Bearer ${SECRET}`);
    await p.waitBadge((t) => t !== '!', 'badge without "!"');

    // Discard: a second refused note is dropped from the outbox and no longer counts as failing.
    env.servers.api.inject({ status: 400, times: 1000, path: '/api/notes' });
    await popup.getByTestId('back').click();
    await emit(crm.frame, 'newMessageAdded', message('refused and discarded'));
    await popup.getByTestId('filter-text').fill('refused and discarded');
    await expect
      .poll(() => rowWith(popup, 'refused and discarded').getAttribute('data-state'))
      .toBe('failed');
    await rowWith(popup, 'refused and discarded').click();
    await p.waitBadge((t) => t === '!', 'red "!" again');
    await popup.getByTestId('discard').click();
    await expect.poll(() => popup.getByTestId('action').getAttribute('data-status')).toBe('discarded');
    expect(await popup.getByTestId('action-status').textContent()).toBe('discarded');
    await popup.getByTestId('back').click();
    // The list says "discarded" too (before issue 16 a discarded action's row read "matched").
    await expect
      .poll(() => rowWith(popup, 'refused and discarded').getAttribute('data-state'))
      .toBe('discarded');
    await p.waitBadge((t) => t !== '!', 'badge without "!" after discard');
    env.servers.api.reset();
    await popup.close();
  });
});
