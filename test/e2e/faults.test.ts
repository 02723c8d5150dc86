// Faults: the CRM API down then back, the API too slow, and the worker killed during a burst —
// nothing is lost between the workspace and the journal, and nothing is lost from the outbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { stopServiceWorker } from '../harness/browser';
import { crmSettings, noteRule, roxMessage } from './fixtures';
import { configure, type Env, emit, journal, openCrm, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
const posts = () => env.servers.api.received.filter((r) => r.method === 'POST' && r.path === '/api/notes');

beforeAll(async () => {
  env = await startEnv();
  const crm = env.servers.crm.origin;
  await configure(
    env,
    crmSettings(env.servers, [noteRule(crm, { name: 'note', timeoutMs: 1000 })], { journalLimit: 20_000 }),
  );
});

afterAll(async () => {
  await env?.close();
});

beforeEach(() => env.servers.api.reset());

describe('faults', () => {
  it('CRM API down for a while, then back: the queue holds and drains in order per conversation', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    env.servers.api.inject({ status: 503, times: 1_000_000, path: '/api/notes' });
    for (let i = 0; i < 10; i++) await emit(frame, 'newMessageAdded', roxMessage(`down ${i}`, 77));
    await waitFor(() => posts().length >= 3 || undefined, 'failed attempts while down');
    await new Promise((r) => setTimeout(r, 1500));
    expect(env.servers.api.notes).toHaveLength(0);
    env.servers.api.clearFaults();
    await waitFor(
      () => env.servers.api.notes.length === 10 || undefined,
      'drained after the API came back',
      60_000,
    );
    expect(env.servers.api.notes.map((n) => n.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `down ${i}`),
    );
    await page.close();
  });

  it('CRM API answering after 30 s: requests time out and are retried, with no pile-up', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    // Slow for 8 s (a fault in time: the outbox's circuit breaker sends one probe at a time while it
    // lasts, so a count of slow answers would take that many probe intervals to use up).
    env.servers.api.inject({ status: 200, times: 0, forMs: 8_000, delayMs: 30_000, path: '/api/notes' });
    for (let i = 0; i < 8; i++) await emit(frame, 'newMessageAdded', roxMessage(`slow ${i}`, 1000 + i));
    await waitFor(
      () => env.servers.api.notes.length === 8 || undefined,
      'delivered once the API is fast again',
      60_000,
    );
    // Each request timed out after 1 s and was retried: never more than the outbox's 4 at once.
    expect(env.servers.api.maxInFlight).toBeLessThanOrEqual(4);
    expect(posts().length).toBeGreaterThan(8);
    await page.close();
  });

  it('worker stopped repeatedly during a burst: every event journaled once, every action delivered', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const N = 300;
    const burst = frame.evaluate(async (n) => {
      const sim = (window as unknown as { sim: { emit(e: string, p: unknown): void } }).sim;
      for (let i = 0; i < n; i++) {
        sim.emit('newMessageAdded', {
          roxchatVisitorId: 'v',
          chatId: 5000 + i,
          sessionId: 's',
          kind: 'visitor',
          messageText: `burst ${i}`,
        });
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 10));
      }
    }, N);
    for (let k = 0; k < 3; k++) {
      await new Promise((r) => setTimeout(r, 150));
      await stopServiceWorker(env.browser);
    }
    await burst;
    const entries = await waitFor(
      async () => {
        const list = (await journal(env, 10_000)).filter(
          (e): e is EventEntry => e.kind === 'event' && (e.event.message?.text ?? '').startsWith('burst '),
        );
        return list.length >= N ? list : undefined;
      },
      `${N} events journaled`,
      60_000,
    );
    const texts = entries.map((e) => e.event.message?.text);
    expect(new Set(texts).size).toBe(N);
    expect(texts.length).toBe(N); // each exactly once, although some captures were sent twice
    await waitFor(
      () => new Set(env.servers.api.notes.map((n) => n.text)).size === N || undefined,
      `${N} notes`,
      90_000,
    );
    expect(env.servers.api.notes.filter((n) => String(n.text).startsWith('burst '))).toHaveLength(N);
    await page.close();
  });
});
