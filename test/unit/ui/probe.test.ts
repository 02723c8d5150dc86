import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src/config/settings';
import type { PlatformId } from '../../../src/events/types';
import { siteFromProbe } from '../../../src/ui/popup/AddSite';
import { interpretProbe } from '../../../src/ui/popup/probe';
import { trustOrigin, untrustedWorkspaces } from '../../../src/ui/popup/TrustOrigin';

const CRM = 'https://crm.example.com/contacts/42';
const frame = (src: string, id = '', title = '') => ({ src, id, title });

describe('the popup probe reads untrusted page answers', () => {
  it.each<[string, unknown, unknown, { detected: [string, string[]][]; other: string[] } | undefined]>([
    [
      'a Rox.Chat frame by its host',
      { frames: [frame('https://acme.rox.chat/l/o?x=1')] },
      [],
      {
        detected: [['roxchat', ['https://acme.rox.chat']]],
        other: [],
      },
    ],
    [
      'a uContact frame by its id',
      { frames: [frame('https://pbx.example.net/agent', 'uContact')] },
      [],
      {
        detected: [['ucontact', ['https://pbx.example.net']]],
        other: [],
      },
    ],
    [
      'a frame by its title',
      { frames: [frame('http://127.0.0.2:4000/w.html', 'ws', 'roxchat agent workspace')] },
      [],
      {
        detected: [['roxchat', ['http://127.0.0.2:4000']]],
        other: [],
      },
    ],
    [
      'an unknown embedded origin is offered, the page’s own and non-http frames are not',
      {
        frames: [
          frame('https://maps.example.org/x'),
          frame('https://crm.example.com/inner'),
          frame('about:blank'),
          frame('javascript:alert(1)'),
        ],
      },
      [],
      { detected: [], other: ['https://maps.example.org'] },
    ],
    [
      'page-API widgets by the registry’s globals',
      { frames: [] },
      ['jivo_api'],
      {
        detected: [['jivochat', []]],
        other: [],
      },
    ],
    ['a forged answer is ignored (zod)', { frames: 'lots' }, [{ evil: true }], { detected: [], other: [] }],
    ['a page that is not http(s)', { frames: [] }, [], undefined],
  ])('%s', (name, frames, globals, want) => {
    const r = interpretProbe(
      name === 'a page that is not http(s)' ? 'chrome://newtab/' : CRM,
      frames,
      globals,
    );
    if (!want) return expect(r).toBeUndefined();
    expect(r?.origin).toBe('https://crm.example.com');
    expect(r?.detected.map((d) => [d.platform, d.origins])).toEqual(want.detected);
    expect(r?.otherOrigins).toEqual(want.other);
  });

  it('builds the site from the choices (host from the tab, origins as detected)', () => {
    const probe = interpretProbe(CRM, { frames: [frame('https://acme.rox.chat/l')] }, ['jivo_api']);
    if (!probe) throw new Error('no probe');
    const site = siteFromProbe(
      probe,
      { 'https://acme.rox.chat': 'roxchat', 'api:jivochat': 'jivochat', 'https://maps.example.org': '' },
      ['crm-example-com'],
    );
    expect(site).toEqual({
      id: 'crm-example-com-2',
      name: 'crm.example.com',
      matches: ['https://crm.example.com/*'],
      platforms: {
        roxchat: { enabled: true, origins: ['https://acme.rox.chat'] },
        jivochat: { enabled: true, origins: [] },
      },
      managed: false,
    });
  });
});

describe('trusting an origin from the popup', () => {
  const settings = SettingsSchema.parse({
    sites: [
      { id: 'org', managed: true, matches: ['https://org.example.com/*'], platforms: {} },
      {
        id: 'crm',
        matches: ['https://crm.example.com/*'],
        platforms: { roxchat: { origins: ['https://a.rox.chat'] } },
      },
    ],
  });
  it.each<[string, string, PlatformId, string, Record<string, string[]> | undefined]>([
    [
      'adds a second origin',
      'https://crm.example.com/c/1',
      'roxchat',
      'https://b.rox.chat',
      { roxchat: ['https://a.rox.chat', 'https://b.rox.chat'] },
    ],
    [
      'ticks an unticked platform',
      'https://crm.example.com/',
      'ucontact',
      'https://pbx.example.net',
      { roxchat: ['https://a.rox.chat'], ucontact: ['https://pbx.example.net'] },
    ],
    [
      'never twice',
      'https://crm.example.com/',
      'roxchat',
      'https://a.rox.chat',
      { roxchat: ['https://a.rox.chat'] },
    ],
    [
      'not on the organisation’s site',
      'https://org.example.com/',
      'roxchat',
      'https://b.rox.chat',
      undefined,
    ],
    [
      'not where no site covers the page',
      'https://other.example.com/',
      'roxchat',
      'https://b.rox.chat',
      undefined,
    ],
  ])('%s', (_, url, platform, origin, want) => {
    const r = trustOrigin(settings, url, platform, origin);
    if (!want) return expect(r).toBeUndefined();
    const site = r?.settings.sites.find((s) => s.id === r.siteId);
    expect(
      Object.fromEntries(Object.entries(site?.platforms ?? {}).map(([k, v]) => [k, v?.origins])),
    ).toEqual(want);
  });

  it('flags detected workspaces the tab status does not list as trusted', () => {
    const probe = interpretProbe(
      CRM,
      { frames: [frame('https://a.rox.chat/x'), frame('https://pbx.example.net/', 'uContact')] },
      [],
    );
    if (!probe) throw new Error('no probe');
    const status = {
      tabId: 1,
      configured: true,
      permitted: true,
      paused: false,
      sockets: [],
      workspaces: [{ platform: 'roxchat', origin: 'https://a.rox.chat', url: '', frameId: 3 }],
    };
    expect(untrustedWorkspaces(probe, status)).toEqual([
      { platform: 'ucontact', label: 'uContact', origin: 'https://pbx.example.net' },
    ]);
  });
});
