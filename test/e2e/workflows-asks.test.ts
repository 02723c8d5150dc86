// Issue 17, the agent in the loop, in real Chromium: several CRM records match and the agent picks one
// in the popup's "Needs you" list; a wrap-up form answered in its window reaches the CRM, and one left
// unanswered times out (chrome.alarms) to its defaults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../src/rules/schema';
import { type ContactsApi, startContactsApi } from '../harness/servers/contacts-api';
import type { Listening } from '../harness/servers/http';
import { crmSettings, findOrCreateRule, roxClose, roxMessage } from './fixtures';
import { configure, type Env, emit, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
let api: ContactsApi;
let server: Listening;

beforeAll(async () => {
  env = await startEnv();
  ({ api, server } = await startContactsApi());
});

afterAll(async () => {
  await env?.close();
  await server?.close();
});

beforeEach(() => api.reset());

async function closedChat(visitor: string, chatId: number, text: string) {
  const { page, frame } = await openCrm(env);
  await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
  await emit(frame, 'newMessageAdded', roxMessage(text, chatId, { visitorId: visitor }));
  await emit(frame, 'chatClosedByOperator', roxClose(chatId, visitor));
  return page;
}

const wrapup = (present: 'window' | 'notification'): RuleInput['then'] => [
  {
    kind: 'ask-agent',
    id: 'wrap',
    title: 'Wrap up chat {{ conversation.id }}',
    present,
    answerTimeoutMs: 10_000,
    form: [
      {
        name: 'disposition',
        label: 'Disposition',
        type: 'select',
        options: ['sale', 'no sale'],
        default: 'no sale',
      },
      { name: 'summary', label: 'Summary', type: 'text', default: 'Chat {{ conversation.id }}' },
    ],
  },
];
const noteFields = { disposition: '{{ wrapup.disposition }}', summary: '{{ wrapup.summary }}' };

describe('workflows: the agent decides', () => {
  it('(c) two matching contacts: the agent picks one in the popup and the note lands on it', async () => {
    api.reset([
      { id: 'K-1', visitor: 'visitor-c', name: 'Kim One', email: 'kim1@example.com' },
      { id: 'K-2', visitor: 'visitor-c', name: 'Kim Two', email: 'kim2@example.com' },
    ]);
    await configure(env, crmSettings(env.servers, [findOrCreateRule(server.origin, { onMany: 'ask' })]));
    const page = await closedChat('visitor-c', 801, 'which Kim am I?');
    const popup = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=0`);
    const second = popup.getByTestId('ask-candidate').filter({ hasText: 'Kim Two (kim2@example.com)' });
    await second.waitFor({ timeout: 20_000 });
    expect(await popup.getByTestId('ask-candidate').count()).toBe(2);
    expect(api.notes).toHaveLength(0);
    await second.click();
    const note = await waitFor(() => api.notes[0], 'the note after the pick');
    expect(note.contactId).toBe('K-2');
    expect(note.text).toContain('which Kim am I?');
    expect(api.contacts).toHaveLength(2); // nothing created
    await popup.close();
    await page.close();
  });

  it('(e) a wrap-up form answered in its window reaches the CRM', async () => {
    await configure(
      env,
      crmSettings(env.servers, [findOrCreateRule(server.origin, { before: wrapup('window'), noteFields })]),
    );
    const page = await closedChat('visitor-e', 901, 'I will buy it');
    const form = await waitFor(
      () => env.browser.ctx.pages().find((p) => p.url().includes('/ask.html')),
      'the wrap-up window',
      20_000,
    );
    await form.getByLabel('Disposition').waitFor();
    expect(await form.getByLabel('Summary').inputValue()).toBe('Chat 901');
    await form.getByLabel('Disposition').selectOption('sale');
    await form.getByLabel('Summary').fill('Bought the annual plan');
    await form.getByTestId('ask-submit').click();
    const note = await waitFor(() => api.notes[0], 'the note with the wrap-up');
    expect(note).toMatchObject({ disposition: 'sale', summary: 'Bought the annual plan' });
    expect(note.contactId).toBe(api.contacts[0]?.id);
    await page.close();
  });

  it('(e) a wrap-up left unanswered times out to its defaults', async () => {
    await configure(
      env,
      crmSettings(env.servers, [
        findOrCreateRule(server.origin, { before: wrapup('notification'), noteFields }),
      ]),
    );
    const page = await closedChat('visitor-f', 902, 'just looking');
    await waitFor(() => api.contacts.length === 1 || undefined, 'the contact created');
    expect(api.notes).toHaveLength(0);
    const note = await waitFor(() => api.notes[0], 'the note after the timeout', 40_000);
    expect(note).toMatchObject({ disposition: 'no sale', summary: 'Chat 902' });
    await page.close();
  });
});
