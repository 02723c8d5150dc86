// The rule editor with a workflow preset in real Chromium (issue 17): the steps with their ids, kinds,
// conditions and rendered requests over the sample, a skipped step's why. (Save-unchanged is checked
// by the table-driven unit test over every preset, test/unit/options/presets.test.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPreset } from '../../src/presets';
import { EXTENSION_ID } from '../harness/browser';
import { type Env, startEnv } from './setup';

let env: Env;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  env = await startEnv();
  page = await env.browser.ctx.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#rules`);
  await page.getByRole('heading', { name: 'CRM Bridge settings' }).waitFor();
});

afterAll(async () => {
  await env?.close();
});

describe('rule editor: workflow steps', () => {
  it('a preset workflow shows its steps, their conditions and rendered requests, and why one skips', async () => {
    const preset = getPreset('hubspot-flow');
    if (!preset) throw new Error('preset');
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('open-presets').click();
    await page.getByTestId(`preset-${preset.id}`).click();
    await page.getByTestId('rule-editor').waitFor();

    // Each step: its id badge, its step fields (id, condition, remember, onMany) and its preview.
    for (const [i, id] of ['find', 'create', 'link', 'log'].entries()) {
      expect(await page.getByTestId(`then.${i}-step-badge`).textContent()).toContain(id);
      expect(await page.getByTestId(`then.${i}-step-id`).inputValue()).toBe(id);
      await page.getByTestId(`action-${i}`).getByTestId(`step-preview-${i}`).waitFor();
    }
    expect(await page.getByTestId('then.0-step-onMany').inputValue()).toBe('ask');
    expect(await page.getByTestId('then.0-remember-contact').inputValue()).toContain('steps.find.body');
    expect(await page.getByTestId('then.0.if-cond-1-path').inputValue()).toBe('links.contact');

    // Over a non-closing sample the find request renders; at the close (returning visitor) the note does.
    // A sample on which the find step runs (a workspace event naming the visitor's email or phone).
    const find = page.getByTestId('action-0').getByTestId('step-preview-0');
    const keys = await page
      .getByTestId('sample-select')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await page.getByTestId('test-rule').click();
    const ready = async () =>
      (await find.getAttribute('data-state')) === 'runs' &&
      (await page.getByTestId('test-matched').count()) > 0;
    for (const key of keys) {
      if (await ready()) break;
      await page.getByTestId('sample-select').selectOption(key);
    }
    expect(await find.getAttribute('data-state')).toBe('runs');
    expect(await find.textContent()).toContain('POST https://api.hubapi.com/crm/v3/objects/contacts/search');
    expect(await page.getByTestId('action-1').getByTestId('step-preview-1').getAttribute('data-state')).toBe(
      'skipped',
    );
    expect(await page.getByTestId('action-1').getByTestId('step-why-1').textContent()).toContain(
      'steps.find.count equals 0',
    );

    await page.getByTestId('step-list').waitFor();
    expect(await page.getByTestId('step-list').textContent()).toContain('contacts/search');

    await page.getByTestId('preview-returning').check();
    // The find step is now skipped (a record is linked): its why names the link.
    await expect
      .poll(() => page.getByTestId('action-0').getByTestId('step-preview-0').getAttribute('data-state'))
      .toBe('skipped');

    expect(problems).toEqual([]);
  });
});
