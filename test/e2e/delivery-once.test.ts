import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../src/rules/schema';
import { launch, stopServiceWorker } from '../harness/browser';
import { crmSettings, noteRule, roxMessage } from './fixtures';
import {
  configure,
  type Env,
  emit,
  openCrm,
  registeredScript,
  startEnv,
  waitFor,
  workspaceDetected,
} from './setup';

// Issue 16, done-when (c): `once: conversation` holds across a worker stop and across a browser
// restart with the same profile (the gate's marks are in IndexedDB, written with the journal entry).

let env: Env;

const message = (text: string, chatId: number) =>
  roxMessage(text, chatId, { visitorId: 'v1', providedVisitorId: null, sessionId: 's1', siebelId: null });

const texts = () => env.servers.api.notes.map((n) => n.text);

beforeAll(async () => {
  env = await startEnv();
  const once: RuleInput = {
    ...noteRule(env.servers.crm.origin, { id: 'once' }),
    once: { per: 'conversation' },
  };
  await configure(env, crmSettings(env.servers, [once]));
});

afterAll(async () => {
  await env?.browser.close();
  await env?.close();
});

/** Emits a repeat in conversation 900, then a first message in `fresh`; waits for the latter's note. */
async function repeatThenFresh(frame: Parameters<typeof emit>[0], repeat: string, fresh: number) {
  await emit(frame, 'newMessageAdded', message(repeat, 900));
  await emit(frame, 'newMessageAdded', message(`first ${fresh}`, fresh));
  // Captures are handled in order: once the later note is stored, the repeat was decided on.
  await waitFor(
    () => texts().includes(`first ${fresh}`) || undefined,
    `note for conversation ${fresh}`,
    30_000,
  );
}

describe('once per conversation is durable (issue 16)', () => {
  it('runs once per conversation across a worker stop and a browser restart', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', message('first 900', 900));
    await waitFor(() => texts().includes('first 900') || undefined, 'first note of conversation 900');
    await repeatThenFresh(frame, 'second 900', 901);

    // The worker stops (as it does after 30 s idle): a new one must still know conversation 900.
    const w = await env.browser.worker();
    await w.evaluate(() => Object.assign(globalThis, { crmbMark: true }) && true);
    await stopServiceWorker(env.browser);
    await repeatThenFresh(frame, 'third 900', 902);
    expect(await (await env.browser.worker()).evaluate(() => 'crmbMark' in globalThis)).toBe(false);
    await page.close();

    // The browser restarts on the same profile.
    const profileDir = env.browser.profileDir;
    await env.browser.close({ keepProfile: true });
    env.browser = await launch({ profileDir });
    await waitFor(() => registeredScript(env, 'bridge'), 'content scripts registered after restart', 30_000);
    const again = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await repeatThenFresh(again.frame, 'fourth 900', 903);

    expect(texts()).toEqual(['first 900', 'first 901', 'first 902', 'first 903']);
  });
});
