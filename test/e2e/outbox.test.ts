import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launch, stopServiceWorker } from '../harness/browser';
import { crmSettings, noteRule, roxMessage } from './fixtures';
import { configure, type Env, emit, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;

const message = (text: string, chatId = 1) =>
  roxMessage(text, chatId, { visitorId: 'v1', providedVisitorId: null, sessionId: 's1', siebelId: null });

const posts = () => env.servers.api.received.filter((r) => r.method === 'POST' && r.path === '/api/notes');

beforeAll(async () => {
  env = await startEnv();
  await configure(
    env,
    crmSettings(env.servers, [noteRule(env.servers.crm.origin, { name: 'Message → note' })]),
  );
});

afterAll(async () => {
  await env?.close();
});

beforeEach(() => env.servers.api.reset());

describe('outbox: durable, retrying delivery', () => {
  it('503 three times then 200 → one note stored, the same Idempotency-Key on every attempt', async () => {
    env.servers.api.inject({ status: 503, times: 3, path: '/api/notes' });
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', message('retry me'));
    await waitFor(() => env.servers.api.notes.length === 1 || undefined, 'note stored after retries', 30_000);
    const attempts = posts();
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 503, 201]);
    expect(new Set(attempts.map((a) => a.headers['idempotency-key'])).size).toBe(1);
    expect(env.servers.api.notes).toHaveLength(1);
    await page.close();
  });

  it('429 with Retry-After: 2 → the retry comes no sooner than 2 s later', async () => {
    env.servers.api.inject({ status: 429, times: 1, retryAfter: '2', path: '/api/notes' });
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    await emit(frame, 'newMessageAdded', message('slow down'));
    await waitFor(() => env.servers.api.notes.length === 1 || undefined, 'note stored after 429', 20_000);
    const [first, second] = posts();
    expect(first?.status).toBe(429);
    expect(second?.status).toBe(201);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    await page.close();
  });

  it('50 actions, the service worker stopped twice while draining → all 50 stored, none lost', async () => {
    // Slow API so the queue is still draining when the worker is killed.
    env.servers.api.inject({ status: 201, times: 0, path: '/api/notes' });
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    // 503s for 2 s (a fault in time: while it lasts the circuit breaker sends one probe at a time, so a
    // count of failures would take that many probe intervals to use up).
    env.servers.api.inject({ status: 503, times: 0, forMs: 2_000, path: '/api/notes', delayMs: 150 });
    for (let i = 0; i < 50; i++) await emit(frame, 'newMessageAdded', message(`burst ${i}`, 100 + i));
    const mark = async () =>
      (await env.browser.worker()).evaluate(() => Object.assign(globalThis, { crmbMark: true }) && true);
    const freshWorker = async () =>
      waitFor(
        async () => !(await (await env.browser.worker()).evaluate(() => 'crmbMark' in globalThis)),
        'a restarted worker (fresh globals)',
      );
    await waitFor(() => posts().length >= 5 || undefined, 'draining started');
    await mark();
    await stopServiceWorker(env.browser);
    await waitFor(() => posts().length >= 20 || undefined, 'draining resumed after first stop', 30_000);
    await freshWorker();
    await mark();
    await stopServiceWorker(env.browser);
    await waitFor(() => env.servers.api.notes.length === 50 || undefined, 'all 50 notes', 60_000);
    await freshWorker();
    const texts = new Set(env.servers.api.notes.map((n) => n.text));
    expect(texts.size).toBe(50);
    // Any duplicate delivery reused its Idempotency-Key (the API stored each key once).
    const keys = posts().map((p) => p.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(50);
    await page.close();
  }, 180_000);
});

describe('outbox survives a browser restart', () => {
  it('items pending when the browser closes are delivered after relaunch on the same profile', async () => {
    env.servers.api.inject({ status: 503, times: 1_000_000, path: '/api/notes' });
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    for (let i = 0; i < 3; i++) await emit(frame, 'newMessageAdded', message(`pending ${i}`, 500 + i));
    await waitFor(async () => {
      const r = await send<{ items: Array<{ status: string }> }>(env.browser, { type: 'outbox.list' });
      return r.items.length === 3 || undefined;
    }, 'three items queued');
    await page.close();
    const profileDir = env.browser.profileDir;
    await env.browser.close({ keepProfile: true });
    env.servers.api.reset(); // the API is back
    env.browser = await launch({ profileDir });
    await waitFor(
      () => env.servers.api.notes.length === 3 || undefined,
      'pending notes delivered after relaunch',
      45_000,
    );
    expect(new Set(env.servers.api.notes.map((n) => n.text))).toEqual(
      new Set(['pending 0', 'pending 1', 'pending 2']),
    );
  });
});
