// Issue 14 item 12 in Chromium: the offscreen clipboard obeys the service worker (the sender Chromium
// reports for it is what src/background/senders.ts recognises), so a copy rule still works. Who is
// refused (content scripts, extension pages, other extensions) is unit-tested with those senders:
// test/unit/actions/offscreen-clipboard.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { crmSite, roxMessage } from './fixtures';
import { configure, type Env, emit, journal, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;

beforeAll(async () => {
  env = await startEnv();
  await env.browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  await configure(env, {
    sites: [crmSite(env.servers)],
    rules: [
      {
        id: 'copy',
        name: 'Message → clipboard',
        when: { events: ['message.created'] },
        then: [{ kind: 'copy', text: 'chat {{ conversation.id }}: {{ message.text }}' }],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('offscreen clipboard', () => {
  it('a copy rule run by the worker is obeyed by the offscreen document', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', roxMessage('copy me', 4242));
    const action = await waitFor(async () => {
      const e = (await journal(env)).find(
        (x): x is EventEntry => x.kind === 'event' && x.event.message?.text === 'copy me',
      );
      return e?.actions[0];
    }, 'copy outcome');
    // The worker's request passed the sender check in Chromium. Headless Chromium then refuses
    // execCommand('copy') in the offscreen document (it did before this check too): either outcome
    // shows the document obeyed the worker; a refusal of the sender would say so.
    if (action.status === 'ok') {
      expect(action.detail).toBe('copied 20 characters');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('chat 4242: copy me');
    } else expect(action.error).toBe('clipboard write failed: execCommand(copy) refused');
    await page.close();
  });
});
