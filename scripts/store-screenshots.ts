// Store screenshots (1280×800, the Chrome Web Store / Edge / AMO size) generated from the demo:
// the demo CRM receiving actions, the popup inspector, and the options page.
// `npm run store:screenshots` → docs/store/screenshots/*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoSettings } from '../demo/config';
import { crmScenario, onechatScenario, type Step, websiteScenario } from '../demo/scenario';
import { launch, send } from '../test/harness/browser';
import { startDemoServers } from '../test/harness/servers';
import { REPO_ROOT } from '../test/harness/servers/http';

const OUT = join(REPO_ROOT, 'docs/store/screenshots');
const SIZE = { width: 1280, height: 800 };

const servers = await startDemoServers();
const browser = await launch();
try {
  mkdirSync(OUT, { recursive: true });
  await send(browser, { type: 'settings.save', settings: demoSettings(servers) });
  const step: Step = async (_label, fn) => {
    await fn();
    await new Promise((r) => setTimeout(r, 200));
  };
  const crm = await crmScenario(browser, servers, step);
  await onechatScenario(browser, servers, step);
  await websiteScenario(browser, servers, step);
  await new Promise((r) => setTimeout(r, 1500));

  await crm.setViewportSize(SIZE);
  await crm.bringToFront();
  await crm.waitForTimeout(800);
  await crm.screenshot({ path: join(OUT, '1-crm-receives-actions.png') });

  // The popup is 760 px wide: shoot it at its own size with the CRM tab pinned (?tab=), then frame it
  // on a 1280×800 canvas with a caption.
  const ext = await browser.extPage();
  const tabId = await ext.evaluate(async (u) => {
    const c = (
      globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
      }
    ).chrome;
    return (await c.tabs.query({})).find((t) => t.url?.startsWith(u))?.id;
  }, `${servers.crm.origin}/?`);
  const popup = await browser.ctx.newPage();
  await popup.setViewportSize({ width: 760, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html${tabId ? `?tab=${tabId}` : ''}`);
  await popup.waitForTimeout(1000);
  const list = await popup.screenshot();
  const row = popup.locator('[data-testid="row"]').first();
  await row.click();
  await popup.waitForTimeout(500);
  const detail = await popup.screenshot();
  const framed = async (png: Buffer, caption: string, file: string) => {
    const page = await browser.ctx.newPage();
    await page.setViewportSize(SIZE);
    const img = `data:image/png;base64,${png.toString('base64')}`;
    await page.setContent(
      `<body style="margin:0;height:800px;display:flex;align-items:center;gap:48px;padding:0 56px;box-sizing:border-box;background:linear-gradient(135deg,#1e3a8a,#2563eb);font:600 34px/1.3 system-ui,sans-serif;color:#fff">
        <div style="flex:1">${caption}</div>
        <img src="${img}" style="width:760px;border-radius:12px;box-shadow:0 20px 60px rgba(0,0,0,.45)">
      </body>`,
    );
    await page.screenshot({ path: join(OUT, file) });
    await page.close();
  };
  await framed(
    list,
    'Every chat event, rule match and CRM delivery, live in the popup.',
    '2-popup-inspector.png',
  );
  await framed(
    detail,
    'Open any event: its fields, the raw payload, and what each action did.',
    '3-popup-event-detail.png',
  );

  const options = await browser.ctx.newPage();
  await options.setViewportSize(SIZE);
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForTimeout(1000);
  await options.screenshot({ path: join(OUT, '4-options-rules.png') });
  console.log(`screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await servers.close();
}
