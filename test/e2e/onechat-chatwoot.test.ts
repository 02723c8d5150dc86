// Issue 21: OneChat as Chatwoot really runs. The demo dashboard (real @rails/actioncable client) gets
// Chatwoot's own voice-call and bot-handoff broadcasts; a call reaches a CRM rule as call.started /
// call.ended, a handoff pops the CRM, and a private-note agent-command goes through the Chatwoot API
// with the api_access_token from a secret, and its resulting broadcast reaches the dashboard; labels are
// added then removed (each command reads the list first: Chatwoot's API only replaces it).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { DEMO_API_TOKEN } from '../harness/servers/actioncable';
import { noteRule } from './fixtures';
import { configure, type Env, journal, send, startEnv, waitFor } from './setup';

let env: Env;

interface Sim {
  state: string;
  received: Array<{ event: string; data: Record<string, unknown> }>;
}
const sim = (page: Page) => page.evaluate(() => (window as unknown as { sim: Sim }).sim);
const events = async () =>
  (await journal(env)).filter((e): e is EventEntry => e.kind === 'event' && e.state !== 'duplicate');
const callNotes = () =>
  env.servers.api.received.filter((r) => r.method === 'POST' && r.path === '/api/notes');

async function openDashboard(client: string): Promise<Page> {
  const page = await env.browser.ctx.newPage();
  await page.goto(`${env.servers.workspace.origin}/onechat/dashboard.html?client=${client}`);
  await waitFor(async () => (await sim(page)).state === 'subscribed', `dashboard ${client} subscribed`);
  // The worker sees the subscription once a frame went through: wait for the cable to list it.
  await waitFor(() => env.servers.cable.subscriptions().some((s) => s.client === client), 'subscribed');
  return page;
}

/** A rule that adds or removes labels on the event's conversation through the Chatwoot API. */
const labelRule = (id: string, event: string, command: string, labels: string | string[]) => ({
  id,
  name: `${event} → ${command}`,
  when: { events: [event], platforms: ['onechat' as const] },
  then: [
    {
      kind: 'agent-command' as const,
      command,
      params: {
        accountId: '{{ data.message.data.account_id }}',
        conversationId: '{{ conversation.id }}',
        tokenSecret: 'chatwoot_token',
        labels,
      },
    },
  ],
});

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  await send(env.browser, { type: 'secrets.set', name: 'chatwoot_token', value: DEMO_API_TOKEN });
  await configure(env, {
    sites: [
      {
        id: 'onechat',
        name: 'OneChat',
        matches: [`${env.servers.workspace.origin}/*`],
        platforms: { onechat: {} },
      },
    ],
    rules: [
      noteRule(crm, {
        id: 'calls',
        name: 'OneChat call → CRM activity',
        events: ['call.started', 'call.ended'],
        platforms: ['onechat'],
        body: {
          type: '{{ type }}',
          conversation: '{{ conversation.id }}',
          direction: '{{ call.direction }}',
          caller: '{{ contact.phone }}',
          status: '{{ call.status }}',
        },
      }),
      {
        id: 'handoff',
        name: 'Bot handoff → CRM screen pop',
        when: { events: ['conversation.handoff'], platforms: ['onechat'] },
        then: [{ kind: 'open-url', url: `${crm}/contacts/handoff?conversation={{ conversation.id }}` }],
      },
      labelRule('label-add', 'conversation.assigned', 'add-labels', 'VIP, billing'),
      labelRule('label-remove', 'conversation.status_changed', 'remove-labels', ['Billing']),
      {
        id: 'note-back',
        name: 'Conversation created → CRM link as a private note',
        when: { events: ['conversation.started'], platforms: ['onechat'] },
        then: [
          {
            kind: 'agent-command',
            command: 'private-note',
            params: {
              accountId: '{{ data.message.data.account_id }}',
              conversationId: '{{ conversation.id }}',
              tokenSecret: 'chatwoot_token',
              content: `CRM: ${crm}/conversations/{{ conversation.id }}`,
            },
          },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('OneChat as Chatwoot runs it, in Chromium', () => {
  it('voice_call.incoming → voice_call.ended: call.started / call.ended with the conversation reach a CRM rule', async () => {
    env.servers.api.reset();
    const page = await openDashboard('calls');
    await env.servers.cable.broadcastFixture('voice_call_incoming');
    await env.servers.cable.broadcastFixture('voice_call_ended');
    await waitFor(() => callNotes().length === 2, 'two call notes at the CRM');
    expect(callNotes().map((r) => r.body)).toEqual([
      { type: 'call.started', conversation: '7', direction: 'inbound', caller: '+5511912345678', status: '' },
      { type: 'call.ended', conversation: '7', direction: '', caller: '', status: 'completed' },
    ]);
    const calls = (await events()).filter((e) => e.type.startsWith('call.'));
    expect(calls.map((e) => [e.type, e.event.sourceEvent, e.event.conversation?.id])).toEqual([
      ['call.ended', 'voice_call.ended', '7'],
      ['call.started', 'voice_call.incoming', '7'],
    ]);
    // The dashboard's own handlers got both frames too.
    expect((await sim(page)).received.map((m) => m.event)).toEqual([
      'voice_call.incoming',
      'voice_call.ended',
    ]);
    await page.close();
  });

  it('conversation.bot_handoff pops the CRM; control events are journaled but run nothing', async () => {
    env.servers.api.reset();
    const page = await openDashboard('handoff');
    await env.servers.cable.broadcastFixture('account_cache_invalidated');
    await env.servers.cable.broadcastFixture('conversation_bot_handoff');
    const tab = await waitFor(
      () => env.browser.ctx.pages().find((p) => p.url().includes('/contacts/handoff')),
      'screen pop tab',
    );
    expect(tab.url()).toBe(`${env.servers.crm.origin}/contacts/handoff?conversation=7`);
    const control = await waitFor(
      async () => (await events()).find((e) => e.event.sourceEvent === 'account.cache_invalidated'),
      'control event journaled',
    );
    expect(control).toMatchObject({ type: 'platform.control', matches: [], actions: [] });
    await tab.close();
    await page.close();
  });

  it('a private-note agent-command reaches the Chatwoot API with the token header, and its broadcast reaches the dashboard', async () => {
    const before = env.servers.cable.apiCalls.length;
    const page = await openDashboard('notes');
    await env.servers.cable.broadcastFixture('conversation_created', { id: 77 });
    const call = await waitFor(() => env.servers.cable.apiCalls.slice(before)[0], 'Chatwoot API call');
    expect(call).toMatchObject({
      path: '/api/v1/accounts/1/conversations/77/messages',
      token: DEMO_API_TOKEN,
      body: {
        content: `CRM: ${env.servers.crm.origin}/conversations/77`,
        message_type: 'outgoing',
        private: true,
        content_type: 'text',
      },
    });
    // The server broadcasts the note as message.created (private): the dashboard's frames show it, and
    // the extension journals it as an internal message.
    const note = await waitFor(
      async () =>
        (await sim(page)).received.find((m) => m.event === 'message.created' && m.data.private === true),
      'the note in the dashboard frames',
    );
    expect(note.data).toMatchObject({ conversation_id: 77, content: call.body.content });
    const journaled = await waitFor(
      async () =>
        (await events()).find((e) => e.type === 'message.created' && e.event.conversation?.id === '77'),
      'the note journaled',
    );
    expect(journaled.event.message).toMatchObject({ direction: 'internal', text: call.body.content });
    // The token never reaches the journal.
    expect(JSON.stringify(await journal(env))).not.toContain(DEMO_API_TOKEN);
    await page.close();
  });

  it('add-labels then remove-labels: each reads the labels first, and the demo API ends with the right list', async () => {
    const { api } = env.servers.cable;
    api.labels.set('1/78', ['support']);
    const before = api.calls.length;
    const page = await openDashboard('labels');
    await env.servers.cable.broadcastFixture('assignee_changed', { id: 78 });
    await waitFor(() => api.labelsOf(1, 78).length === 3, 'labels added at the Chatwoot API');
    expect(api.labelsOf(1, 78)).toEqual(['support', 'vip', 'billing']);
    await env.servers.cable.broadcastFixture('conversation_status_changed', { id: 78 });
    await waitFor(() => api.labelsOf(1, 78).length === 2, 'a label removed at the Chatwoot API');
    expect(api.labelsOf(1, 78)).toEqual(['support', 'vip']);
    // Two requests per command, both with the agent's token: the read, then the merged list.
    const calls = api.calls
      .slice(before)
      .filter((c) => c.path === '/api/v1/accounts/1/conversations/78/labels');
    expect(calls.map((c) => [c.method, c.token, c.body])).toEqual([
      ['GET', DEMO_API_TOKEN, {}],
      ['POST', DEMO_API_TOKEN, { labels: ['support', 'vip', 'billing'] }],
      ['GET', DEMO_API_TOKEN, {}],
      ['POST', DEMO_API_TOKEN, { labels: ['support', 'vip'] }],
    ]);
    // Each change is broadcast as conversation.updated with the labels, as Chatwoot does.
    const updates = async () =>
      (await sim(page)).received
        .filter((m) => m.event === 'conversation.updated' && m.data.id === 78)
        .map((m) => m.data.labels);
    await waitFor(async () => (await updates()).length === 2, 'both label updates in the dashboard frames');
    expect(await updates()).toEqual([
      ['support', 'vip', 'billing'],
      ['support', 'vip'],
    ]);
    await page.close();
  });
});
