import { storage } from 'wxt/utils/storage';
import { settingsMigrations } from './migrations';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings, SettingsSchema } from './settings';

/** User settings: versioned WXT storage item in storage.local (holds no secrets; see src/secrets). */
export const settingsItem = storage.defineItem<unknown>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: settingsMigrations,
});

export type SettingsLoad =
  | { ok: true; settings: Settings }
  | { ok: false; error: string; settings: Settings };

/** Reads and validates stored settings; a corrupt value keeps defaults and reports why (never thrown). */
export async function loadSettings(): Promise<SettingsLoad> {
  const raw = await settingsItem.getValue();
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    settings: DEFAULT_SETTINGS,
  };
}

export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(SettingsSchema.parse(settings));
}
