// The enterprise package (issue 19): a CRX3 whose required host permissions are exactly what the admin's
// policy needs, a self-hosted update manifest, and the browser policy entries that force-install it.
// scripts/package-enterprise.ts is the command line; docs/admin.md "Two ways to deploy" explains it.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import crx3 from 'crx3';
import { enterpriseManifest } from '../../src/config/enterprise-manifest';
import { parsePolicy } from '../../src/config/policy';

/** Chrome's extension id: the first 32 hex digits of sha256(SPKI DER), each digit mapped 0–f → a–p. */
export function extensionIdFromSpki(spkiDer: Buffer): string {
  const hex = createHash('sha256').update(spkiDer).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

export interface PackageKey {
  /** Path of the PEM private key (PKCS#8). */
  path: string;
  /** true when this run generated it. */
  generated: boolean;
  /** Base64 SPKI DER, the manifest `key`. */
  publicKey: string;
  id: string;
}

/** Loads the PEM at `keyPath`, or generates a 2048-bit RSA key at `fallbackPath` (never commit it). */
export function loadOrCreateKey(keyPath: string | undefined, fallbackPath: string): PackageKey {
  let path = keyPath;
  let generated = false;
  if (!path) {
    path = fallbackPath;
    if (!existsSync(path)) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      generated = true;
    }
  }
  const priv = createPrivateKey(readFileSync(path));
  const der = createPublicKey(priv).export({ type: 'spki', format: 'der' });
  return { path, generated, publicKey: der.toString('base64'), id: extensionIdFromSpki(der) };
}

/** The policies that force-install the package and hand it `policy` (Chrome/Chromium policy JSON). */
export function deploymentPolicies(id: string, updateUrl: string, policy: unknown) {
  return {
    ExtensionInstallForcelist: [`${id};${updateUrl}`],
    ExtensionSettings: { [id]: { installation_mode: 'force_installed', update_url: updateUrl } },
    '3rdparty': { extensions: { [id]: policy } },
  };
}

const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });

export interface PackageOptions {
  /** The admin policy as deployed (wire form: JSON-encoded strings where docs/admin.md says so). */
  policy: unknown;
  /** A built Chrome MV3 extension folder (wxt build output). */
  buildDir: string;
  outDir: string;
  /** Where update.xml and the CRX are served from, e.g. https://intranet.example.com/crm-bridge/ */
  baseUrl: string;
  keyPath?: string;
}

export interface PackageResult {
  id: string;
  key: PackageKey;
  crxPath: string;
  updateXmlPath: string;
  updateUrl: string;
  manifest: Record<string, unknown>;
  policies: ReturnType<typeof deploymentPolicies>;
}

/** Builds the enterprise folder, CRX3 and update.xml into `outDir`. Throws on a policy that fails validation. */
export async function packageEnterprise(o: PackageOptions): Promise<PackageResult> {
  const parsed = parsePolicy(o.policy);
  if (!parsed.ok) throw new Error(`the policy is not valid: ${parsed.error}`);
  const outDir = resolve(o.outDir);
  mkdirSync(outDir, { recursive: true });
  const key = loadOrCreateKey(o.keyPath, join(outDir, 'crm-bridge-enterprise.pem'));
  const base = o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`;
  const updateUrl = new URL('update.xml', base).href;
  const crxUrl = new URL('crm-bridge.crx', base).href;

  const unpacked = join(outDir, 'unpacked');
  rmSync(unpacked, { recursive: true, force: true });
  cpSync(resolve(o.buildDir), unpacked, { recursive: true });
  const manifestPath = join(unpacked, 'manifest.json');
  const manifest = enterpriseManifest(
    JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>,
    parsed.policy,
    { publicKey: key.publicKey, updateUrl },
  );
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const crxPath = join(outDir, 'crm-bridge.crx');
  const updateXmlPath = join(outDir, 'update.xml');
  const info = (await crx3(listFiles(unpacked), {
    keyPath: key.path,
    crxPath,
    xmlPath: updateXmlPath,
    crxURL: crxUrl,
  })) as { appId?: string };
  if (info.appId && info.appId !== key.id)
    throw new Error(`the packer computed id ${info.appId}, expected ${key.id}`);
  return {
    id: key.id,
    key,
    crxPath,
    updateXmlPath,
    updateUrl,
    manifest,
    policies: deploymentPolicies(key.id, updateUrl, o.policy),
  };
}
