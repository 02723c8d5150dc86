import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PolicyStatus } from '../../config/policy';
import type { Settings } from '../../config/settings';
import { request } from '../api';

export interface Loaded {
  /** What the user stored (never managed entries). */
  settings: Settings;
  /** Defaults < user < policy: what runs. */
  effective: Settings;
  /** Stored settings were invalid (defaults in use). */
  error?: string;
  policy: PolicyStatus;
}

/** As the worker lists them (src/secrets/store.ts): names and OAuth 2 status, never values. */
export type { SecretInfo } from '../../secrets/store';

export type SaveResult = { ok: true; warning?: string } | { ok: false; error: string };

/** Settings, policy status and secret names from the worker; `save` stores user settings and reloads. */
export function useOptionsData() {
  const [data, setData] = useState<Loaded>();
  const [secrets, setSecrets] = useState<import('../../secrets/store').SecretInfo[]>([]);

  const reload = useCallback(async () => {
    const [loaded, s] = await Promise.all([
      request({ type: 'settings.get' }),
      request({ type: 'secrets.list' }),
    ]);
    setData(loaded);
    setSecrets(s.secrets ?? []);
  }, []);

  const save = useCallback(
    async (next: Settings): Promise<SaveResult> => {
      const r = await request({ type: 'settings.save', settings: next });
      await reload();
      return r;
    },
    [reload],
  );

  useEffect(() => {
    void reload();
    // Another options tab, the popup (pause) or a policy change: stay current.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'settings' in changes) void reload();
    };
    const onFocus = () => void reload();
    browser.storage.onChanged.addListener(onStorage);
    window.addEventListener('focus', onFocus);
    return () => {
      browser.storage.onChanged.removeListener(onStorage);
      window.removeEventListener('focus', onFocus);
    };
  }, [reload]);

  return { data, secrets, reload, save };
}
