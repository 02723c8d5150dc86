// Issue 14 item 3: dedupe and the Idempotency-Key are bound to the source (platform, trusted origin,
// site). A page on another site configured for Kommo forges the widget's callback with a real chat and
// message before the genuine widget sends it: the genuine event is still journaled and reaches the CRM
// API, under an Idempotency-Key the forged one did not produce. A true repeat (the same chat open in a
// second tab of the same site) is still deduplicated, and journaled as a duplicate of the first entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { shopSite } from './fixtures';
import { configure, type Env, journal, startEnv, waitFor } from './setup';
import { websiteDriver } from './website';

let env: Env;
let site: string;
let hostile: string;

beforeAll(async () => {
  env = await startEnv();
  site = env.servers.workspace.origin;
  hostile = env.servers.untrusted.origin;
  await configure(env, {
    sites: [
      shopSite(site, { platforms: { kommo: {} } }),
      // Another site with the Kommo widget: its page can call the widget's callbacks itself.
      shopSite(hostile, { id: 'elsewhere', platforms: { kommo: {} } }),
    ],
    rules: [
      {
        id: 'k-note',
        name: 'Kommo message → note',
        when: { events: ['message.created'], platforms: ['kommo'] },
        then: [
          {
            kind: 'http',
            method: 'POST',
            url: `${env.servers.crm.origin}/api/notes`,
            body: { type: 'json', value: { text: '{{ message.text }}', user: '{{ contact.externalId }}' } },
          },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

const { openSite, fire, eventsOf } = websiteDriver(() => env, 'kommo', 'user');

describe('dedupe and Idempotency-Key bound to the source', () => {
  it('a forged event with a real chat and message id, sent first from another site, does not pre-empt the genuine one', async () => {
    const tag = `${Date.now() % 1e7}`;
    const chat = [
      {
        name: `chat-${tag}`,
        is_closed: false,
        last_message: { created_at: Date.now(), is_out: true, text: `real message ${tag}`, type: 'text' },
      },
    ];
    const forger = await openSite({ user: `forged-${tag}` }, hostile);
    await fire(forger, 'onConversationsChange', chat);
    const [forged] = (await eventsOf(`forged-${tag}`, 2)).filter((e) => e.type === 'message.created');
    const notes = (user: string) => env.servers.api.notes.filter((n) => n.user === user);
    await waitFor(() => notes(`forged-${tag}`).length === 1 || undefined, 'the forged note');

    const genuine = await openSite({ user: `real-${tag}` });
    await fire(genuine, 'onConversationsChange', chat);
    const [real] = (await eventsOf(`real-${tag}`, 2)).filter((e) => e.type === 'message.created');
    // The same fingerprint (same chat, same message), yet journaled and acted on: it is not the forged one's source.
    expect(real?.eventId).toBe(forged?.eventId);
    expect(real?.state).not.toBe('duplicate');
    const [note] = await waitFor(
      () => notes(`real-${tag}`).length === 1 && notes(`real-${tag}`),
      'the real note',
    );
    const forgedKeys = env.servers.api.received
      .filter((r) => JSON.stringify(r.body ?? '').includes(`forged-${tag}`))
      .map((r) => r.headers['idempotency-key']);
    expect(forgedKeys.length).toBeGreaterThan(0);
    expect(note?.idempotencyKey).toMatch(/^crmb-/);
    expect(forgedKeys).not.toContain(note?.idempotencyKey);

    // The same chat in a second tab of the genuine site is the same source: a duplicate, journaled as such.
    const again = await openSite({ user: `again-${tag}` });
    await fire(again, 'onConversationsChange', chat);
    const dup = await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry =>
          x.kind === 'event' && x.type === 'message.created' && x.event.page.url.includes(`again-${tag}`),
      );
      return e;
    }, 'the duplicate entry');
    expect(dup.state).toBe('duplicate');
    expect(dup.duplicateOf).toMatchObject({ seq: real?.seq, eventId: real?.eventId, tabId: real?.tabId });
    // The widget re-sending the same snapshot from that tab is counted on the one entry, not journaled anew.
    await fire(again, 'onConversationsChange', chat);
    await fire(again, 'onConversationsChange', chat);
    const againOf = async () =>
      (await journal(env)).filter(
        (x): x is EventEntry =>
          x.kind === 'event' && x.type === 'message.created' && x.event.page.url.includes(`again-${tag}`),
      );
    await waitFor(async () => (await againOf())[0]?.duplicateOf?.count === 3 || undefined, 'counted 3 times');
    expect(await againOf()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500)); // a second note would have arrived by now
    expect(notes(`again-${tag}`)).toEqual([]);

    // The inspector says so in plain words.
    const popup = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html`);
    const row = popup.locator(`[data-testid=row][data-seq="${dup.seq}"]`);
    expect(await row.getAttribute('data-state')).toBe('duplicate');
    await row.click();
    const said = await popup.getByTestId('duplicate-of').textContent();
    expect(said).toContain(`already captured as entry #${real?.seq}`);
    expect(said).toContain('received 3 times');
    for (const p of [forger, genuine, again, popup]) await p.close();
  });
});
