// Replay with a diff (issue 20, first "done when"): a rule is edited so one action's body changes;
// replaying the last 20 events shows exactly those 20 changes, and "Send the changes" delivers 20
// requests while the unchanged actions are not resent (checked at the CRM API by Idempotency-Key).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { crmSite, roxMessage, twoNotesEnv, twoNotesRule } from './fixtures';
import { crmTabId } from './popup-driver';
import { configure, type Env, emit, journal, openCrm, waitFor, workspaceDetected } from './setup';

const SECRET = 'REPLAY-SECRET-42';
let env: Env;

beforeAll(async () => {
  env = await twoNotesEnv(SECRET);
});

afterAll(async () => {
  await env?.close();
});

const notePosts = () =>
  env.servers.api.received.filter((r) => r.method === 'POST' && r.path === '/api/notes');

describe('replay with a diff', () => {
  it('an edited body shows 20 changes; sending them delivers 20 requests, unchanged ones are not resent', async () => {
    const { frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    for (let i = 1; i <= 20; i++) await emit(frame, 'newMessageAdded', roxMessage(`hello ${i}`, 100 + i));
    await waitFor(() => notePosts().length === 40 || undefined, '40 notes delivered', 60_000);
    await waitFor(
      async () => {
        const events = (await journal(env)).filter((e): e is EventEntry => e.kind === 'event');
        return events.length === 20 && events.every((e) => e.actions.every((a) => a.status === 'ok'));
      },
      'journal shows every action delivered',
      30_000,
    );
    const originalKeys = notePosts().map((r) => r.headers['idempotency-key']);
    expect(new Set(originalKeys).size).toBe(40);

    // The first action's body changes; the audit action does not.
    await configure(env, {
      sites: [crmSite(env.servers)],
      rules: [twoNotesRule(env.servers.crm.origin, 'v2: {{ message.text }}')],
    });

    const tab = await crmTabId(env);
    const popup = await env.browser.ctx.newPage();
    await popup.setViewportSize({ width: 680, height: 580 });
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tab}`);
    await popup.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
    await popup.getByTestId('replay-open').click();
    await popup.getByRole('radio', { name: 'The 20 events shown' }).check();
    await popup.getByTestId('replay-run').click();
    await popup.getByTestId('replay-totals').waitFor();

    // Exactly the 20 changed bodies, nothing added or removed; the secret only by name.
    const changes = popup.getByTestId('replay-change');
    expect(await changes.count()).toBe(20);
    expect(await popup.locator('[data-testid=replay-change][data-change=changed]').count()).toBe(20);
    await expect
      .poll(() => popup.getByTestId('replay-totals').innerText())
      .toContain('20 events: 20 changed, 0 added, 0 removed, 20 unchanged');
    const first = await changes.first().innerText();
    expect(first).toContain('"text": "hello 1"');
    expect(first).toContain('"text": "v2: hello 1"');
    const body = await popup.getByTestId('replay').innerText();
    expect(body).toContain('Bearer [secret:crm]');
    expect(body).not.toContain(SECRET);

    await popup.getByTestId('replay-send').filter({ hasText: 'Send the changes (20)' }).click();
    await popup.getByTestId('replay-note').filter({ hasText: '20 requests queued' }).waitFor();
    await waitFor(() => notePosts().length >= 60 || undefined, '20 more notes', 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const all = notePosts();
    expect(all).toHaveLength(60);
    const replayed = all.slice(40);
    expect(replayed.map((r) => (r.body as { text?: string }).text).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `v2: hello ${i + 1}`).sort(),
    );
    // New keys for the changed requests; every original key (the audit notes included) seen once.
    const keys = all.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(60);
    for (const r of replayed) expect(originalKeys).not.toContain(r.headers['idempotency-key']);
    expect(replayed.every((r) => r.headers.authorization === `Bearer ${SECRET}`)).toBe(true);

    // Replaying again: the sent changes are now what ran, so nothing is left to send.
    await popup.getByTestId('replay-run').click();
    await expect
      .poll(() => popup.getByTestId('replay-totals').innerText())
      .toContain('20 events: 0 changed, 0 added, 0 removed, 40 unchanged');
    expect(await popup.getByTestId('replay-send').count()).toBe(0);
    await popup.close();
  }, 240_000);
});
