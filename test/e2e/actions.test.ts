import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { crmSite, roxMessage } from './fixtures';
import { configure, type Env, emit, journal, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;

const selected = (crmId: string, chatId: number) => ({
  roxchatVisitorId: `v-${chatId}`,
  providedVisitorId: null,
  chatId,
  sessionId: `s-${chatId}`,
  taskId: null,
  siebelId: crmId,
});

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  await configure(env, {
    sites: [crmSite(env.servers)],
    rules: [
      {
        id: 'pop',
        name: 'Screen pop, reusing the contact tab',
        when: { events: ['conversation.selected'] },
        then: [
          {
            kind: 'open-url',
            url: `${crm}/contacts/{{ contact.crmId }}`,
            target: 'reuse',
            reusePattern: `${crm}/contacts/*`,
          },
        ],
      },
      {
        id: 'fill',
        name: 'Message → fill the React quick-contact form and save',
        when: {
          events: ['message.created'],
          where: [{ op: 'starts_with', path: 'message.text', value: 'fill:' }],
        },
        then: [
          {
            kind: 'fill',
            fields: {
              '#react-phone': '{{ data.params.messageText | remove_first: "fill:" }}',
              '#react-name': '{{ contact.crmId }}',
            },
          },
          { kind: 'click', selector: '#react-save' },
        ],
      },
      {
        id: 'missing',
        name: 'Fill a selector that does not exist',
        when: {
          events: ['message.created'],
          where: [{ op: 'equals', path: 'message.text', value: 'nowhere' }],
        },
        then: [{ kind: 'fill', fields: { '#does-not-exist': 'x' } }],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('page actions', () => {
  it('screen pop reuses an already open CRM contact tab instead of opening a new one', async () => {
    const crm = env.servers.crm.origin;
    const existing = await env.browser.ctx.newPage();
    await existing.goto(`${crm}/contacts/OLD`);
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', crm);
    await emit(frame, 'visitorSelected', selected('4-NEW 1', 1));
    await waitFor(
      () => existing.url().endsWith('/contacts/4-NEW%201') || undefined,
      'existing tab navigated',
    );
    await emit(frame, 'visitorSelected', selected('4-NEWER', 2));
    await waitFor(
      () => existing.url().endsWith('/contacts/4-NEWER') || undefined,
      'existing tab navigated again',
    );
    const contactTabs = env.browser.ctx.pages().filter((p) => p.url().startsWith(`${crm}/contacts/`));
    expect(contactTabs).toHaveLength(1);
    await existing.close();
    await page.close();
  });

  it('fill updates a React-controlled input, and click submits it', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await page.waitForSelector('#react-phone');
    await emit(frame, 'newMessageAdded', roxMessage('fill:+1 555 0100', 7, { siebelId: '4-ABC' }));
    const saved = await waitFor(
      () => page.evaluate(() => document.body.getAttribute('data-saved') ?? undefined),
      'React form saved',
    );
    // The click handler read React state: the fill reached React, not just the DOM.
    expect(saved).toBe('4-ABC|+1 555 0100');
    expect(await page.textContent('#react-state')).toContain('"phone":"+1 555 0100"');
    await page.close();
  });

  it('a missing selector is reported clearly', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', roxMessage('nowhere', 8));
    const action = await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry => x.kind === 'event' && x.event.message?.text === 'nowhere',
      );
      return e?.actions[0];
    }, 'fill outcome');
    expect(action.status).toBe('failed');
    expect(action.error).toMatch(/selector not found: #does-not-exist/);
    await page.close();
  });
});
