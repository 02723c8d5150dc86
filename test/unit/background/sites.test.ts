// Issue 14 item 7 (sites): a user site cannot widen what a managed site trusts. Where a managed site
// covers a page, only managed sites decide its platforms and workspace origins; elsewhere user sites
// work as before. Effective settings are built exactly as the worker builds them (mergeWithPolicy).
import { describe, expect, it } from 'vitest';
import { bridgeConfigFor, platformAllowedAt, sitesAt } from '../../../src/background/sites';
import { mergeWithPolicy, parsePolicy } from '../../../src/config/policy';
import { type SettingsInput, SettingsSchema } from '../../../src/config/settings';

const ADMIN_WS = 'https://acme.rox.chat';
const EVIL_WS = 'https://evil.example';

const managedSites = [
  {
    id: 'crm',
    name: 'Managed CRM',
    matches: ['https://crm.example.com/*'],
    platforms: { roxchat: { origins: [ADMIN_WS] } },
  },
];

function effective(userSites: SettingsInput['sites']) {
  const p = parsePolicy({ sites: managedSites });
  if (!p.ok) throw new Error(p.error);
  return mergeWithPolicy(SettingsSchema.parse({ sites: userSites }), p.policy);
}

const origins = (s: ReturnType<typeof effective>['settings'], url: string, id = 'roxchat') =>
  bridgeConfigFor(s, url).platforms.find((p) => p.id === id)?.origins;

type Row = [string, SettingsInput['sites'], string, string, boolean];
const table: Row[] = [
  [
    'same pattern as the managed site: the user origin is not trusted',
    [{ id: 'mine', matches: ['https://crm.example.com/*'], platforms: { roxchat: { origins: [EVIL_WS] } } }],
    'https://crm.example.com/deals/1',
    EVIL_WS,
    false,
  ],
  [
    'a narrower pattern inside the managed site: not trusted either',
    [
      {
        id: 'mine',
        matches: ['https://crm.example.com/deals/*'],
        platforms: { roxchat: { origins: [EVIL_WS] } },
      },
    ],
    'https://crm.example.com/deals/1',
    EVIL_WS,
    false,
  ],
  [
    'a wider pattern (any host): not trusted on the managed pages',
    [{ id: 'mine', matches: ['*://*/*'], platforms: { roxchat: { origins: [EVIL_WS] } } }],
    'https://crm.example.com/',
    EVIL_WS,
    false,
  ],
  [
    'the managed origin stays trusted next to a user site on the same page',
    [{ id: 'mine', matches: ['https://crm.example.com/*'], platforms: { roxchat: { origins: [EVIL_WS] } } }],
    'https://crm.example.com/',
    ADMIN_WS,
    true,
  ],
  [
    'the wider user site still works on pages no managed site covers',
    [{ id: 'mine', matches: ['*://*/*'], platforms: { roxchat: { origins: [EVIL_WS] } } }],
    'https://other.example.org/',
    EVIL_WS,
    true,
  ],
  [
    'a user site on its own URL trusts its own origins',
    [
      {
        id: 'mine',
        matches: ['https://mycrm.example.net/*'],
        platforms: { roxchat: { origins: [EVIL_WS] } },
      },
    ],
    'https://mycrm.example.net/x',
    EVIL_WS,
    true,
  ],
];

describe('managed sites cannot be widened by user sites', () => {
  it.each(table)('%s', (_label, userSites, url, origin, trusted) => {
    const { settings } = effective(userSites);
    expect(origins(settings, url)?.includes(origin) ?? false).toBe(trusted);
    // The worker's re-check of every capture uses the same answer.
    expect(platformAllowedAt(settings, url, 'roxchat', origin, 'postMessage')).toBe(trusted);
  });

  it('a user site adds no platform to a managed page either', () => {
    const { settings } = effective([
      { id: 'mine', matches: ['https://crm.example.com/*'], platforms: { ucontact: { origins: [EVIL_WS] } } },
    ]);
    expect(bridgeConfigFor(settings, 'https://crm.example.com/').platforms.map((p) => p.id)).toEqual([
      'roxchat',
    ]);
    expect(platformAllowedAt(settings, 'https://crm.example.com/', 'ucontact', EVIL_WS, 'postMessage')).toBe(
      false,
    );
    expect(sitesAt(settings, 'https://crm.example.com/').map((s) => s.id)).toEqual(['crm']);
  });

  it('a user site claiming to be managed gains nothing (merge clears the flag)', () => {
    const { settings } = effective([
      {
        id: 'mine',
        managed: true,
        matches: ['https://crm.example.com/*'],
        platforms: { roxchat: { origins: [EVIL_WS] } },
      },
    ]);
    expect(origins(settings, 'https://crm.example.com/')).toEqual([ADMIN_WS]);
  });

  it('the options page is told why, for overlapping user sites only', () => {
    const { ignored } = effective([
      { id: 'same', matches: ['https://crm.example.com/*'], platforms: { roxchat: { origins: [EVIL_WS] } } },
      { id: 'wide', matches: ['https://*.example.com/*'], platforms: { roxchat: { origins: [EVIL_WS] } } },
      {
        id: 'apart',
        matches: ['https://mycrm.example.net/*'],
        platforms: { roxchat: { origins: [EVIL_WS] } },
      },
    ]);
    expect(ignored).toEqual([
      expect.stringMatching(/^user site "same": on pages your organisation's site “Managed CRM” also covers/),
      expect.stringMatching(
        /^user site "wide": .*only your organisation's platforms and trusted origins apply/,
      ),
    ]);
  });
});
