// Issue 16: the cross-tab dedupe survives the worker sleeping. The same Kommo event is sent from one tab,
// the worker is stopped (as it is after 30 s idle), then the same event arrives from a second tab of the
// same site: it is journaled once plus one duplicate of that entry, and the CRM API receives one request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { stopServiceWorker } from '../harness/browser';
import { shopSite } from './fixtures';
import { configure, type Env, journal, startEnv, waitFor } from './setup';
import { websiteDriver } from './website';

let env: Env;

beforeAll(async () => {
  env = await startEnv();
  await configure(env, {
    sites: [shopSite(env.servers.workspace.origin, { platforms: { kommo: {} } })],
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

describe('durable cross-tab dedupe (issue 16)', () => {
  it('the same event from two tabs with a worker stop between them: one entry, one duplicate, one request', async () => {
    const tag = `${Date.now() % 1e7}`;
    const text = `durable dedupe ${tag}`;
    const chat = [
      {
        name: `chat-${tag}`,
        is_closed: false,
        last_message: { created_at: Date.now(), is_out: true, text, type: 'text' },
      },
    ];
    const received = () => env.servers.api.notes.filter((n) => n.text === text);

    const first = await openSite({ user: `first-${tag}` });
    await fire(first, 'onConversationsChange', chat);
    const [original] = (await eventsOf(`first-${tag}`, 2)).filter((e) => e.type === 'message.created');
    await waitFor(() => received().length === 1 || undefined, 'the first note');

    // The worker stops: the next one starts with empty memory and must still know the event.
    const w = await env.browser.worker();
    await w.evaluate(() => Object.assign(globalThis, { crmbMark: true }) && true);
    await stopServiceWorker(env.browser);

    const second = await openSite({ user: `second-${tag}` });
    await fire(second, 'onConversationsChange', chat);
    const dup = await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry =>
          x.kind === 'event' && x.type === 'message.created' && x.event.page.url.includes(`second-${tag}`),
      );
      return e;
    }, 'the second tab’s entry');
    expect(await (await env.browser.worker()).evaluate(() => 'crmbMark' in globalThis)).toBe(false);
    expect(dup.state).toBe('duplicate');
    expect(dup.eventId).toBe(original?.eventId);
    expect(dup.duplicateOf).toMatchObject({ seq: original?.seq, eventId: original?.eventId });

    const entries = (await journal(env)).filter(
      (x): x is EventEntry => x.kind === 'event' && x.eventId === original?.eventId,
    );
    expect(entries.map((e) => e.state).sort()).toEqual(['duplicate', original?.state].sort());
    // A second request would have been sent by now (the duplicate entry is written before any action).
    await new Promise((r) => setTimeout(r, 1000));
    expect(received()).toHaveLength(1);
    for (const p of [first, second]) await p.close();
  });
});
