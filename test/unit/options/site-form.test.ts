import { describe, expect, it } from 'vitest';
import { SiteSchema } from '../../../src/config/settings';
import {
  hostPermission,
  permissionsToRevoke,
  ruleOrigins,
  siteFromForm,
  siteToForm,
  staticOrigin,
  suggestMatchPattern,
  suggestOrigin,
  uniqueId,
} from '../../../src/ui/options/site-form';

describe('site helpers', () => {
  it.each([
    ['crm.example.com', 'https://crm.example.com/*'],
    ['CRM.Example.com/contacts?id=1', 'https://crm.example.com/*'],
    ['https://crm.example.com', 'https://crm.example.com/*'],
    ['https://crm.example.com/app/contacts', 'https://crm.example.com/*'],
    ['http://crm.example.com:8080/x', 'http://crm.example.com:8080/*'],
    ['*.example.com', 'https://*.example.com/*'],
    ['localhost:3000', 'http://localhost:3000/*'],
    ['127.0.0.1:4000', 'http://127.0.0.1:4000/*'],
  ])('suggests a match pattern for %s', (input, expected) => {
    expect(suggestMatchPattern(input)).toBe(expected);
  });

  it.each([
    '',
    'https://crm.example.com/*',
    'not a host!',
    'ftp://x/',
  ])('no pattern suggestion for %j', (input) => {
    expect(suggestMatchPattern(input)).toBeUndefined();
  });

  it.each([
    ['acme.rox.chat', 'https://acme.rox.chat'],
    ['https://acme.rox.chat/operator/', 'https://acme.rox.chat'],
    ['127.0.0.2:4002', 'http://127.0.0.2:4002'],
  ])('suggests an origin for %s', (input, expected) => expect(suggestOrigin(input)).toBe(expected));

  it('no origin suggestion for an origin', () =>
    expect(suggestOrigin('https://acme.rox.chat')).toBeUndefined());

  it('form ↔ site', () => {
    const { site, issues } = siteFromForm({
      id: 'crm',
      name: 'CRM',
      matches: ['https://crm.example.com/*', ''],
      platforms: {
        roxchat: { origins: ['https://acme.rox.chat', ''], socketUrlSuffix: '' },
        onechat: { origins: [], socketUrlSuffix: '/cable' },
      },
    });
    expect(issues).toEqual([]);
    expect(site).toEqual(
      SiteSchema.parse({
        id: 'crm',
        name: 'CRM',
        matches: ['https://crm.example.com/*'],
        platforms: {
          roxchat: { origins: ['https://acme.rox.chat'] },
          onechat: { socketUrlSuffix: '/cable' },
        },
      }),
    );
    if (site) expect(siteFromForm(siteToForm(site)).site).toEqual(site);
  });

  it('site problems carry their paths', () => {
    const r = siteFromForm({
      id: 'x',
      name: '',
      matches: ['crm.example.com'],
      platforms: { roxchat: { origins: ['acme'], socketUrlSuffix: '' } },
    });
    expect(r.issues.map((i) => i.path)).toEqual(['matches.0', 'platforms.roxchat.origins.0']);
    expect(
      siteFromForm({ id: 'x', name: '', matches: ['https://a.example/*'], platforms: {} }).issues,
    ).toEqual([{ path: 'platforms', message: 'choose at least one platform' }]);
  });

  it('ids are unique', () => {
    expect(uniqueId('My CRM', ['my-crm', 'my-crm-2'])).toBe('my-crm-3');
    expect(uniqueId('https://crm.example.com/*', [])).toBe('crm-example-com');
    expect(uniqueId('', [], 'site')).toBe('site');
  });

  it('permissions: host patterns, http origins, and what removal may revoke', () => {
    expect(hostPermission('https://crm.example.com/app/*')).toBe('https://crm.example.com/*');
    expect(staticOrigin('https://api.hubapi.com/crm/v3/objects/notes')).toBe('https://api.hubapi.com');
    expect(staticOrigin('https://{{ x }}.example.com/')).toBeUndefined();
    expect(staticOrigin('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    const rules = [
      {
        then: [
          {
            kind: 'http' as const,
            url: 'https://api.example.com/notes',
            method: 'POST' as const,
            headers: {},
            timeoutMs: 1,
          },
        ],
      },
    ];
    expect(ruleOrigins(rules)).toEqual(['https://api.example.com/*']);
    const site = (id: string, matches: string[]) => SiteSchema.parse({ id, matches, platforms: {} });
    const removed = site('a', [
      'https://crm.example.com/*',
      'https://api.example.com/app/*',
      'https://only.example.com/*',
    ]);
    expect(permissionsToRevoke(removed, [site('b', ['https://crm.example.com/other/*'])], rules)).toEqual([
      'https://only.example.com/*',
    ]);
  });
});
