// Renders assets/icon.svg (the one source) to public/icon/<size>.png with Chromium.
// Run after changing the SVG: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { browserPath } from '../test/harness/browser';
import { REPO_ROOT } from '../test/harness/servers/http';

const SIZES = [16, 32, 48, 96, 128];
const svg = readFileSync(join(REPO_ROOT, 'assets/icon.svg'), 'utf8');
const out = join(REPO_ROOT, 'public/icon');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: browserPath(),
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: join(out, `${size}.png`), omitBackground: true });
}
await browser.close();
console.log(`icons: ${SIZES.map((s) => `${s}.png`).join(', ')} in public/icon`);
