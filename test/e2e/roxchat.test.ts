import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry, RejectedEntry } from '../../src/journal/types';
import { crmSite, inviteRule, noteRule } from './fixtures';
import {
  configure,
  type Env,
  emit,
  emitFixture,
  journal,
  openCrm,
  startEnv,
  waitFor,
  workspaceDetected,
} from './setup';

let env: Env;

/** The seed's note: every field the Rox.Chat adapter maps, in one JSON body. */
const note = (crm: string) =>
  noteRule(crm, {
    method: 'POST',
    body: {
      title: 'Rox.Chat message',
      text: '{{ message.text }}',
      direction: '{{ message.direction }}',
      chatId: '{{ conversation.id }}',
      visitor: {
        roxchatId: '{{ contact.platformId }}',
        providedId: '{{ contact.externalId }}',
        siebelId: '{{ contact.crmId }}',
      },
      chatIdNumber: '{{ data.params.chatId }}',
    },
  });

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  await configure(env, {
    sites: [crmSite(env.servers, { name: 'Demo CRM' })],
    rules: [
      note(crm),
      {
        id: 'pop',
        name: 'Selected → open contact',
        when: {
          events: ['conversation.selected'],
          where: [{ op: 'not_equals', path: 'data.params.taskId', value: 'invite' }],
        },
        then: [
          { kind: 'open-url', url: `${crm}/contacts/{{ contact.crmId }}?visitor={{ contact.platformId }}` },
        ],
      },
      inviteRule,
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('Rox.Chat end to end in Chromium', () => {
  it('newMessageAdded from the seed → the CRM API receives exactly the expected note', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emitFixture(frame, 'newMessageAdded');
    const note = await waitFor(() => env.servers.api.notes[0], 'note stored');
    const received = env.servers.api.received.filter((r) => r.path === '/api/notes' && r.method === 'POST');
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toEqual({
      title: 'Rox.Chat message',
      text: 'Greetings!',
      direction: 'inbound',
      chatId: '483',
      visitor: { roxchatId: 'c3fa5841c772895f8645b33ac784f694', providedId: '12345', siebelId: '4-1GQDLH42' },
      chatIdNumber: 483,
    });
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(received[0]?.headers['idempotency-key']).toMatch(/^crmb-/);
    expect(note.text).toBe('Greetings!');
    // The journal shows the event, the matched rule and the delivered action.
    const entry = await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry => x.kind === 'event' && x.type === 'message.created',
      );
      return e?.actions[0]?.status === 'ok' ? e : undefined;
    }, 'journal shows delivery');
    expect(entry.matches.map((m) => m.ruleId)).toEqual(['note']);
    await page.close();
  });

  it('conversation.selected → opens the contact URL with interpolations encoded', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'visitorSelected', {
      roxchatVisitorId: 'v 1/2?&#',
      providedVisitorId: '12345',
      chatId: 874,
      sessionId: 's1',
      taskId: '20913584',
      siebelId: '4-1GQJDL78/x y',
    });
    const tab = await waitFor(
      () => env.browser.ctx.pages().find((p) => p.url().includes('/contacts/')),
      'screen pop tab',
    );
    expect(tab.url()).toBe(
      `${env.servers.crm.origin}/contacts/4-1GQJDL78%2Fx%20y?visitor=v%201%2F2%3F%26%23`,
    );
    await tab.close();
    await page.close();
  });

  it('rejects Rox.Chat-shaped messages from an untrusted origin and from a non-workspace window', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const crm = env.servers.crm.origin;
    const posts = () => env.servers.api.received.filter((r) => r.method !== 'GET').length;
    const before = posts();
    // 1. An iframe on an untrusted origin running the same simulator.
    await page.evaluate(
      ([src]) => {
        const f = document.createElement('iframe');
        f.id = 'evil';
        f.src = src;
        document.body.appendChild(f);
      },
      [`${env.servers.untrusted.origin}/roxchat/workspace.html?parent=${encodeURIComponent(crm)}`] as const,
    );
    const evil = await waitFor(
      () => page.frames().find((f) => f.url().startsWith(env.servers.untrusted.origin)),
      'untrusted frame',
    );
    await waitFor(
      () => evil.evaluate(() => (window as unknown as { sim?: { ready?: boolean } }).sim?.ready === true),
      'evil sim',
    );
    await emitFixture(evil, 'newMessageAdded');
    // 2. A window on the trusted origin that is not the detected workspace frame (nested inside it).
    await frame.evaluate(
      ([src]) => {
        const f = document.createElement('iframe');
        f.src = src;
        document.body.appendChild(f);
      },
      [`/roxchat/workspace.html?target=top&parent=${encodeURIComponent(crm)}`] as const,
    );
    const nested = await waitFor(
      () => page.frames().find((f) => f.url().includes('target=top')),
      'nested frame',
    );
    await waitFor(
      () => nested.evaluate(() => (window as unknown as { sim?: { ready?: boolean } }).sim?.ready === true),
      'nested sim',
    );
    await emitFixture(nested, 'newMessageAdded');
    // 3. The page itself posting a Rox.Chat envelope to itself.
    await page.evaluate(() =>
      window.postMessage({ source: 'roxchat', event: 'newMessageAdded', params: { x: 1 } }, '*'),
    );

    const rejected = await waitFor(async () => {
      const r = (await journal(env)).filter((e): e is RejectedEntry => e.kind === 'rejected');
      const reasons = r.map((x) => x.reason).join('\n');
      return /untrusted origin/.test(reasons) &&
        /not from a detected workspace iframe/.test(reasons) &&
        /this window/.test(reasons)
        ? r
        : undefined;
    }, 'three rejections');
    expect(rejected.find((r) => r.reason.includes('untrusted origin'))?.origin).toBe(
      env.servers.untrusted.origin,
    );
    expect(rejected.find((r) => r.reason.includes('not from a detected'))?.origin).toBe(
      env.servers.workspace.origin,
    );
    // Nothing was delivered for any of them.
    await new Promise((r) => setTimeout(r, 500));
    expect(posts()).toBe(before);
    await page.close();
  });

  it('start_outgoing_chat reaches the workspace with the exact origin; an error code surfaces as an action error', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const selected = {
      roxchatVisitorId: 'vis-42',
      providedVisitorId: null,
      chatId: 9,
      sessionId: 'sess-42',
      taskId: 'invite',
      siebelId: null,
    };
    await emit(frame, 'visitorSelected', selected);
    const got = await waitFor(
      () =>
        frame.evaluate(
          () =>
            (window as unknown as { sim: { received: Array<{ origin: string; data: unknown }> } }).sim
              .received[0],
        ),
      'command received',
    );
    expect(got).toEqual({
      origin: env.servers.crm.origin,
      data: { action: 'start_outgoing_chat', params: { roxchatVisitorId: 'vis-42', sessionId: 'sess-42' } },
    });
    const ok = await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry =>
          x.kind === 'event' &&
          x.type === 'conversation.selected' &&
          JSON.stringify(x.event.data).includes('sess-42'),
      );
      return e?.actions[0];
    }, 'command outcome');
    expect(ok.status).toBe('ok');

    await frame.evaluate(() => {
      (window as unknown as { sim: { nextError: string } }).sim.nextError = 'visitor_already_in_chat';
    });
    await emit(frame, 'visitorSelected', { ...selected, sessionId: 'sess-43' });
    const failed = await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry =>
          x.kind === 'event' &&
          x.type === 'conversation.selected' &&
          JSON.stringify(x.event.data).includes('sess-43'),
      );
      return e?.actions[0];
    }, 'failed command outcome');
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('visitor_already_in_chat');
    expect(failed.error).toContain('The visitor is already chatting.');
    await page.close();
  });
});
