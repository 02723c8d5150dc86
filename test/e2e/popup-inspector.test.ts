import { describe, expect, it } from 'vitest';
import { closedRule, message, noteRule, popupSuite, rows, rowWith, SECRET, settings } from './popup-driver';
import { configure, emit } from './setup';

const p = popupSuite();

describe('popup: the live event inspector', () => {
  it('shows the tab status, updates live, filters, and details an event with its raw payload and outcome', async () => {
    const { env, crm } = p;
    // "Copy as fixture" is an integrator tool (Settings › General), hidden from agents by default.
    await configure(env, {
      ...settings(env, [noteRule(env.servers.crm.origin), closedRule]),
      integrator: true,
    });
    const popup = await p.openPopup();
    // Header: the detected workspace, configured and permitted.
    const status = popup.getByTestId('tab-status');
    await expect.poll(() => status.getByTestId('workspaces').textContent()).toContain('Rox.Chat');
    expect(await status.getByTestId('workspaces').textContent()).toContain(env.servers.workspace.origin);
    expect(await status.getByTestId('configured').textContent()).toBe('configured');
    expect(await status.getByTestId('permitted').textContent()).toBe('access granted');

    // Live: events emitted while the popup is open appear without reloading.
    await emit(crm.frame, 'newMessageAdded', message('hello from the popup test'));
    await rowWith(popup, 'hello from the popup test').waitFor();
    await emit(crm.frame, 'chatClosedByOperator', {
      roxchatVisitorId: 'visitor-1',
      providedVisitorId: '12345',
      chatId: 7,
      siebelId: '4-1GQDLH42',
      channelId: 'ch-1',
      channelType: 'skype',
      channelUserId: 'u-1',
      channelUserName: 'Maria',
    });
    await emit(crm.frame, 'notificationAdded', {
      notification: { id: 'n-1', kind: 'visitor', text: 'Visitor left the site', sessionId: 'sess-1' },
    });
    await rowWith(popup, 'conversation.closed').waitFor();
    await rowWith(popup, 'notification.added').waitFor();
    await expect
      .poll(() => rowWith(popup, 'hello from the popup test').getAttribute('data-state'))
      .toBe('delivered');

    // Filters: type, outcome, platform, text.
    const count = () => rows(popup).count();
    await popup.getByTestId('filter-type').selectOption('message.created');
    await expect
      .poll(async () => (await rows(popup).allTextContents()).every((t) => t.includes('message.created')))
      .toBe(true);
    expect(await rowWith(popup, 'conversation.closed').count()).toBe(0);
    await popup.getByTestId('filter-type').selectOption('');
    await popup.getByTestId('filter-outcome').selectOption('delivered');
    await expect.poll(() => rowWith(popup, 'notification.added').count()).toBe(0);
    const states = await rows(popup).evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states.every((s) => s === 'delivered' || s === 'failed' || s === 'retrying')).toBe(true);
    expect(await rowWith(popup, 'hello from the popup test').count()).toBe(1);
    await popup.getByTestId('filter-outcome').selectOption('matched');
    await expect.poll(() => rowWith(popup, 'conversation.closed').count()).toBe(1);
    expect(await rowWith(popup, 'notification.added').count()).toBe(0);
    await popup.getByTestId('filter-outcome').selectOption('');
    await popup.getByTestId('filter-platform').selectOption('onechat');
    await expect.poll(count).toBe(0);
    await popup.getByTestId('empty').waitFor();
    await popup.getByTestId('filter-platform').selectOption('roxchat');
    await expect.poll(count).toBeGreaterThanOrEqual(3);
    await popup.getByTestId('filter-text').fill('HELLO from the');
    await expect.poll(count).toBe(1);
    await popup.getByTestId('filter-text').fill('"popup hello"'); // a quoted phrase: no match
    await expect.poll(count).toBe(0);
    await popup.getByTestId('filter-text').fill('');
    await expect.poll(count).toBeGreaterThanOrEqual(3);

    // Detail: normalised fields, raw payload, matched rule, delivered outcome, why another rule did not match.
    await rowWith(popup, 'hello from the popup test').click();
    const detail = popup.getByTestId('detail');
    await detail.waitFor();
    expect(await detail.getByTestId('fields').textContent()).toContain('hello from the popup test');
    const raw = await detail.getByTestId('raw').textContent();
    expect(raw).toContain('messageText');
    expect(raw).toContain('"hello from the popup test"');
    expect(raw).toContain('"roxchat"');
    expect(await detail.getByTestId('matched-rule').allTextContents()).toEqual(['Message → CRM note']);
    const action = detail.getByTestId('action');
    expect(await action.getAttribute('data-status')).toBe('ok');
    expect(await action.getByTestId('action-detail').textContent()).toContain('HTTP 201');
    await expect.poll(() => detail.getByTestId('why-not').textContent()).toContain('conversation.closed');
    // Replay: the note rule would run again; the secret shows as a reference, never its value.
    const replay = detail.getByTestId('replay-rule');
    await replay.waitFor();
    expect(await replay.textContent()).toContain('Message → CRM note');
    expect(await replay.textContent()).toContain('Bearer [secret:crm]');
    expect(await detail.textContent()).not.toContain(SECRET);

    // Copy as fixture: {note, expectTypes, raw} of the event's data.
    await popup.bringToFront();
    await detail.getByTestId('copy-fixture').click();
    await detail.getByText('Copied').waitFor();
    const fixture = JSON.parse(await popup.evaluate(() => navigator.clipboard.readText()));
    expect(fixture.expectTypes).toEqual(['message.created']);
    expect(fixture.raw).toMatchObject({
      source: 'roxchat',
      event: 'newMessageAdded',
      params: { messageText: 'hello from the popup test' },
    });
    expect(typeof fixture.note).toBe('string');

    // Keyboard: Escape goes back, the list is a listbox moved with arrows and opened with Enter.
    await popup.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await popup.getByTestId('events').focus();
    await popup.keyboard.press('Home');
    await popup.keyboard.press('Enter');
    await popup.getByTestId('detail').waitFor();
    await popup.getByTestId('back').click();
    await popup.close();
  });
});
