// Capture drift (issue 20, third "done when"): a burst of schema-failing payloads from a trusted frame
// appears in the inspector as one drift group with the count and the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectedEntry } from '../../src/journal/types';
import { crmSite, noteRule, roxMessage } from './fixtures';
import { crmTabId } from './popup-driver';
import { configure, type Env, emit, journal, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;

beforeAll(async () => {
  env = await startEnv();
  await configure(env, { sites: [crmSite(env.servers)], rules: [noteRule(env.servers.crm.origin)] });
});

afterAll(async () => {
  await env?.close();
});

describe('capture drift', () => {
  it('37 Rox.Chat payloads whose chatId became a string read as one group with the count and the field', async () => {
    const { frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    // The platform changed: chatId now comes as a string (the schema wants an integer).
    for (let i = 1; i <= 37; i++)
      await emit(frame, 'newMessageAdded', { ...roxMessage(`drift ${i}`, 0), chatId: `chat-${i}` });
    // One valid message too: it is delivered and is no drift.
    await emit(frame, 'newMessageAdded', roxMessage('still fine', 5));
    await waitFor(
      async () => {
        const rejected = (await journal(env)).filter((e): e is RejectedEntry => e.kind === 'rejected');
        return rejected.length === 37 || undefined;
      },
      '37 rejections journaled',
      60_000,
    );

    const tab = await crmTabId(env);
    const popup = await env.browser.ctx.newPage();
    await popup.setViewportSize({ width: 680, height: 580 });
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tab}`);
    await popup.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
    const groups = popup.getByTestId('drift-group');
    await groups.first().waitFor();
    expect(await groups.count()).toBe(1);
    const text = await groups.first().innerText();
    expect(text).toMatch(
      /^Rox\.Chat newMessageAdded: 37 rejected since .+ — field `chatId` is now a string$/,
    );
    await popup.close();
  }, 180_000);
});
