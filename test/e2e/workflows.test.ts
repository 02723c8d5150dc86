// Issue 17 workflows in real Chromium, checked at the contacts CRM: find or create the contact, one
// note with the whole transcript at close, the remembered link on the next conversation, and a worker
// stopped between steps and mid-conversation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stopServiceWorker } from '../harness/browser';
import { type ContactsApi, startContactsApi } from '../harness/servers/contacts-api';
import type { Listening } from '../harness/servers/http';
import { crmSettings, findOrCreateRule, roxClose, roxMessage } from './fixtures';
import { configure, type Env, emit, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
let api: ContactsApi;
let server: Listening;

beforeAll(async () => {
  env = await startEnv();
  ({ api, server } = await startContactsApi());
  await configure(env, crmSettings(env.servers, [findOrCreateRule(server.origin)]));
});

afterAll(async () => {
  await env?.close();
  await server?.close();
});

beforeEach(() => api.reset());

async function chat(visitor: string, chatId: number, texts: string[]) {
  const { page, frame } = await openCrm(env);
  await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
  for (const t of texts) await emit(frame, 'newMessageAdded', roxMessage(t, chatId, { visitorId: visitor }));
  return { page, frame };
}

describe('workflows: find or create, one transcript note at close', () => {
  it('(a) unknown visitor: the contact is created and one note with the whole transcript lands on its id', async () => {
    const { page, frame } = await chat('visitor-a', 501, ['hello', 'I need help', 'thanks']);
    await emit(frame, 'chatClosedByOperator', roxClose(501, 'visitor-a', 'Ann Lee'));
    const note = await waitFor(() => api.notes[0], 'the transcript note');
    expect(api.contacts).toHaveLength(1);
    expect(api.contacts[0]).toMatchObject({ visitor: 'visitor-a', name: 'Ann Lee' });
    expect(note.contactId).toBe(api.contacts[0]?.id);
    expect(note.chat).toBe('501');
    const lines = note.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.replace(/^\[[^\]]+\] /, ''))).toEqual([
      'Visitor: hello',
      'Visitor: I need help',
      'Visitor: thanks',
    ]);
    expect(api.searches()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.notes).toHaveLength(1);
    await page.close();
  });

  it('(b) the same visitor again: the remembered link is used, no search request', async () => {
    const first = await chat('visitor-b', 601, ['first chat']);
    await emit(first.frame, 'chatClosedByOperator', roxClose(601, 'visitor-b'));
    await waitFor(() => api.notes[0], 'first note');
    await first.page.close();
    const contactId = api.contacts[0]?.id;
    api.received.length = 0;

    const second = await chat('visitor-b', 602, ['second chat']);
    await emit(second.frame, 'chatClosedByOperator', roxClose(602, 'visitor-b'));
    const note = await waitFor(() => api.notes[1], 'second note');
    expect(note.contactId).toBe(contactId);
    expect(note.text).toContain('second chat');
    expect(note.text).not.toContain('first chat');
    expect(api.searches()).toHaveLength(0);
    expect(api.contacts).toHaveLength(1);
    await second.page.close();

    // The options page lists the link (personal data) and deletes it; the next chat searches again.
    const options = await env.browser.ctx.newPage();
    await options.goto(`chrome-extension://${env.browser.extensionId}/options.html#links`);
    await options.getByTestId('links-search').fill('visitor-b');
    const row = options.getByTestId('link-row').filter({ hasText: String(contactId) });
    await row.waitFor();
    await row.getByTestId('link-delete').click();
    await options.getByTestId('links-empty').waitFor();
    const listed = await send<{ links: unknown[] }>(env.browser, { type: 'links.list', query: 'visitor-b' });
    expect(listed.links).toHaveLength(0);
    await options.close();
  });

  it('(d) worker stopped mid-conversation and between find and create: one contact, one note, full transcript', async () => {
    const { page, frame } = await chat('visitor-d', 701, ['one', 'two']);
    await stopServiceWorker(env.browser);
    for (const t of ['three', 'four'])
      await emit(frame, 'newMessageAdded', roxMessage(t, 701, { visitorId: 'visitor-d' }));
    // The find step is answered only after the worker has been stopped while waiting for it.
    api.hold('/api/v1/contacts');
    await emit(frame, 'chatClosedByOperator', roxClose(701, 'visitor-d'));
    await waitFor(() => api.searches().length > 0 || undefined, 'the find request');
    await stopServiceWorker(env.browser);
    api.release();
    // Wake the worker (an event from the workspace; the outbox alarm would too).
    await emit(frame, 'newMessageAdded', roxMessage('after close', 702, { visitorId: 'visitor-x' }));
    const note = await waitFor(() => api.notes[0], 'the transcript note', 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(api.contacts).toHaveLength(1);
    expect(api.notes).toHaveLength(1);
    expect(note.contactId).toBe(api.contacts[0]?.id);
    expect(note.text.split('\n').map((l) => l.replace(/^\[[^\]]+\] /, ''))).toEqual([
      'Visitor: one',
      'Visitor: two',
      'Visitor: three',
      'Visitor: four',
    ]);
    await page.close();
  });
});
