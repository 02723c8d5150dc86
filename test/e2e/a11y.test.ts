// Accessibility in real Chromium: axe-core (@axe-core/playwright) on every options tab, the rule editor,
// and the popup's list, detail and unconfigured states, each in light and dark and at 360 px wide:
// 0 violations. Also checks what axe cannot: nothing is cut off horizontally at 360 px.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings';
import type { JournalEntry } from '../../src/journal/types';
import { EXTENSION_ID } from '../harness/browser';
import { REPO_ROOT } from '../harness/servers/http';
import { BEARER_CRM, noteRule as bodyNoteRule } from './fixtures';
import { message, noteRule, SECRET, settings } from './popup-driver';
import { configure, type Env, emit, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
let crmTab = 0;
let otherTab = 0;

const ARTIFACTS = join(REPO_ROOT, 'artifacts/a11y');
const SCHEMES = ['light', 'dark'] as const;
/** Four axe runs per screen take long on a loaded machine: a generous bound (not a timing assertion). */
const SLOW = 240_000;
const WIDTHS = [800, 360] as const;

async function tabIdOf(urlPrefix: string): Promise<number> {
  const page = await env.browser.extPage();
  return page.evaluate(async (prefix) => {
    const c = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const tabs = await c.tabs.query({});
    return Math.max(...tabs.filter((t) => t.url?.startsWith(prefix)).map((t) => t.id ?? 0));
  }, urlPrefix);
}

/** axe violations of `page` as "rule-id: target" lines (empty when clean). */
async function violations(page: Page, what: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.flatMap((v) =>
    v.nodes.map((n) => `${what}: ${v.id} ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`),
  );
}

/** Elements wider than the viewport or sticking out of it on the right (cut off at narrow widths). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > w)
      out.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${w})`);
    for (const el of document.querySelectorAll<HTMLElement>('button, select, input, a, [role=option] > *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || !el.checkVisibility() || el.closest('[inert]')) continue;
      if (r.right > w + 1)
        out.push(
          `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ends at ${Math.round(r.right)} > ${w}`,
        );
    }
    return out;
  });

/** Runs axe on `page` in light and dark at every width; `ready` re-establishes the state after a resize. */
async function audit(page: Page, what: string, ready: (p: Page) => Promise<void>): Promise<string[]> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 600 });
    await ready(page);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      found.push(...(await violations(page, `${what} ${scheme} ${width}px`)));
    }
    if (width === 360) {
      found.push(...(await overflow(page)).map((o) => `${what} 360px: ${o}`));
      // To look at: the 360 px layouts (artifacts/a11y/).
      await page.screenshot({ path: join(ARTIFACTS, `${what.replace(/\W+/g, '-')}-360-dark.png`) });
    }
  }
  return found;
}

async function openOptions(hash: string): Promise<Page> {
  const p = await env.browser.ctx.newPage();
  await p.goto(`chrome-extension://${EXTENSION_ID}/options.html#${hash}`);
  await p.getByRole('heading', { name: 'CRM Bridge settings' }).waitFor();
  return p;
}

async function openPopup(tab: number): Promise<Page> {
  const p = await env.browser.ctx.newPage();
  await p.setViewportSize({ width: 800, height: 600 });
  await p.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tab}`);
  await p.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
  return p;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  env = await startEnv();
  await send(env.browser, { type: 'secrets.set', name: 'crm', value: SECRET });
  await configure(env, settings(env, [noteRule(env.servers.crm.origin)]));
  const crm = await openCrm(env);
  await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
  crmTab = await tabIdOf(`${env.servers.crm.origin}/?embed=`);
  await emit(crm.frame, 'newMessageAdded', message('Where is my order?'));
  await waitFor(() => env.servers.api.notes.length > 0 || undefined, 'note delivered');
  const other = await env.browser.ctx.newPage();
  await other.goto(`${env.servers.untrusted.origin}/`);
  otherTab = await tabIdOf(env.servers.untrusted.origin);
});

afterAll(async () => {
  await env?.close();
});

describe('accessibility (axe-core, light and dark, 800 and 360 px)', () => {
  it.each(['sites', 'rules', 'tests', 'secrets', 'general', 'transfer', 'policy'])(
    'options tab %s',
    async (tab) => {
      const page = await openOptions(tab);
      expect(await audit(page, `options #${tab}`, async () => {})).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'the rule editor',
    async () => {
      const page = await openOptions('rules');
      await page.getByTestId('new-rule').click();
      await page.getByTestId('rule-name').waitFor();
      expect(await audit(page, 'rule editor', async () => {})).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'the popup list and detail on a configured page',
    async () => {
      const page = await openPopup(crmTab);
      const row = page.getByTestId('row').filter({ hasText: 'Where is my order?' });
      await row.waitFor();
      const found = await audit(page, 'popup list', async () => {});
      await row.click();
      await page.getByTestId('back').waitFor();
      found.push(...(await audit(page, 'popup detail', async () => {})));
      expect(found).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'the popup on an unconfigured page',
    async () => {
      const page = await openPopup(otherTab);
      await page.getByTestId('configured').filter({ hasText: 'not configured' }).waitFor();
      expect(await audit(page, 'popup unconfigured', async () => {})).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  // Last: it changes the rule. A saved test failing with the stored rules (Tests tab) and in the editor.
  it(
    'a failing saved test on the Tests tab and in the rule editor',
    async () => {
      const { entries } = await send<{ entries: JournalEntry[] }>(env.browser, {
        type: 'journal.recent',
        limit: 50,
      });
      const seq = entries.find((e) => e.kind === 'event')?.seq;
      expect(await send(env.browser, { type: 'tests.save', seq })).toMatchObject({ ok: true });
      const { tests } = (await send<{ settings: Settings }>(env.browser, { type: 'settings.get' })).settings;
      const origin = env.servers.crm.origin;
      const v2 = bodyNoteRule(origin, { method: 'POST', headers: BEARER_CRM, body: { text: 'v2' } });
      await configure(env, { ...settings(env, [v2]), tests });
      const page = await openOptions('tests');
      await page.getByTestId('test-changes').waitFor();
      const found = await audit(page, 'options #tests failing', async () => {});
      await page.getByTestId('tab-rules').click();
      await page.getByTestId('edit-note').click();
      await page.getByTestId('editor-tests').getByTestId('test-changes').waitFor();
      found.push(...(await audit(page, 'rule editor failing test', async () => {})));
      expect(found).toEqual([]);
      await page.close();
    },
    SLOW,
  );
});
