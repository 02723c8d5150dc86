// Finds a Chromium that can load an unpacked extension; installs Debian's `chromium` when we can
// (root with apt-get), otherwise stops with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

export function findBrowser() {
  if (process.env.CHROME_PATH)
    return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * Debian's Chromium shows its UI in another language only with its language packs (chromium-l10n);
 * the locale e2e test (test/e2e/i18n-locales.test.ts) needs them. Installed when we can, else said.
 */
function ensureLanguagePacks(isRoot, hasApt) {
  if (process.env.CHROME_PATH || !existsSync('/usr/bin/chromium')) return;
  if (existsSync('/usr/lib/chromium/locales/es.pak') || existsSync('/usr/share/doc/chromium-l10n')) return;
  if (isRoot && hasApt) {
    console.log(
      'Installing Debian package "chromium-l10n" (Chromium in es, pt-BR, ru for the locale tests)…',
    );
    execFileSync(
      'sh',
      [
        '-c',
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-l10n >/dev/null',
      ],
      { stdio: 'inherit' },
    );
  } else {
    console.warn(
      'Chromium language packs missing: sudo apt-get install -y chromium-l10n (locale tests need them).',
    );
  }
}

function main() {
  const isRootEarly = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasAptEarly = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  const found = findBrowser();
  if (found) {
    ensureLanguagePacks(isRootEarly, hasAptEarly);
    console.log(`browser: ${found}`);
    return;
  }
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH=${process.env.CHROME_PATH} does not exist.`);
    process.exit(1);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log('No Chromium found: installing Debian package "chromium" (apt-get)…');
    execFileSync(
      'sh',
      [
        '-c',
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n >/dev/null',
      ],
      { stdio: 'inherit' },
    );
    if (findBrowser()) return;
  }
  console.error(
    [
      'No Chromium found. CRM Bridge tests and the demo need Chromium (branded Google Chrome 137+ ignores --load-extension).',
      'Install it with:   sudo apt-get install -y chromium      (Debian/Ubuntu)',
      'or point CHROME_PATH at a Chromium binary:   CHROME_PATH=/path/to/chromium npm test',
    ].join('\n'),
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
