import { browser } from 'wxt/browser';
import { enabledPlatforms, type Settings } from '../config/settings';
import { getPlatform } from '../platforms';

export const BRIDGE_SCRIPT = 'bridge.js';
export const hookScript = (platformId: string) => `hook-${platformId}.js`;

interface Registration {
  id: string;
  js: string[];
  matches: string[];
  world: 'ISOLATED' | 'MAIN';
}

/**
 * Content scripts for configured sites only: the bridge on every configured site, and each page hook
 * (MAIN world) only on the sites configured for its platform. Nothing runs anywhere else.
 */
export function plannedScripts(settings: Settings): Registration[] {
  const bridge = new Set<string>();
  const hooks = new Map<string, Set<string>>();
  for (const site of settings.sites) {
    const ids = enabledPlatforms(site);
    if (ids.length === 0) continue;
    for (const m of site.matches) bridge.add(m);
    for (const id of ids) {
      const tap = getPlatform(id)?.tap;
      if (!tap || tap.kind === 'postMessage') continue;
      const set = hooks.get(id) ?? new Set<string>();
      for (const m of site.matches) set.add(m);
      hooks.set(id, set);
    }
  }
  const out: Registration[] = [];
  if (bridge.size)
    out.push({ id: 'bridge', js: [BRIDGE_SCRIPT], matches: [...bridge].sort(), world: 'ISOLATED' });
  for (const [id, set] of [...hooks].sort())
    out.push({ id: `hook-${id}`, js: [hookScript(id)], matches: [...set].sort(), world: 'MAIN' });
  return out;
}

let syncing: Promise<void> = Promise.resolve();

/** Replaces our registered content scripts with the planned set (serialised; idempotent). */
export function syncContentScripts(settings: Settings): Promise<void> {
  syncing = syncing
    .then(async () => {
      const planned = plannedScripts(settings);
      const existing = await browser.scripting.getRegisteredContentScripts();
      const key = (r: { id: string; js?: string[]; matches?: string[]; world?: string }) =>
        JSON.stringify([r.id, r.js, [...(r.matches ?? [])].sort(), r.world ?? 'ISOLATED']);
      const want = new Set(planned.map(key));
      const stale = existing.filter((r) => !want.has(key(r))).map((r) => r.id);
      if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
      const have = new Set(existing.filter((r) => want.has(key(r))).map((r) => r.id));
      const todo = planned.filter((r) => !have.has(r.id));
      if (todo.length === 0) return;
      await browser.scripting.registerContentScripts(
        todo.map((r) => ({
          id: r.id,
          js: r.js,
          matches: r.matches,
          allFrames: true,
          runAt: 'document_start' as const,
          world: r.world,
          persistAcrossSessions: true,
        })),
      );
    })
    .catch((e: unknown) => {
      console.error('[crm-bridge] content script registration failed', e);
    });
  return syncing;
}
