// The popup's one-off probe of an unconfigured tab (issue 18): which agent workspaces does this page
// embed? Runs only when the user opens the popup on the tab (activeTab + scripting.executeScript, no
// new permission), reads the page's iframes (isolated world) and whether the page-API globals the
// registry lists exist (main world, `typeof` only), and never trusts what comes back: the answers are
// parsed with zod and only ever become suggestions the user confirms with "Add this site".
// Platform specifics come from the registry (ids, labels, taps): this file names no platform.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { PlatformId } from '../../events/types';
import { PLATFORMS } from '../../platforms';

/**
 * Platforms observed through a page WebSocket: a connection opened before the hook was injected (at
 * document_start, on configured sites only) cannot be seen by this probe or later: they are offered by
 * hand, with a reload (Reattach.tsx).
 */
export const SOCKET_PLATFORMS: readonly PlatformId[] = PLATFORMS.filter(
  (p) => p.tap.kind === 'websocket',
).map((p) => p.id);

/** What the page says, as untrusted data. */
export const ProbeAnswerSchema = z.object({
  frames: z
    .array(
      z.object({
        src: z.string().max(2000),
        id: z.string().max(200),
        title: z.string().max(300),
      }),
    )
    .max(200),
});
export const GlobalsAnswerSchema = z.array(z.string().max(100)).max(50);

export interface DetectedWorkspace {
  platform: PlatformId;
  label: string;
  origins: string[];
  /** How it was recognised, in words. */
  via: 'frame' | 'page-api';
}
export interface ProbeResult {
  /** The site's origin, from the browser's tab record (never from the page). */
  origin: string;
  detected: DetectedWorkspace[];
  /** Embedded origins no platform was recognised in: offered to the user to choose. */
  otherOrigins: string[];
}

/** Injected (isolated world): the iframes of the top document. Self-contained: serialised by the browser. */
function readFrames() {
  return {
    frames: Array.from(document.querySelectorAll('iframe'))
      .slice(0, 200)
      .map((f) => ({
        src: String(f.src || '').slice(0, 2000),
        id: String(f.id || '').slice(0, 200),
        title: String(f.title || '').slice(0, 300),
      })),
  };
}

/** Injected (main world): which of these global names exist. `typeof` only: nothing is called. */
function readGlobals(names: string[]) {
  const w = window as unknown as Record<string, unknown>;
  return names.filter((n) => {
    try {
      return typeof w[n] !== 'undefined';
    } catch {
      return false;
    }
  });
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A frame names a platform when its address, id or title contains the platform's id or label. */
function platformOfFrame(f: { src: string; id: string; title: string }): PlatformId | undefined {
  const hay = squash(`${f.src} ${f.id} ${f.title}`);
  return PLATFORMS.find(
    (p) => p.tap.kind === 'postMessage' && (hay.includes(squash(p.id)) || hay.includes(squash(p.label))),
  )?.id;
}

function httpOrigin(src: string): string | undefined {
  try {
    const u = new URL(src);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Pure: the page's (parsed) answers → what to offer. */
export function interpretProbe(tabUrl: string, frames: unknown, globals: unknown): ProbeResult | undefined {
  const origin = httpOrigin(tabUrl);
  if (!origin) return undefined;
  const parsedFrames = ProbeAnswerSchema.safeParse(frames);
  const parsedGlobals = GlobalsAnswerSchema.safeParse(globals);
  const byPlatform = new Map<PlatformId, Set<string>>();
  const other = new Set<string>();
  for (const f of parsedFrames.success ? parsedFrames.data.frames : []) {
    const o = httpOrigin(f.src);
    if (!o || o === origin) continue;
    const p = platformOfFrame(f);
    if (p) byPlatform.set(p, (byPlatform.get(p) ?? new Set()).add(o));
    else other.add(o);
  }
  const detected: DetectedWorkspace[] = [];
  for (const p of PLATFORMS) {
    const found = byPlatform.get(p.id);
    if (found) detected.push({ platform: p.id, label: p.label, origins: [...found], via: 'frame' });
    else if (
      p.tap.kind === 'page-api' &&
      parsedGlobals.success &&
      p.tap.globals.some((g) => parsedGlobals.data.includes(g))
    )
      detected.push({ platform: p.id, label: p.label, origins: [], via: 'page-api' });
  }
  for (const d of detected) for (const o of d.origins) other.delete(o);
  return { origin, detected, otherOrigins: [...other] };
}

/** Runs the probe on a tab (needs activeTab or host access to the tab's page). */
export async function probeTab(tabId: number, tabUrl: string): Promise<ProbeResult | undefined> {
  const names = PLATFORMS.flatMap((p) => (p.tap.kind === 'page-api' ? p.tap.globals : []));
  const [framesRun, globalsRun] = await Promise.all([
    browser.scripting.executeScript({ target: { tabId }, func: readFrames }),
    browser.scripting
      .executeScript({ target: { tabId }, world: 'MAIN', func: readGlobals, args: [names] })
      .catch(() => []),
  ]);
  return interpretProbe(tabUrl, framesRun[0]?.result, globalsRun[0]?.result);
}
