// Issue 14 item 11: fill and agent-command act on the document that emitted the event. The CRM tab
// navigates (a new page with the same form and workspace loads in it) between the event and its actions:
// the actions fail with a plain reason, and the new page is left alone.
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import type { RuleInput } from '../../src/rules/schema';
import { crmSite, roxMessage } from './fixtures';
import { configure, type Env, emit, journal, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;

const command = {
  kind: 'agent-command',
  command: 'start_outgoing_chat',
  params: { roxchatVisitorId: '{{ contact.platformId }}', sessionId: '{{ data.params.sessionId }}' },
} as const;
const on = (id: string, text: string, then: RuleInput['then']): RuleInput => ({
  id,
  name: id,
  when: { events: ['message.created'], where: [{ op: 'starts_with', path: 'message.text', value: text }] },
  then,
});

beforeAll(async () => {
  env = await startEnv();
  await configure(env, {
    sites: [crmSite(env.servers)],
    rules: [
      // Four commands that each wait 1.5 s for the workspace's answer: actions run on one serial queue,
      // so the next event's actions wait behind these (time for its tab to load another page).
      on('slow', 'slow', [command, command, command, command]),
      on('navfill', 'navfill:', [
        { kind: 'fill', fields: { '#react-phone': '{{ message.text | remove_first: "navfill:" }}' } },
      ]),
      on('navcmd', 'navcmd', [command]),
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

let chat = 100;
const message = (text: string) => {
  chat++;
  return roxMessage(text, chat, { visitorId: `v-${chat}`, sessionId: `s-${chat}` });
};
const entryOf = async (text: string) =>
  (await journal(env)).find((e): e is EventEntry => e.kind === 'event' && e.event.message?.text === text);
const simReceived = (frame: Frame) =>
  frame.evaluate(() => (window as unknown as { sim: { received: unknown[] } }).sim.received.length);

describe('page actions and commands after the tab navigated', () => {
  it('fill and agent-command meant for the page that sent the event do not act on the page loaded since', async () => {
    const slow = await openCrm(env);
    const target = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(slow.frame, 'newMessageAdded', message('slow'));
    await waitFor(() => entryOf('slow'), 'the slow event');
    await emit(target.frame, 'newMessageAdded', message('navfill:+1 555 0199'));
    await emit(target.frame, 'newMessageAdded', message('navcmd'));
    await waitFor(async () => (await entryOf('navcmd'))?.matches.length, 'both events journaled');

    // The same CRM page, loaded again in that tab: same form, same workspace, a new document.
    await target.page.goto(`${env.servers.crm.origin}/?embed=roxchat`);
    const next = await waitFor(async () => {
      const f = target.page.frames().find((x) => x.url().includes('/roxchat/workspace.html'));
      return f && (await f.evaluate(() => (window as { sim?: { ready?: boolean } }).sim?.ready === true))
        ? f
        : undefined;
    }, 'the new page ready');
    await target.page.waitForSelector('#react-phone');
    // Still queued behind the slow commands: the actions below really ran after the navigation.
    expect((await entryOf('navfill:+1 555 0199'))?.actions).toEqual([]);

    const [fill] = await waitFor(async () => {
      const a = (await entryOf('navfill:+1 555 0199'))?.actions;
      return a?.length ? a : undefined;
    }, 'fill outcome');
    const [cmd] = await waitFor(async () => {
      const a = (await entryOf('navcmd'))?.actions;
      return a?.length ? a : undefined;
    }, 'command outcome');
    expect(fill).toMatchObject({ status: 'failed', error: expect.stringMatching(/navigated away/) });
    expect(cmd).toMatchObject({ status: 'failed', error: expect.stringMatching(/navigated away/) });
    expect(await target.page.inputValue('#react-phone')).toBe('');
    expect(await simReceived(next)).toBe(0);
    await slow.page.close();
    await target.page.close();
  });

  it('without a navigation, the same rules still act on the page', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await page.waitForSelector('#react-phone');
    await emit(frame, 'newMessageAdded', message('navfill:+1 555 0100'));
    await emit(frame, 'newMessageAdded', message('navcmd'));
    await waitFor(
      async () => (await page.inputValue('#react-phone')) === '+1 555 0100' || undefined,
      'filled',
    );
    await waitFor(async () => (await simReceived(frame)) > 0 || undefined, 'command received');
    await page.close();
  });
});
