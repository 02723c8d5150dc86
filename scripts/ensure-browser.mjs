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

function main() {
  const found = findBrowser();
  if (found) {
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
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
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
