// Issue 16 (d): the options page's Deliveries view in real Chromium, checked at the CRM API. The CRM
// refuses notes (400) to create failures; then one is discarded, one edited and resent, and "Retry all
// failed" sends the rest. What the CRM received (bodies, Idempotency-Key, count) is the verdict.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import type { DeliveryView } from '../../src/outbox/manage';
import { BEARER_CRM, crmSettings, noteRule, roxMessage } from './fixtures';
import {
  configure,
  type Env,
  emit,
  journal,
  openCrm,
  send,
  startEnv,
  waitFor,
  workspaceDetected,
} from './setup';

const SECRET = 'DELIVERIES-SECRET-42';
let env: Env;

const message = (text: string, chatId: number) =>
  roxMessage(text, chatId, { visitorId: 'v1', providedVisitorId: null, sessionId: 's1', siebelId: null });
const posts = () => env.servers.api.received.filter((r) => r.method === 'POST' && r.path === '/api/notes');
const postsOf = (text: string) =>
  posts().filter((p) => (p.body as { text?: string })?.text?.startsWith(text));
const list = async () =>
  (await send<{ items: DeliveryView[] }>(env.browser, { type: 'deliveries.list' })).items;
const idOf = (items: DeliveryView[], text: string) =>
  items.find((i) => i.body?.some((s) => typeof s === 'string' && s.includes(`"text":"${text}"`)))?.id ?? '';

beforeAll(async () => {
  env = await startEnv();
  await send(env.browser, { type: 'secrets.set', name: 'crm', value: SECRET });
  await configure(
    env,
    crmSettings(env.servers, [
      noteRule(env.servers.crm.origin, {
        name: 'Message → CRM note',
        headers: BEARER_CRM,
        // A secret in the body too: an edit keeps it as a reference, filled in again when sent.
        body: { text: '{{ message.text }}', chat: '{{ conversation.id }}', token: '{{ secrets.crm }}' },
      }),
    ]),
  );
});

afterAll(async () => {
  await env?.close();
});

describe('Deliveries view (issue 16 d)', () => {
  it('discard selected, edit and resend, retry all failed: the CRM receives exactly what was chosen', async () => {
    env.servers.api.inject({ status: 400, times: 1000, path: '/api/notes' });
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    for (const [i, text] of ['first note', 'second note', 'third note'].entries())
      await emit(frame, 'newMessageAdded', message(text, 200 + i));
    await waitFor(
      async () => ((await list()).filter((i) => i.status === 'failed').length === 3 ? true : undefined),
      'three failed deliveries',
      20_000,
    );
    const items = await list();
    const [first, second, third] = ['first note', 'second note', 'third note'].map((t) => idOf(items, t));
    expect(new Set([first, second, third]).size).toBe(3);
    expect(posts()).toHaveLength(3);

    const options = await env.browser.ctx.newPage();
    await options.goto(`chrome-extension://${env.browser.extensionId}/options.html#deliveries`);
    const item = (id: string | undefined) => options.locator(`[data-testid="delivery"][data-id="${id}"]`);
    await expect.poll(() => options.getByTestId('delivery').count(), { timeout: 15_000 }).toBe(3);
    expect(await item(first).getByTestId('delivery-status').textContent()).toBe('failed');
    expect(await item(first).getByTestId('excerpt').textContent()).toContain('injected fault');
    // The Authorization header is shown by name only; no secret value reaches the page.
    expect(await item(first).textContent()).toContain('holds a secret, filled in when the request is sent');
    expect(await options.content()).not.toContain(SECRET);
    // Filters: no item is queued; all three are failed.
    await options.getByTestId('filter-status').selectOption('queued');
    await options.getByText('No delivery matches these filters.').waitFor();
    await options.getByTestId('filter-status').selectOption('failed');
    await expect.poll(() => options.getByTestId('delivery').count(), { timeout: 15_000 }).toBe(3);

    // Discard selected: the second note, by its labelled checkbox.
    await item(second)
      .getByRole('checkbox', { name: /Select the delivery of rule Message → CRM note/ })
      .check();
    await options.getByTestId('discard-selected').click();
    await options.getByTestId('discard-selected-confirm').click();
    await expect.poll(() => item(second).count(), { timeout: 15_000 }).toBe(0);
    const outcome = async (id: string | undefined) =>
      (await journal(env))
        .flatMap((e) => (e.kind === 'event' ? (e as EventEntry).actions : []))
        .find((a) => a.outboxId === id)?.status;
    await expect.poll(() => outcome(second), { timeout: 15_000 }).toBe('discarded');

    // Edit and resend the third note once the CRM accepts again; the others stay failed (not retried).
    env.servers.api.clearFaults();
    await item(third).getByTestId('edit').click();
    const box = item(third).getByRole('textbox', { name: /Request body, part 1 of 2/ });
    const text = await box.inputValue();
    expect(text).toContain('"text":"third note"');
    await box.fill(text.replace('"text":"third note"', '"text":"third note, edited"'));
    await item(third).getByTestId('resend').click();
    await waitFor(() => (postsOf('third note, edited').length === 1 ? true : undefined), 'the edited note');
    const edited = postsOf('third note, edited')[0];
    expect(edited?.body).toEqual({ text: 'third note, edited', chat: '202', token: SECRET });
    expect(edited?.headers['idempotency-key']).toBe(third);
    expect(edited?.headers.authorization).toBe(`Bearer ${SECRET}`);
    await expect.poll(() => item(third).count(), { timeout: 15_000 }).toBe(0);
    expect(postsOf('first note')).toHaveLength(1);

    // Retry all failed: the first note goes, with its original key and body.
    await options.getByTestId('retry-all').click();
    await waitFor(() => (postsOf('first note').length === 2 ? true : undefined), 'the retried note');
    expect(postsOf('first note')[1]?.headers['idempotency-key']).toBe(first);
    expect(postsOf('first note')[1]?.body).toEqual({ text: 'first note', chat: '200', token: SECRET });
    await options.getByText('Nothing is waiting: every request was delivered.').waitFor();
    await expect.poll(() => outcome(first), { timeout: 15_000 }).toBe('ok');

    // At the CRM: 3 refused + 1 resent + 1 retried; the discarded note was never stored.
    expect(posts()).toHaveLength(5);
    expect(env.servers.api.notes.map((n) => n.text).sort()).toEqual(['first note', 'third note, edited']);
    expect(postsOf('second note')).toHaveLength(1);
    await options.close();
    await page.close();
  });

  it('the popup links to the Deliveries view from a failed action', async () => {
    env.servers.api.inject({ status: 400, times: 1000, path: '/api/notes' });
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', message('linked note', 300));
    const popup: Page = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html`);
    const row = popup.getByTestId('row').filter({ hasText: 'linked note' });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    await row.click();
    const opened = env.browser.ctx.waitForEvent('page');
    await popup.getByTestId('open-deliveries').click();
    const options = await opened;
    await options.waitForURL(/options\.html#deliveries$/);
    await options.getByTestId('delivery').first().waitFor();
    expect(await options.getByTestId('delivery-status').first().textContent()).toBe('failed');
    env.servers.api.clearFaults();
    await options.close();
    await popup.close();
    await page.close();
  });
});
