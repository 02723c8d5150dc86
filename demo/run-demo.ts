// `npm run demo`: builds (done by the npm script), starts the demo CRM, the five platform simulators
// and an ActionCable server on loopback, drives Chromium with the extension loaded and the demo
// configuration, plays a chat scenario on every platform, and prints what was captured and delivered.
// Exits non-zero if anything expected did not happen.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalEntry } from '../src/journal/types';
import { launch, send, waitFor } from '../test/harness/browser';
import { startDemoServers } from '../test/harness/servers';
import { REPO_ROOT } from '../test/harness/servers/http';
import { demoSettings } from './config';
import { crmScenario, onechatScenario, type Step, websiteScenario } from './scenario';

const ARTIFACTS = join(REPO_ROOT, 'artifacts/demo');

/** What must have been delivered per platform for the demo to pass. */
const EXPECTED: Record<string, number> = { roxchat: 4, ucontact: 2, onechat: 2, jivochat: 2, kommo: 3 };

interface Row {
  events: number;
  matched: number;
  delivered: number;
  failed: number;
  rejected: number;
  failures: string[];
}

function summarise(entries: JournalEntry[]): Map<string, Row> {
  const rows = new Map<string, Row>(
    Object.keys(EXPECTED).map((p) => [
      p,
      { events: 0, matched: 0, delivered: 0, failed: 0, rejected: 0, failures: [] },
    ]),
  );
  for (const e of entries) {
    const key = e.platform ?? '(unknown)';
    const row = rows.get(key) ?? {
      events: 0,
      matched: 0,
      delivered: 0,
      failed: 0,
      rejected: 0,
      failures: [],
    };
    if (e.kind === 'rejected') row.rejected += e.count;
    else {
      row.events++;
      row.matched += e.matches.length;
      for (const a of e.actions) {
        if (a.status === 'ok') row.delivered++;
        if (a.status === 'failed' || a.status === 'dead') {
          row.failed++;
          row.failures.push(`${e.type} → ${a.kind}: ${a.error}`);
        }
      }
    }
    rows.set(key, row);
  }
  return rows;
}

function print(rows: Map<string, Row>, notes: number, contacts: number): void {
  console.log('\nSummary:');
  console.log('  platform   events  rules matched  actions delivered  failed  rejected');
  for (const [p, r] of rows) {
    console.log(
      `  ${p.padEnd(10)} ${String(r.events).padStart(6)}  ${String(r.matched).padStart(13)}  ${String(r.delivered).padStart(17)}  ${String(r.failed).padStart(6)}  ${String(r.rejected).padStart(8)}`,
    );
    for (const f of r.failures) console.log(`      ✗ ${f}`);
  }
  console.log(`  The demo CRM API stored ${notes} notes and ${contacts} new contact(s).`);
}

async function main(): Promise<number> {
  const headless = !process.env.DISPLAY || !!process.env.CI || process.env.HEADLESS === '1';
  const servers = await startDemoServers();
  const browser = await launch({ headless });
  const failures: string[] = [];
  const initialContacts = servers.api.contacts.length;
  try {
    console.log(`Demo CRM:          ${servers.crm.origin}/`);
    console.log(
      `Workspaces, sites: ${servers.workspace.origin} (second origin; ActionCable at ${servers.cable.url})`,
    );
    console.log(
      `Browser:           Chromium ${headless ? '(headless)' : '(visible)'} with CRM Bridge loaded\n`,
    );
    const saved = await send<{ ok: boolean; error?: string }>(browser, {
      type: 'settings.save',
      settings: demoSettings(servers),
    });
    if (!saved.ok) throw new Error(`demo settings rejected: ${saved.error}`);

    const step: Step = async (label, fn) => {
      console.log(`  • ${label}`);
      await fn();
      await new Promise((r) => setTimeout(r, 250));
    };
    console.log('Scenario:');
    const crmPage = await crmScenario(browser, servers, step);
    await onechatScenario(browser, servers, step);
    await websiteScenario(browser, servers, step);

    const delivered = async () =>
      summarise(
        (await send<{ entries: JournalEntry[] }>(browser, { type: 'journal.recent', limit: 1000 })).entries,
      );
    const rows = await waitFor(
      async () => {
        const r = await delivered();
        return [...Object.entries(EXPECTED)].every(([p, n]) => (r.get(p)?.delivered ?? 0) >= n)
          ? r
          : undefined;
      },
      'every platform delivered',
      30_000,
    ).catch(async () => delivered());

    for (const [p, n] of Object.entries(EXPECTED)) {
      const r = rows.get(p);
      if (!r?.events) failures.push(`${p}: no event captured`);
      else if (r.delivered < n) failures.push(`${p}: ${r.delivered} of ${n} expected CRM actions delivered`);
      for (const f of r?.failures ?? []) failures.push(`${p}: ${f}`);
      if (r?.rejected)
        failures.push(`${p}: ${r.rejected} message(s) rejected (see the popup for the reason)`);
    }
    if (!browser.ctx.pages().some((p) => p.url().startsWith(`${servers.crm.origin}/contacts/`)))
      failures.push('screen pop: no contact tab opened');

    mkdirSync(ARTIFACTS, { recursive: true });
    await crmPage.bringToFront();
    await crmPage.waitForTimeout(900);
    await crmPage.screenshot({ path: join(ARTIFACTS, 'crm.png'), fullPage: true });
    const popup = await browser.ctx.newPage();
    await popup.setViewportSize({ width: 760, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.waitForTimeout(900);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup.png') });

    print(rows, servers.api.notes.length, servers.api.contacts.length - initialContacts);
    console.log(`\nScreenshots: ${join(ARTIFACTS, 'crm.png')}, ${join(ARTIFACTS, 'popup.png')}`);
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
  console.log('\nDemo OK: all five platforms captured, rules matched, CRM actions delivered.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
