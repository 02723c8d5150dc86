// `npm run demo`: builds (done by the npm script), starts the demo CRM and the platform simulators,
// drives Chromium with the extension loaded and the demo configuration, plays a scenario, and prints
// what was captured and delivered. Exits non-zero if anything expected did not happen.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { JournalEntry } from '../src/journal/types';
import { launch, send, waitFor } from './browser';
import { demoSettings } from './config';
import { startDemoServers } from './servers';
import { REPO_ROOT } from './servers/http';

const ARTIFACTS = join(REPO_ROOT, 'artifacts/demo');

type Sim = { sim: { ready?: boolean; emit(e: string, p: unknown): void; emitFixture(n: string): void } };

async function simFrame(page: Page, path: string): Promise<Frame> {
  return waitFor(async () => {
    const f = page.frames().find((x) => x.url().includes(path));
    return f && (await f.evaluate(() => (window as unknown as Partial<Sim>).sim?.ready === true)) ? f : undefined;
  }, `simulator ${path}`);
}

async function main(): Promise<number> {
  const headless = !process.env.DISPLAY || !!process.env.CI || process.env.HEADLESS === '1';
  const servers = await startDemoServers();
  const browser = await launch({ headless });
  const failures: string[] = [];
  try {
    console.log(`Demo CRM:        ${servers.crm.origin}/`);
    console.log(`Workspaces from: ${servers.workspace.origin} (second origin)`);
    console.log(`Browser:         Chromium ${headless ? '(headless)' : '(visible)'} with CRM Bridge loaded\n`);
    const saved = await send<{ ok: boolean; error?: string }>(browser, { type: 'settings.save', settings: demoSettings(servers) });
    if (!saved.ok) throw new Error(`demo settings rejected: ${saved.error}`);

    const page = await browser.ctx.newPage();
    await page.goto(`${servers.crm.origin}/?embed=roxchat`);
    const rox = await simFrame(page, '/roxchat/workspace.html');
    await new Promise((r) => setTimeout(r, 300)); // let the bridge detect the workspace frame

    // Scenario: the agent opens a chat, the visitor writes, the agent answers, the visitor
    // authorises, the chat is closed.
    const step = async (label: string, fn: () => Promise<unknown>) => {
      console.log(`  • ${label}`);
      await fn();
      await new Promise((r) => setTimeout(r, 250));
    };
    const emit = (e: string, p: unknown) => rox.evaluate(([ev, pa]) => (window as unknown as Sim).sim.emit(ev as string, pa), [e, p] as const);
    console.log('Scenario:');
    await step('Rox.Chat: agent opens the chat (visitorSelected)', () => rox.evaluate(() => (window as unknown as Sim).sim.emitFixture('visitorSelected')));
    await step('Rox.Chat: visitor writes "Greetings!" (newMessageAdded)', () => rox.evaluate(() => (window as unknown as Sim).sim.emitFixture('newMessageAdded')));
    await step('Rox.Chat: agent answers (newMessageAdded, kind operator)', () =>
      emit('newMessageAdded', { roxchatVisitorId: 'c3fa5841c772895f8645b33ac784f694', providedVisitorId: '12345', chatId: 483, sessionId: 'c9905a4eab2a4148add9b1c8ac97ad7d', kind: 'operator', messageText: 'Hello! How can I help?', siebelId: '4-1GQDLH42' }),
    );
    await step('Rox.Chat: visitor authorises (visitorAuthorized)', () => rox.evaluate(() => (window as unknown as Sim).sim.emitFixture('visitorAuthorized')));
    await step('Rox.Chat: agent closes the chat (chatClosedByOperator)', () => rox.evaluate(() => (window as unknown as Sim).sim.emitFixture('chatClosedByOperator-skype')));

    const expected = { notes: 3, pop: true };
    await waitFor(() => servers.api.notes.length >= expected.notes || undefined, `${expected.notes} CRM notes`, 20_000).catch((e: Error) => failures.push(e.message));
    const popped = browser.ctx.pages().some((p) => p.url().startsWith(`${servers.crm.origin}/contacts/`));
    if (!popped) failures.push('screen pop: no contact tab opened');

    const { entries } = await send<{ entries: JournalEntry[] }>(browser, { type: 'journal.recent', limit: 1000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.bringToFront();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(ARTIFACTS, 'crm.png'), fullPage: true });
    const popup = await browser.ctx.newPage();
    await popup.setViewportSize({ width: 760, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.waitForTimeout(800);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup.png') });

    printSummary(entries, servers.api.notes.length);
    console.log(`\nScreenshots: ${ARTIFACTS}/crm.png, popup.png`);
    for (const e of entries) {
      if (e.kind === 'event') for (const a of e.actions) if (a.status === 'failed' || a.status === 'dead') failures.push(`${e.type} → ${a.kind}: ${a.error}`);
    }
  } catch (e) {
    failures.push((e as Error).message);
  } finally {
    await browser.close();
    await servers.close();
  }
  if (failures.length) {
    console.error(`\nDEMO FAILED:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
    return 1;
  }
  console.log('\nDemo OK: events captured, rules matched, CRM actions delivered.');
  return 0;
}

function printSummary(entries: JournalEntry[], notesStored: number): void {
  const rows = new Map<string, { events: number; matched: number; delivered: number; failed: number; rejected: number }>();
  for (const e of entries) {
    const key = e.platform ?? '(unknown)';
    const row = rows.get(key) ?? { events: 0, matched: 0, delivered: 0, failed: 0, rejected: 0 };
    if (e.kind === 'rejected') row.rejected += e.count;
    else {
      row.events++;
      row.matched += e.matches.length;
      for (const a of e.actions) {
        if (a.status === 'ok') row.delivered++;
        if (a.status === 'failed' || a.status === 'dead') row.failed++;
      }
    }
    rows.set(key, row);
  }
  console.log('\nSummary:');
  console.log('  platform   events  rules matched  actions delivered  failed  rejected');
  for (const [p, r] of rows) {
    console.log(`  ${p.padEnd(10)} ${String(r.events).padStart(6)}  ${String(r.matched).padStart(13)}  ${String(r.delivered).padStart(17)}  ${String(r.failed).padStart(6)}  ${String(r.rejected).padStart(8)}`);
  }
  console.log(`  CRM notes stored by the demo API: ${notesStored}`);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
