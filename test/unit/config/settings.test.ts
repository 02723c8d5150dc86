import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compileMatchPattern } from '../../../src/config/match-pattern';
import { settingsMigrations } from '../../../src/config/migrations';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema } from '../../../src/config/settings';
import { loadSettings, saveSettings, settingsItem } from '../../../src/config/store';

const fixture = (v: number) =>
  JSON.parse(readFileSync(join(__dirname, `../../fixtures/settings/v${v}.json`), 'utf8'));

beforeEach(() => fakeBrowser.reset());

describe('versioned settings storage', () => {
  it('has one migration per version step, each with a committed fixture that validates after migrating', () => {
    for (let v = 2; v <= SETTINGS_VERSION; v++) {
      const step = settingsMigrations[v];
      expect(step, `migration to v${v}`).toBeTypeOf('function');
      expect(SettingsSchema.safeParse(step?.(fixture(v - 1))).success).toBe(true);
    }
    expect(Object.keys(settingsMigrations).length).toBe(SETTINGS_VERSION - 1);
  });

  it('v1 → v2 sets aside, with the reason, the rules issue 14 refuses, and turns plain-text direct mode off', () => {
    const before = JSON.parse(
      readFileSync(join(__dirname, '../../fixtures/settings/v1-tightened.json'), 'utf8'),
    );
    const after = SettingsSchema.parse(settingsMigrations[2]?.(before));
    expect(after.rules.map((r) => r.id)).toEqual(['note']);
    expect(after.setAside.map((x) => (x.rule as { id: string }).id)).toEqual(['lookahead', 'host']);
    expect(after.setAside[0]?.reason).toMatch(/look-ahead/);
    expect(after.setAside[1]?.reason).toMatch(/host/i);
    // Kept exactly as stored, so nothing the user wrote is lost.
    expect(after.setAside[1]?.rule).toEqual(before.rules[2]);
    expect(after.onechatDirect).toMatchObject({ url: 'https://chat.example.com', enabled: false });
  });

  it('a v1 store with such a rule loads through WXT storage instead of falling back to defaults', async () => {
    const before = JSON.parse(
      readFileSync(join(__dirname, '../../fixtures/settings/v1-tightened.json'), 'utf8'),
    );
    // A v1 store has no version mark (WXT writes none for version 1); migrations run when the worker loads.
    await fakeBrowser.storage.local.set({ settings: before });
    await settingsItem.migrate();
    const r = await loadSettings();
    expect(r.ok).toBe(true);
    expect(r.settings.rules.map((x) => x.id)).toEqual(['note']);
    expect(r.settings.setAside).toHaveLength(2);
  });

  it('the current-version fixture validates', () => {
    expect(SettingsSchema.safeParse(fixture(SETTINGS_VERSION)).success).toBe(true);
  });

  it('round-trips through WXT storage (fake browser)', async () => {
    const s = SettingsSchema.parse(fixture(1));
    await saveSettings(s);
    expect(await loadSettings()).toEqual({ ok: true, settings: s });
  });

  it('corrupt stored settings fall back to defaults with a precise error, never a throw', async () => {
    await settingsItem.setValue({ sites: [{ id: 'x', matches: ['not a pattern'], platforms: {} }] });
    const r = await loadSettings();
    expect(r.ok).toBe(false);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    if (!r.ok) expect(r.error).toMatch(/sites\.0\.matches\.0/);
  });
});

describe('match patterns (with ports)', () => {
  it.each([
    ['https://crm.example.com/*', 'https://crm.example.com/a?b', true],
    ['https://crm.example.com/*', 'http://crm.example.com/a', false],
    ['*://crm.example.com/*', 'http://crm.example.com/a', true],
    ['https://*.example.com/*', 'https://a.b.example.com/', true],
    ['https://*.example.com/*', 'https://example.com/', true],
    ['https://*.example.com/*', 'https://evilexample.com/', false],
    ['http://127.0.0.1:4100/*', 'http://127.0.0.1:4100/x', true],
    ['http://127.0.0.1:4100/*', 'http://127.0.0.1:4200/x', false],
    ['http://127.0.0.1/*', 'http://127.0.0.1:4200/x', true],
    ['https://crm.example.com/app/*', 'https://crm.example.com/other', false],
    ['<all_urls>', 'https://x.y/', true],
  ])('%s vs %s → %s', (pattern, url, expected) => {
    expect(compileMatchPattern(pattern)?.test(url)).toBe(expected);
  });

  it.each(['crm.example.com', 'ftp://x/*', 'https://cr*m.com/*'])('rejects %s', (p) => {
    expect(compileMatchPattern(p)).toBeUndefined();
  });
});
