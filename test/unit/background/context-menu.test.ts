import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickedTarget, menuItems } from '../../../src/background/context-menu';
import { SettingsSchema } from '../../../src/config/settings';
import { PLATFORMS } from '../../../src/platforms';
import { agentStarts, PLATFORM_META, platformLabel } from '../../../src/platforms/agent';
import type { SeenEvent } from '../../../src/platforms/agent-types';

const root = join(__dirname, '../../..');

const settings = SettingsSchema.parse({
  sites: [
    {
      id: 'crm',
      matches: ['https://crm.example.com/*'],
      platforms: { roxchat: { origins: ['https://acme.rox.chat'] } },
    },
    {
      id: 'shop',
      matches: ['https://shop.example.com/*'],
      platforms: { jivochat: {}, kommo: {}, ucontact: { enabled: false } },
    },
  ],
});

describe('the agent-startable registry (src/platforms/<id>/agent.ts)', () => {
  it.each(
    PLATFORMS.map((p) => [p.id, p] as const),
  )('%s: same display name as the registry, commands that exist', (id, p) => {
    expect(platformLabel(id)).toBe(p.label);
    for (const s of agentStarts(id)) expect(Object.keys(p.commands)).toContain(s.command);
  });

  it('covers every platform once', () => {
    expect(PLATFORM_META.map((m) => m.id).sort()).toEqual(PLATFORMS.map((p) => p.id).sort());
  });
});

describe('menuItems: built from the configured sites', () => {
  it('one item per start of each enabled platform, on that platform’s sites only', () => {
    expect(menuItems(settings)).toEqual([
      {
        id: 'jivochat:call-back',
        title: 'JivoChat: call back',
        contexts: ['selection', 'link'],
        documentUrlPatterns: ['https://shop.example.com/*'],
      },
      {
        id: 'roxchat:start-chat',
        title: 'Start a Rox.Chat chat',
        contexts: ['selection', 'link'],
        documentUrlPatterns: ['https://crm.example.com/*'],
      },
    ]);
  });

  it('no sites, no menu', () => {
    expect(menuItems(SettingsSchema.parse({}))).toEqual([]);
  });
});

describe('clickedTarget', () => {
  it.each([
    [{ selectionText: ' +1 (555) 010-2000 ' }, { text: '+1 (555) 010-2000', target: 'phone' }],
    [{ selectionText: 'maria@example.com' }, { text: 'maria@example.com', target: 'email' }],
    [{ selectionText: 'Maria Garcia' }, { text: 'Maria Garcia', target: 'selection' }],
    [{ selectionText: '4-1GQDLH42' }, { text: '4-1GQDLH42', target: 'selection' }],
    [{ linkUrl: 'tel:+15550102000' }, { text: '+15550102000', target: 'phone' }],
    [{ linkUrl: 'mailto:maria@example.com?subject=x' }, { text: 'maria@example.com', target: 'email' }],
    [{ selectionText: '   ' }, undefined],
    [{}, undefined],
  ])('%j → %j', (info, want) => {
    expect(clickedTarget(info)).toEqual(want);
  });
});

const seenRox: SeenEvent[] = [
  { contact: { name: 'Ivan' }, data: { params: { sessionId: 'other' } } },
  {
    contact: {
      platformId: 'e01baca71a28557b52b4e6038d12bcb8',
      externalId: '12345',
      crmId: '4-1GQDLH42',
      phone: '+7 900 000-11-22',
    },
    data: { params: { roxchatVisitorId: 'e01baca71a28557b52b4e6038d12bcb8', sessionId: 'c8405a4e' } },
  },
];
const roxOk = {
  ok: true,
  params: { roxchatVisitorId: 'e01baca71a28557b52b4e6038d12bcb8', sessionId: 'c8405a4e' },
};

describe('what each platform builds from a selection', () => {
  const start = (platform: 'roxchat' | 'ucontact' | 'jivochat') => {
    const s = agentStarts(platform)[0];
    if (!s) throw new Error(`${platform} declares no start`);
    return s;
  };
  it.each([
    ['roxchat', '4-1GQDLH42', 'selection', seenRox, roxOk],
    ['roxchat', '12345', 'selection', seenRox, roxOk],
    ['roxchat', '79000001122', 'phone', seenRox, roxOk],
    ['roxchat', 'e01baca71a28557b52b4e6038d12bcb8', 'selection', seenRox, roxOk],
    ['roxchat', 'Nobody', 'selection', seenRox, { ok: false }],
    [
      'ucontact',
      '+5491100',
      'phone',
      [{ data: { event: 'assignedInteraction', data: { campaign: 'Sales', channel: 'voice' } } }],
      { ok: true, params: { campaign: 'Sales', channel: 'voice', clientId: '+5491100' } },
    ],
    ['ucontact', '+5491100', 'phone', [], { ok: false }],
    ['jivochat', '+7 900 000-11-22', 'phone', [], { ok: true, params: { phone: '+7 900 000-11-22' } }],
  ] as const)('%s on %s (%s)', (platform, text, target, seen, want) => {
    expect(start(platform).params({ text, target, seen })).toMatchObject(want);
  });
});

describe('src/background/context-menu.ts names no platform', () => {
  it('has no platform id or display name in its code (they come from src/platforms/<id>/agent.ts)', () => {
    const code = readFileSync(join(root, 'src/background/context-menu.ts'), 'utf8')
      .replace(/\/\/.*$/gm, '')
      .toLowerCase();
    for (const p of PLATFORMS) {
      expect(code).not.toContain(p.id);
      expect(code).not.toContain(p.label.toLowerCase());
    }
  });
});
