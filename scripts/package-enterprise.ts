// npm run package:enterprise -- --policy <policy.json> --base-url <https://host/path/> --out <dir>
//                               [--key <pem>] [--from <built extension folder>]
// Builds the enterprise package (docs/admin.md "Two ways to deploy"): a CRX3 whose required host
// permissions are exactly the policy's sites and the origins its rules call, update.xml, and prints the
// policy entries that force-install it. Logic: scripts/lib/enterprise.ts, src/config/enterprise-manifest.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageEnterprise } from './lib/enterprise';

const ROOT = join(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    policy: { type: 'string' },
    key: { type: 'string' },
    out: { type: 'string' },
    'base-url': { type: 'string' },
    from: { type: 'string' },
  },
});

if (!values.policy || !values.out || !values['base-url']) {
  console.error(
    'usage: npm run package:enterprise -- --policy <policy.json> --base-url <https://host/path/> --out <dir> [--key <pem>] [--from <built extension folder>]',
  );
  process.exit(2);
}

let buildDir = values.from;
if (!buildDir) {
  execFileSync('npx', ['tsx', 'scripts/gen-managed-schema.ts'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  buildDir = join(ROOT, '.output/chrome-mv3');
}

const policy = JSON.parse(readFileSync(values.policy, 'utf8')) as unknown;
const r = await packageEnterprise({
  policy,
  buildDir,
  outDir: values.out,
  baseUrl: values['base-url'],
  ...(values.key ? { keyPath: values.key } : {}),
});

console.log(`Extension id: ${r.id}`);
console.log(`CRX:          ${r.crxPath}`);
console.log(`update.xml:   ${r.updateXmlPath} (serve both at ${r.updateUrl.replace(/update\.xml$/, '')})`);
if (r.key.generated)
  console.log(
    `A new private key was written to ${r.key.path}. Keep it safe and outside version control: every later version must be signed with it, or browsers see a different extension.`,
  );
console.log(`Required host permissions: ${JSON.stringify(r.manifest.host_permissions)}`);
console.log('\nChrome/Chromium policy (Linux: a JSON file in /etc/opt/chrome/policies/managed/):');
console.log(JSON.stringify(r.policies, null, 2));
