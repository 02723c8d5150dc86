// Host permissions from the options page. `request` must be the first thing a click handler calls:
// browsers grant the prompt only inside the user gesture.
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export function requestHosts(origins: readonly string[]): Promise<boolean> {
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.request({ origins: [...origins] }).catch(() => false);
}

export async function hasHosts(origins: readonly string[]): Promise<boolean> {
  if (origins.length === 0) return true;
  return browser.permissions.contains({ origins: [...origins] }).catch(() => false);
}

/** Revokes each origin separately: one the manifest requires (test builds) cannot go and is skipped. */
export async function revokeHosts(origins: readonly string[]): Promise<void> {
  for (const o of origins) await browser.permissions.remove({ origins: [o] }).catch(() => false);
}

/** Which of `patterns` the extension may access now; follows grants and revocations live. */
export function useHostAccess(patterns: readonly string[]): Record<string, boolean> {
  const key = [...new Set(patterns)].sort().join('\n');
  const [state, setState] = useState<Record<string, boolean>>({});
  const refresh = useCallback(async () => {
    const list = key ? key.split('\n') : [];
    const entries = await Promise.all(list.map(async (p) => [p, await hasHosts([p])] as const));
    setState(Object.fromEntries(entries));
  }, [key]);
  useEffect(() => {
    void refresh();
    const on = () => void refresh();
    browser.permissions.onAdded.addListener(on);
    browser.permissions.onRemoved.addListener(on);
    return () => {
      browser.permissions.onAdded.removeListener(on);
      browser.permissions.onRemoved.removeListener(on);
    };
  }, [refresh]);
  return state;
}
