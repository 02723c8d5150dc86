// Saved tests (issue 20, second "done when", the user side): a real journaled event is saved as a test from
// the popup; editing its rule so a body changes turns the test red in the rule editor BEFORE Save, and
// reverting the edit turns it green again; the saved test travels in an export.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings';
import type { EventEntry } from '../../src/journal/types';
import { roxMessage, twoNotesEnv } from './fixtures';
import { crmTabId } from './popup-driver';
import { type Env, emit, journal, openCrm, send, waitFor, workspaceDetected } from './setup';

const SECRET = 'SAVED-TEST-SECRET-9';
let env: Env;

beforeAll(async () => {
  env = await twoNotesEnv(SECRET);
});

afterAll(async () => {
  await env?.close();
});

const stored = async () =>
  ((await send(env.browser, { type: 'settings.get' })) as { settings: Settings }).settings;

async function openOptions(hash: string): Promise<Page> {
  const page = await env.browser.ctx.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/options.html#${hash}`);
  await page.getByTestId(`tab-${hash}`).waitFor();
  return page;
}

describe('saved tests', () => {
  it('Save as test in the popup; an edit that changes a body turns it red before Save, reverting turns it green', async () => {
    const { frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', roxMessage('where is my parcel', 301));
    await waitFor(
      async () => {
        const events = (await journal(env)).filter((e): e is EventEntry => e.kind === 'event');
        return events.length === 1 && events[0]?.actions.every((a) => a.status === 'ok') ? true : undefined;
      },
      'the event journaled with both notes delivered',
      60_000,
    );

    // The popup: open the event, "Save as test".
    const popup = await env.browser.ctx.newPage();
    await popup.setViewportSize({ width: 680, height: 580 });
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${await crmTabId(env)}`);
    await popup.getByTestId('row').filter({ hasText: 'where is my parcel' }).first().click();
    await popup.getByTestId('save-test').click();
    const status = popup.getByTestId('save-test-status');
    await status.filter({ hasText: 'Saved as a test: roxchat newMessageAdded #' }).waitFor();
    await popup.close();
    const [test] = (await stored()).tests;
    expect(test?.event.message?.text).toBe('where is my parcel');
    expect(test?.expect.map((a) => [a.ruleId, a.index, a.kind])).toEqual([
      ['two-notes', 0, 'http'],
      ['two-notes', 1, 'http'],
    ]);
    expect(JSON.stringify(test)).toContain('Bearer [secret:crm]');
    expect(JSON.stringify(test)).not.toContain(SECRET);

    // The rule editor: green with the rule as saved.
    const options = await openOptions('rules');
    await options.getByTestId('edit-two-notes').click();
    const box = options.getByTestId('editor-tests');
    await box.waitFor();
    await expect.poll(() => box.getAttribute('data-failing')).toBe('0');
    expect(await options.getByTestId('editor-tests-summary').innerText()).toBe(
      'The saved test passes with this change.',
    );

    // Edit the first note's body (as JSON): red, live, with the change side by side, before any Save.
    await options.locator('label', { has: options.getByTestId('mode-json') }).click();
    const json = options.getByTestId('rule-json');
    const original = await json.inputValue();
    expect(original).toContain('"text": "{{ message.text }}"');
    await json.fill(original.replace('"text": "{{ message.text }}"', '"text": "v2 {{ message.text }}"'));
    await expect.poll(() => box.getAttribute('data-failing')).toBe('1');
    const summary = await options.getByTestId('editor-tests-summary').innerText();
    expect(summary).toMatch(/^1 saved test fails with this change: roxchat newMessageAdded #\d+$/);
    const changes = box.getByTestId('replay-change');
    expect(await changes.count()).toBe(1);
    expect(await changes.first().getAttribute('data-change')).toBe('changed');
    const shown = await changes.first().innerText();
    expect(shown).toContain('"text": "where is my parcel"');
    expect(shown).toContain('"text": "v2 where is my parcel"');
    expect(shown).toContain('Bearer [secret:crm]');
    expect(await box.innerText()).toContain('Rules whose behaviour changes: Message → note + audit');
    // Nothing was saved: the stored rule is still the original.
    const rule = (await stored()).rules[0]?.then[0];
    expect(JSON.stringify(rule)).toContain('"text":"{{ message.text }}"');

    // Revert the edit: green again.
    await json.fill(original);
    await expect.poll(() => box.getAttribute('data-failing')).toBe('0');
    await options.getByTestId('editor-tests-summary').filter({ hasText: 'passes' }).waitFor();

    // The Tests tab lists it, passing against the saved rules.
    await options.getByTestId('tab-tests').click();
    await options.getByTestId('tests-summary').filter({ hasText: '1 of 1 saved test passes' }).waitFor();
    expect(await options.getByTestId('test-verdict').getAttribute('data-pass')).toBe('true');

    // The export carries the saved test (secrets by name only).
    await options.getByTestId('tab-transfer').click();
    await options.getByTestId('export').click();
    const exported = JSON.parse(await options.getByTestId('export-json').inputValue());
    expect(exported.settings.tests).toHaveLength(1);
    expect(exported.settings.tests[0]).toMatchObject({ id: test?.id, name: test?.name });
    expect(exported.settings.tests[0].event.message.text).toBe('where is my parcel');
    expect(JSON.stringify(exported)).not.toContain(SECRET);
    await options.close();
  }, 240_000);
});
