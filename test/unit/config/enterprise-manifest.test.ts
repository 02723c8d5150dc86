// The enterprise package's required host permissions are exactly what the policy needs (issue 19).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extensionIdFromSpki, packageEnterprise } from '../../../scripts/lib/enterprise';
import { enterpriseHostPermissions, enterpriseManifest } from '../../../src/config/enterprise-manifest';
import { type Policy, parsePolicy } from '../../../src/config/policy';
import { EXTENSION_KEY } from '../../../wxt.config';
import { EXTENSION_ID } from '../../harness/browser';

const policy = (p: unknown): Policy => {
  const r = parsePolicy(p);
  if (!r.ok) throw new Error(r.error);
  return r.policy;
};
const http = (url: string) => ({ kind: 'http', url });
const rule = (id: string, then: unknown[]) => ({ id, when: { events: ['message.created'] }, then });
const site = (id: string, matches: string[]) => ({
  id,
  matches,
  platforms: { roxchat: { origins: ['https://w.example'] } },
});

const POLICY = {
  sites: [
    site('crm', ['https://crm.acme.com/*', 'https://*.crm.acme.com/app/*']),
    site('local', ['http://127.0.0.2:4001/*']),
  ],
  rules: [
    rule('note', [http('https://api.acme.com/notes/{{ conversation.id }}'), { kind: 'log' }]),
    rule('fixed', [
      http('https://hooks.acme.com:8443/fixed'),
      { kind: 'open-url', url: 'https://elsewhere.example/x' },
    ]),
    rule('dup', [http('https://api.acme.com/other')]),
  ],
  recommended: {
    sites: [site('wiki', ['https://wiki.acme.com/*'])],
    rules: [rule('suggest', [http('https://suggest.acme.com/{{ type }}')])],
  },
  userRulesAllowed: true,
};

describe('enterprise manifest host permissions', () => {
  it.each([
    ['no policy', {}, []],
    [
      'sites only',
      { sites: POLICY.sites },
      ['http://127.0.0.2:4001/*', 'https://*.crm.acme.com/app/*', 'https://crm.acme.com/*'],
    ],
    [
      'sites, mandatory and recommended rules: site patterns plus the http origins, no more',
      POLICY,
      [
        'http://127.0.0.2:4001/*',
        'https://*.crm.acme.com/app/*',
        'https://api.acme.com/*',
        'https://crm.acme.com/*',
        'https://hooks.acme.com:8443/*',
        'https://suggest.acme.com/*',
        'https://wiki.acme.com/*',
      ],
    ],
    [
      'tests (issue 20) are dry runs: the addresses in their events and expected requests grant nothing',
      {
        sites: POLICY.sites.slice(0, 1),
        tests: [
          {
            id: 't',
            name: 'T',
            savedAt: 1,
            event: {
              id: 'e',
              platform: 'roxchat',
              type: 'message.created',
              sourceEvent: 'newMessageAdded',
              receivedAt: 1,
              origin: 'https://event-origin.example',
              page: { url: 'https://event-page.example/', title: '' },
              tabId: 1,
              frameId: 0,
              data: '{"url":"https://payload.example/"}',
            },
            expect: [
              {
                ruleId: 'r',
                ruleName: 'R',
                index: 0,
                kind: 'http',
                rendered: { hash: 'h', preview: '{"url":"https://expected-request.example/x"}' },
              },
            ],
          },
        ],
      },
      ['https://*.crm.acme.com/app/*', 'https://crm.acme.com/*'],
    ],
  ])('%s', (_name, p, expected) => {
    expect(enterpriseHostPermissions(policy(p))).toEqual(expected);
  });

  it('the manifest rewrite replaces host_permissions, keeps optional ones and sets key and update_url', () => {
    const base = {
      name: 'CRM Bridge',
      host_permissions: ['http://127.0.0.1/*'],
      optional_host_permissions: ['https://*/*'],
      key: 'DEV',
    };
    const m = enterpriseManifest(base, policy({ sites: POLICY.sites.slice(0, 1) }), {
      publicKey: 'ENT',
      updateUrl: 'https://u.example/update.xml',
    });
    expect(m).toEqual({
      name: 'CRM Bridge',
      host_permissions: ['https://*.crm.acme.com/app/*', 'https://crm.acme.com/*'],
      optional_host_permissions: ['https://*/*'],
      key: 'ENT',
      update_url: 'https://u.example/update.xml',
    });
  });

  it('the id derivation gives the dev build its known id', () => {
    expect(extensionIdFromSpki(Buffer.from(EXTENSION_KEY, 'base64'))).toBe(EXTENSION_ID);
  });
});

describe('packageEnterprise', () => {
  const out = mkdtempSync(join(tmpdir(), 'crmb-ent-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes a CRX3 signed with a generated key, update.xml for its id and the force-install policies', async () => {
    const build = join(out, 'build');
    mkdirSync(build, { recursive: true });
    const built = {
      manifest_version: 3,
      name: 'x',
      version: '1.2.3',
      host_permissions: ['http://127.0.0.1/*'],
    };
    writeFileSync(join(build, 'manifest.json'), JSON.stringify(built));
    const r = await packageEnterprise({
      policy: POLICY,
      buildDir: build,
      outDir: join(out, 'pkg'),
      baseUrl: 'https://intranet.example/crmb',
    });
    expect(r.key.generated).toBe(true);
    expect(r.id).toMatch(/^[a-p]{32}$/);
    expect(r.id).not.toBe(EXTENSION_ID);
    const crx = readFileSync(r.crxPath);
    expect(crx.subarray(0, 4).toString()).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    const xml = readFileSync(r.updateXmlPath, 'utf8');
    expect(xml).toContain(`appid="${r.id}"`);
    expect(xml).toContain('codebase="https://intranet.example/crmb/crm-bridge.crx" version="1.2.3"');
    expect(r.policies).toEqual({
      ExtensionInstallForcelist: [`${r.id};https://intranet.example/crmb/update.xml`],
      ExtensionSettings: {
        [r.id]: {
          installation_mode: 'force_installed',
          update_url: 'https://intranet.example/crmb/update.xml',
        },
      },
      '3rdparty': { extensions: { [r.id]: POLICY } },
    });
    const manifest = JSON.parse(readFileSync(join(out, 'pkg/unpacked/manifest.json'), 'utf8'));
    expect(manifest.host_permissions).toEqual(enterpriseHostPermissions(policy(POLICY)));
    expect(existsSync(r.key.path)).toBe(true);
  });

  it('refuses a policy that fails validation', async () => {
    await expect(
      packageEnterprise({
        policy: { sites: [{ id: 'x' }] },
        buildDir: out,
        outDir: join(out, 'bad'),
        baseUrl: 'https://x.example/',
      }),
    ).rejects.toThrow(/not valid: sites\.0/);
  });
});
