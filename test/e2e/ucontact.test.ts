import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry, RejectedEntry } from '../../src/journal/types';
import { crmSite, noteRule } from './fixtures';
import {
  configure,
  type Env,
  emitFixture,
  journal,
  openCrm,
  send,
  startEnv,
  waitFor,
  workspaceDetected,
} from './setup';

let env: Env;

/** The five events of the uContact Events API (seed 002), as committed fixtures, and their canonical types. */
const FIVE: Array<[string, string]> = [
  ['assignedInteraction', 'conversation.assigned'],
  ['finishedInteraction', 'conversation.closed'],
  ['sentDisposition', 'disposition.submitted'],
  ['changedTheme', 'ui.theme_changed'],
  ['changedLanguage', 'ui.language_changed'],
];

interface Received {
  origin: string;
  data: unknown;
}
const received = (frame: Frame) =>
  frame.evaluate(() => (window as unknown as { sim: { received: Received[] } }).sim.received);

const posts = () => env.servers.api.received.filter((r) => r.method === 'POST' && r.path === '/api/notes');

async function simFrame(page: Page, prefix: string): Promise<Frame> {
  const frame = await waitFor(() => page.frames().find((f) => f.url().startsWith(prefix)), `frame ${prefix}`);
  await waitFor(
    () => frame.evaluate(() => (window as unknown as { sim?: { ready?: boolean } }).sim?.ready === true),
    `sim in ${prefix}`,
  );
  return frame;
}

function addFrame(page: Page, id: string, src: string): Promise<void> {
  return page.evaluate(
    ([i, s]) => {
      const f = document.createElement('iframe');
      f.id = i;
      f.src = s;
      document.getElementById('workspaces')?.appendChild(f);
    },
    [id, src] as const,
  );
}

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  await configure(env, {
    sites: [
      crmSite(env.servers, {
        name: 'Demo CRM',
        platforms: { ucontact: { origins: [env.servers.workspace.origin] } },
      }),
    ],
    rules: [
      noteRule(crm, {
        id: 'uc-note',
        name: 'uContact event → CRM note',
        events: FIVE.map(([, t]) => t),
        platforms: ['ucontact'],
        body: {
          title: 'uContact {{ sourceEvent }}',
          type: '{{ type }}',
          interaction: '{{ conversation.id }}',
          client: '{{ contact.externalId }}',
          comment: '{{ message.text }}',
        },
      }),
      {
        id: 'uc-ack',
        name: 'Interaction assigned → post an acknowledgement into uContact',
        when: { events: ['conversation.assigned'], platforms: ['ucontact'] },
        then: [
          {
            kind: 'agent-command',
            command: 'post',
            params: { message: { event: 'crmAck', data: { guid: '{{ conversation.id }}', saved: 'yes' } } },
          },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('uContact end to end in Chromium', () => {
  it('captures all five documented events from the workspace iframe and routes them to the CRM', async () => {
    await send(env.browser, { type: 'journal.clear' });
    env.servers.api.reset();
    const { page, frame } = await openCrm(env, 'ucontact', 'ucontact');
    await workspaceDetected(env, 'ucontact', env.servers.crm.origin);
    for (const [name] of FIVE) await emitFixture(frame, name);

    const events = await waitFor(async () => {
      const e = (await journal(env)).filter((x): x is EventEntry => x.kind === 'event');
      return e.length >= 5 && e.every((x) => x.actions.some((a) => a.kind === 'http' && a.status === 'ok'))
        ? e
        : undefined;
    }, 'five delivered events');
    // Journal order is newest first.
    expect(events.map((e) => [e.event.sourceEvent, e.type]).reverse()).toEqual(FIVE);
    expect(
      events.every((e) => e.platform === 'ucontact' && e.event.origin === env.servers.workspace.origin),
    ).toBe(true);
    const byEvent = Object.fromEntries(events.map((e) => [e.event.sourceEvent, e]));
    expect(byEvent.changedLanguage?.event.data).toEqual({ event: 'changedLanguage', data: 'en' });
    expect(byEvent.changedTheme?.event.data).toEqual({
      event: 'changedTheme',
      data: { dark: true, primary: 'string' },
    });

    await waitFor(() => posts().length >= 5, 'five notes');
    // The outbox delivers different interactions independently: compare as a set.
    const byTitle = (x: unknown, y: unknown) =>
      String((x as { title: string }).title).localeCompare((y as { title: string }).title);
    expect(
      posts()
        .map((r) => r.body)
        .sort(byTitle),
    ).toEqual(
      [
        {
          title: 'uContact assignedInteraction',
          type: 'conversation.assigned',
          interaction: 'string',
          client: 'string',
          comment: '',
        },
        {
          title: 'uContact finishedInteraction',
          type: 'conversation.closed',
          interaction: 'string',
          client: '',
          comment: '',
        },
        {
          title: 'uContact sentDisposition',
          type: 'disposition.submitted',
          interaction: 'string',
          client: '',
          comment: 'string',
        },
        {
          title: 'uContact changedTheme',
          type: 'ui.theme_changed',
          interaction: '',
          client: '',
          comment: '',
        },
        {
          title: 'uContact changedLanguage',
          type: 'ui.language_changed',
          interaction: '',
          client: '',
          comment: '',
        },
      ].sort(byTitle),
    );
    expect(env.servers.api.notes).toHaveLength(5);
    await page.close();
  });

  it('rejects a uContact-shaped message from an untrusted frame, with a reason, and delivers nothing', async () => {
    await send(env.browser, { type: 'journal.clear' });
    const { page } = await openCrm(env, 'ucontact', 'ucontact');
    await workspaceDetected(env, 'ucontact', env.servers.crm.origin);
    const before = posts().length;
    const crm = encodeURIComponent(env.servers.crm.origin);
    await addFrame(page, 'evil', `${env.servers.untrusted.origin}/ucontact/workspace.html?parent=${crm}`);
    const evil = await simFrame(page, env.servers.untrusted.origin);
    await emitFixture(evil, 'assignedInteraction-voice');

    const rejected = await waitFor(async () => {
      const r = (await journal(env)).filter((e): e is RejectedEntry => e.kind === 'rejected');
      return r.find((x) => x.reason.includes('untrusted origin'));
    }, 'rejection');
    expect(rejected.platform).toBe('ucontact');
    expect(rejected.origin).toBe(env.servers.untrusted.origin);
    expect(rejected.reason).toContain('not a workspace origin for ucontact');
    expect(rejected.sample).toMatchObject({ event: 'assignedInteraction' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await journal(env)).some((e) => e.kind === 'event')).toBe(false);
    expect(posts().length).toBe(before);
    await page.close();
  });

  it('agent-command `post` reaches the workspace frame with the exact targetOrigin', async () => {
    await send(env.browser, { type: 'journal.clear' });
    const crm = env.servers.crm.origin;
    const { page, frame } = await openCrm(env, 'ucontact', 'ucontact');
    await workspaceDetected(env, 'ucontact', crm);
    await emitFixture(frame, 'assignedInteraction-voice');
    const got = await waitFor(async () => (await received(frame))[0], 'message in the workspace');
    // What arrived, and from which origin: the CRM page posted it (the bridge in the top frame).
    expect(got).toEqual({
      origin: crm,
      data: { event: 'crmAck', data: { guid: '7f3c2a10-5b7e-4d2a-9c11-2e8f0a6b9d44', saved: 'yes' } },
    });
    const action = await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry => x.kind === 'event' && x.type === 'conversation.assigned',
      );
      return e?.actions.find((a) => a.kind === 'agent-command');
    }, 'command outcome');
    expect(action).toMatchObject({ status: 'ok', detail: 'post delivered' });

    // targetOrigin is the frame's origin, never '*': once the detected frame has navigated to another
    // origin (its src attribute unchanged), a command addressed to it is dropped by the browser.
    await frame.evaluate(
      (u) => {
        location.href = u;
      },
      `${env.servers.untrusted.origin}/ucontact/workspace.html?parent=${encodeURIComponent(crm)}`,
    );
    const moved = await simFrame(page, env.servers.untrusted.origin);
    await addFrame(
      page,
      'second',
      `${env.servers.workspace.origin}/ucontact/workspace.html?parent=${encodeURIComponent(crm)}`,
    );
    const second = await waitFor(async () => {
      const f = page.frames().find((x) => x !== frame && x.url().startsWith(env.servers.workspace.origin));
      return f && (await f.evaluate(() => (window as unknown as { sim?: { ready?: boolean } }).sim?.ready))
        ? f
        : undefined;
    }, 'second workspace frame');
    await second.evaluate(() =>
      (window as unknown as { sim: { emit(e: string, d: unknown): void } }).sim.emit('assignedInteraction', {
        guid: 'g-moved',
        campaign: 'Sales',
        channel: 'voice',
        clientId: '+59899000000',
      }),
    );
    await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry => x.kind === 'event' && x.event.conversation?.id === 'g-moved',
      );
      return e?.actions.find((a) => a.kind === 'agent-command' && a.status === 'ok');
    }, 'second command sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(await received(moved)).toEqual([]);
    expect(await received(second)).toEqual([]);
    // Control: the moved frame does receive what its parent posts to it with '*'.
    await page.evaluate(() =>
      (document.getElementById('ws-ucontact') as HTMLIFrameElement).contentWindow?.postMessage(
        { probe: 1 },
        '*',
      ),
    );
    await waitFor(async () => (await received(moved)).length === 1, 'probe received');
    expect((await received(moved))[0]?.data).toEqual({ probe: 1 });
    await page.close();
  });
});
