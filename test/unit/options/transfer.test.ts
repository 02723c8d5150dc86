import { describe, expect, it } from 'vitest';
import { type Settings, SettingsSchema } from '../../../src/config/settings';
import { buildExport, parseImport, referencedSecrets } from '../../../src/ui/options/transfer';

const settings: Settings = SettingsSchema.parse({
  sites: [
    {
      id: 'crm',
      name: 'CRM',
      matches: ['https://crm.example.com/*'],
      platforms: { roxchat: { origins: ['https://acme.rox.chat'] } },
    },
  ],
  rules: [
    {
      id: 'note',
      name: 'note',
      when: { events: ['message.created'] },
      then: [
        {
          kind: 'http',
          url: 'https://crm.example.com/api/notes',
          headers: { Authorization: 'Bearer {{ secrets.crm_token }}' },
          body: { type: 'json', value: { text: '{{ message.text }}' } },
        },
      ],
    },
  ],
  journalLimit: 800,
  onechatDirect: { url: 'https://chat.example.com', pubsubTokenSecret: 'pubsub' },
});

describe('settings import/export', () => {
  it('export → import round-trips, secrets by name only', () => {
    const exported = buildExport(settings, ['unused_key'], new Date('2025-01-01T00:00:00Z'));
    expect(exported.secrets).toEqual(['crm_token', 'pubsub', 'unused_key']);
    const text = JSON.stringify(exported, null, 2);
    const back = parseImport(text);
    expect(back).toEqual({ ok: true, settings, secrets: ['crm_token', 'pubsub', 'unused_key'] });
    if (!back.ok) throw new Error();
    expect(buildExport(back.settings, ['unused_key'], new Date('2025-01-01T00:00:00Z'))).toEqual(exported);
  });

  it('a bare settings object imports too', () => {
    expect(parseImport(JSON.stringify(settings))).toMatchObject({ ok: true, settings });
  });

  it('an invalid value names its exact path in the file and its zod message', () => {
    const bad = buildExport(settings, []);
    (bad.settings.rules[0] as { when: { events: string[] } }).when.events = ['Not An Event'];
    const r = parseImport(JSON.stringify(bad));
    expect(r).toEqual({
      ok: false,
      path: 'settings.rules.0.when.events.0',
      error: 'settings.rules.0.when.events.0: a canonical type (message.created) or platform:sourceEvent',
    });
  });

  it('a bad site pattern, in a bare settings object', () => {
    const r = parseImport(
      JSON.stringify({ sites: [{ id: 's', matches: ['crm.example.com'], platforms: {} }] }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe('sites.0.matches.0: a match pattern like https://crm.example.com/*');
  });

  it('broken JSON says where', () => {
    const r = parseImport('{\n  "rules": [,]\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^not valid JSON/);
  });

  it('not an object, managed entries, and a bad secrets list are refused', () => {
    expect(parseImport('[]')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/expected an object/),
    });
    const managed = buildExport(settings, []);
    (managed.settings.rules[0] as { managed: boolean }).managed = true;
    expect(parseImport(JSON.stringify(managed))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/managed/),
    });
    const secrets = { ...buildExport(settings, []), secrets: [1] };
    expect(parseImport(JSON.stringify(secrets))).toMatchObject({ ok: false, path: 'secrets' });
  });

  it('never exports a secret value, whatever the settings hold', () => {
    const text = JSON.stringify(buildExport(settings, ['crm_token']));
    expect(text).not.toMatch(/"value"\s*:\s*"[^{]/);
    expect(referencedSecrets(settings)).toEqual(['crm_token', 'pubsub']);
  });
});
