// Shared browser plumbing for the benchmarks: the bench build of CRM Bridge (never the test build, which
// other test runs use), the demo servers, settings, the Rox.Chat simulator frame, and a DevTools session
// on the extension's service worker.
import { resolve } from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import type { SettingsInput } from '../../src/config/settings';
import type { JournalEntry } from '../../src/journal/types';
import { type Launched, launch, send, waitFor } from '../../test/harness/browser';
import { type DemoServers, startDemoServers } from '../../test/harness/servers';
import { REPO_ROOT } from '../../test/harness/servers/http';

export { REPO_ROOT, send, waitFor };

/** `npx wxt build --mode bench` writes here; BENCH_EXT_DIR overrides it (e.g. a build of another tree). */
export function benchBuildDir(): string {
  return resolve(process.env.BENCH_EXT_DIR ?? resolve(REPO_ROOT, '.output/chrome-mv3-bench'));
}

export interface BridgeEnv {
  servers: DemoServers;
  browser: Launched;
  close(): Promise<void>;
}

/** Demo servers + Chromium with an extension (default: the CRM Bridge bench build). */
export async function startEnv(extensionDir = benchBuildDir(), servers?: DemoServers): Promise<BridgeEnv> {
  const own = !servers;
  const s = servers ?? (await startDemoServers());
  const browser = await launch({ extensionDir });
  return {
    servers: s,
    browser,
    close: async () => {
      await browser.close();
      if (own) await s.close();
    },
  };
}

export async function configure(env: BridgeEnv, settings: SettingsInput): Promise<void> {
  const r = await send<{ ok: boolean; error?: string }>(env.browser, { type: 'settings.save', settings });
  if (!r?.ok) throw new Error(`settings rejected: ${r?.error}`);
}

/** The demo CRM with the Rox.Chat workspace trusted; `rules` as given. */
export function roxSettings(s: DemoServers, extra: Partial<SettingsInput> = {}): SettingsInput {
  return {
    sites: [
      {
        id: 'crm',
        name: 'Demo CRM',
        matches: [`${s.crm.origin}/*`],
        platforms: { roxchat: { origins: [s.workspace.origin] } },
      },
    ],
    rules: [],
    ...extra,
  };
}

/** message.created → POST {text, chat} to the demo CRM API (the rule the latency budget is about). */
export function noteRule(crmOrigin: string, url = `${crmOrigin}/api/notes`) {
  return {
    id: 'note',
    name: 'Message → CRM note',
    when: { events: ['message.created'] },
    then: [
      {
        kind: 'http' as const,
        method: 'POST' as const,
        url,
        body: {
          type: 'json' as const,
          value: { text: '{{ message.text }}', chat: '{{ conversation.id }}' },
        },
      },
    ],
  };
}

/** Opens the demo CRM page with the Rox.Chat simulator and returns its frame once the simulator is ready. */
export async function openCrm(
  browser: Launched,
  servers: DemoServers,
  prepare?: (page: Page) => Promise<void>,
): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.ctx.newPage();
  await prepare?.(page);
  await page.goto(`${servers.crm.origin}/?embed=roxchat`);
  const frame = await waitFor(async () => {
    const f = page.frames().find((x) => x.url().includes('/roxchat/workspace.html'));
    return f &&
      (await f.evaluate(() => (window as unknown as { sim?: { ready?: boolean } }).sim?.ready === true))
      ? f
      : undefined;
  }, 'Rox.Chat simulator ready');
  return { page, frame };
}

/** Waits until the worker reports a detected Rox.Chat workspace in a tab of the CRM origin. */
export async function workspaceDetected(browser: Launched, crmOrigin: string): Promise<void> {
  const page = await browser.extPage();
  await waitFor(
    () =>
      page.evaluate(async (prefix) => {
        const c = (
          globalThis as unknown as {
            chrome: {
              tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
              runtime: { sendMessage(m: unknown): Promise<unknown> };
            };
          }
        ).chrome;
        for (const t of await c.tabs.query({})) {
          if (!t.id || !t.url?.startsWith(prefix)) continue;
          const s = (await c.runtime.sendMessage({ type: 'tab.status', tabId: t.id })) as {
            workspaces?: Array<{ platform: string }>;
          };
          if (s.workspaces?.some((w) => w.platform === 'roxchat')) return true;
        }
        return false;
      }, crmOrigin),
    'Rox.Chat workspace detected by the worker',
    45_000,
  );
}

/** Every journal entry (newest first), paging through `journal.recent` (10,000 per request). */
export async function journalAll(browser: Launched, max = 1_000_000): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  let before: number | undefined;
  while (out.length < max) {
    const r = await send<{ entries: JournalEntry[] }>(browser, {
      type: 'journal.recent',
      limit: 10_000,
      ...(before === undefined ? {} : { beforeSeq: before }),
    });
    out.push(...r.entries);
    const last = r.entries[r.entries.length - 1];
    if (r.entries.length < 10_000 || last?.seq === undefined) break;
    before = last.seq;
  }
  return out;
}

/**
 * A DevTools session on the extension's service worker, through a page session: Target.attachToTarget
 * (not flattened) and Target.sendMessageToTarget, since Playwright's CDPSession cannot address a
 * flattened child session.
 */
export interface WorkerCdp {
  call<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function workerCdp(browser: Launched): Promise<WorkerCdp> {
  const page = await browser.extPage();
  const cdp: CDPSession = await browser.ctx.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const sw = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`),
  );
  if (!sw) throw new Error('no service worker target for the extension');
  const { sessionId } = (await cdp.send('Target.attachToTarget', {
    targetId: sw.targetId,
    flatten: false,
  })) as { sessionId: string };
  let seq = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p || m.id === undefined) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  return {
    call<T>(method: string, params: Record<string, unknown> = {}) {
      const id = ++seq;
      return new Promise<T>((res, rej) => {
        pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
        cdp
          .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
          .catch(rej);
      });
    },
    async close() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** Worker JS heap after a forced GC (bytes). */
export async function workerHeapAfterGc(w: WorkerCdp): Promise<{ used: number; total: number }> {
  await w.call('HeapProfiler.collectGarbage');
  const h = await w.call<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
  return { used: h.usedSize, total: h.totalSize };
}
