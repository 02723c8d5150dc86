// Store screenshots (1280×800, the Chrome Web Store / Edge / AMO size) generated from the demo:
// the demo CRM receiving actions, the popup inspector, and the options page.
// `npm run store:screenshots` → docs/store/screenshots/*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, send } from '../demo/browser';
import { demoSettings } from '../demo/config';
import { crmScenario, onechatScenario, type Step, websiteScenario } from '../demo/scenario';
import { startDemoServers } from '../demo/servers';
import { REPO_ROOT } from '../demo/servers/http';

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

  const popup = await browser.ctx.newPage();
  await popup.setViewportSize(SIZE);
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.waitForTimeout(1000);
  await popup.screenshot({ path: join(OUT, '2-popup-inspector.png') });
  const row = popup.locator('[data-testid="row"]').first();
  if (await row.count()) {
    await row.click();
    await popup.waitForTimeout(500);
    await popup.screenshot({ path: join(OUT, '3-popup-event-detail.png') });
  }

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
