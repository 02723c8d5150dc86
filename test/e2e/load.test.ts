// Load: a burst from one workspace iframe is journaled completely — every event the simulator sent is
// in the journal, counted at both ends — and the popup still renders while it drains. CI runs
// LOAD_EVENTS=2000 in 2 s; `LOAD_EVENTS=10000 LOAD_SECONDS=10` is the full-size run (also in npm run bench).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/journal/types';
import { crmSite } from './fixtures';
import { configure, type Env, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

const N = Number(process.env.LOAD_EVENTS ?? 2000);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 2);
let env: Env;

beforeAll(async () => {
  env = await startEnv();
  await configure(env, {
    sites: [crmSite(env.servers)],
    journalLimit: Math.max(5000, N + 500),
    rules: [
      {
        id: 'log',
        name: 'log every message',
        when: { events: ['message.created'] },
        then: [{ kind: 'log', message: '{{ message.text }}' }],
      },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('load', () => {
  it(`${N} events in ${SECONDS} s from one iframe: all journaled, none lost`, async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);
    const sent = await frame.evaluate(
      async ([n, seconds]) => {
        const sim = (window as unknown as { sim: { emit(e: string, p: unknown): void } }).sim;
        const batches = seconds * 20;
        const per = Math.ceil(n / batches);
        let count = 0;
        for (let b = 0; b < batches && count < n; b++) {
          for (let i = 0; i < per && count < n; i++, count++) {
            sim.emit('newMessageAdded', {
              roxchatVisitorId: 'v',
              chatId: 9,
              sessionId: 's',
              kind: 'visitor',
              messageText: `load ${count}`,
            });
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        return count;
      },
      [N, SECONDS] as const,
    );
    expect(sent).toBe(N);
    // The popup renders while the worker drains the burst.
    const popup = await env.browser.ctx.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html`);
    await popup.waitForSelector('[data-testid="row"]', { timeout: 30_000 });
    const counted = async () => {
      const texts = new Set<string>();
      let before: number | undefined;
      for (;;) {
        const r = await send<{ entries: Array<{ seq: number } & Partial<EventEntry>> }>(env.browser, {
          type: 'journal.recent',
          limit: 5000,
          beforeSeq: before,
        });
        for (const e of r.entries)
          if (e.kind === 'event' && e.event?.message?.text?.startsWith('load '))
            texts.add(e.event.message.text);
        if (r.entries.length < 5000) return texts;
        before = r.entries[r.entries.length - 1]?.seq;
      }
    };
    const texts = await waitFor(
      async () => {
        const t = await counted();
        return t.size >= N ? t : undefined;
      },
      `${N} events journaled`,
      120_000,
      1000,
    );
    expect(texts.size).toBe(N);
    const rejected = await send<{ entries: Array<{ kind: string; reason?: string }> }>(env.browser, {
      type: 'journal.recent',
      limit: 200,
    });
    expect(
      rejected.entries.filter((e) => e.kind === 'rejected' && /backpressure/.test(e.reason ?? '')),
    ).toEqual([]);
    await popup.close();
    await page.close();
  });
});
