// Sample events for the rule editor (live preview, "Test this rule", path autocomplete), from the
// platform registry: every seed fixture normalised as the worker would. Pure.
import type { BridgeEvent } from '../../events/model';
import { CANONICAL_TYPES, type PlatformId } from '../../events/types';
import type { EventEntry } from '../../journal/types';
import { PLATFORMS } from '../../platforms';
import { CANONICAL_EVENT_PATHS } from '../../rules/validate';
import { t } from '../../util/i18n';
import { formatTime } from '../shared/format';

export interface Sample {
  key: string;
  label: string;
  /** Platform label, or "Recent events". */
  group: string;
  event: BridgeEvent;
}

const CTX = {
  receivedAt: Date.UTC(2025, 0, 15, 10, 30),
  origin: 'https://workspace.example.com',
  page: { url: 'https://crm.example.com/contacts/42', title: 'Sample CRM page' },
  tabId: -1,
  frameId: 0,
};

let cached: Sample[] | undefined;

/** Every event the seed fixtures normalise into (rejected fixtures are skipped). */
export function fixtureSamples(): Sample[] {
  if (cached) return cached;
  const out: Sample[] = [];
  for (const p of PLATFORMS) {
    for (const f of p.fixtures) {
      if (f.expectTypes.length === 0) continue;
      const r = p.normalize(f.raw, CTX);
      if (!r.ok) continue;
      r.events.forEach((event, i) => {
        const suffix = r.events.length > 1 ? ` #${i + 1}` : '';
        out.push({
          key: `fixture:${p.id}:${f.name}:${i}`,
          label: `${f.name}${suffix} → ${event.type}`,
          group: p.label,
          event,
        });
      });
    }
  }
  cached = out;
  return out;
}

export function journalSamples(entries: readonly unknown[]): Sample[] {
  return entries
    .filter((e): e is EventEntry => (e as EventEntry)?.kind === 'event' && !!(e as EventEntry).event)
    .map((e) => ({
      key: `journal:${e.seq ?? e.eventId}`,
      label: `${formatTime(e.at)} ${e.platform} ${e.type}`,
      group: t('options.ruleEditor.recentGroup'),
      event: e.event,
    }));
}

const selects = (e: BridgeEvent, events: readonly string[], platforms: readonly string[]) =>
  (events.length === 0 || events.includes(e.type) || events.includes(`${e.platform}:${e.sourceEvent}`)) &&
  (platforms.length === 0 || platforms.includes(e.platform));

/** The first sample the rule would listen to (else the first sample at all). */
export function pickSample(
  samples: readonly Sample[],
  events: readonly string[],
  platforms: readonly string[],
): Sample | undefined {
  return samples.find((s) => selects(s.event, events, platforms)) ?? samples[0];
}

/** Canonical paths, always offered even when the sample lacks them (the rule checks' list). */
export const CANONICAL_PATHS = CANONICAL_EVENT_PATHS;

const SEGMENT = /^[\w$-]+$/;

/** Dotted paths of an event (canonical ones first, then every leaf and object under `data`). */
export function eventPaths(event: BridgeEvent | undefined, max = 400): string[] {
  const out = new Set(CANONICAL_PATHS);
  const walk = (v: unknown, path: string, depth: number) => {
    if (out.size >= max || depth > 8) return;
    if (path) out.add(path);
    if (v === null || typeof v !== 'object') return;
    const entries = Array.isArray(v)
      ? v.slice(0, 5).map((x, i) => [String(i), x] as const)
      : Object.entries(v);
    for (const [k, child] of entries) {
      if (!SEGMENT.test(k)) continue;
      walk(child, path ? `${path}.${k}` : k, depth + 1);
    }
  };
  if (event) walk(event.data, 'data', 0);
  return [...out];
}

export interface SelectorOption {
  value: string;
  label: string;
}

/** Event picker: canonical types, then each platform's own `platform:sourceEvent` names. */
export function selectorOptions(): SelectorOption[] {
  const canonical = CANONICAL_TYPES.map((type) => ({
    value: type,
    label: t('options.ruleEditor.anyPlatformType', { type }),
  }));
  const own = PLATFORMS.flatMap((p) =>
    Object.keys(p.schemas)
      // A source event with a colon (OneChat's user:logout, page:reload) is a control signal no rule can
      // name (nor would it ever be routed): not offered.
      .filter((src) => !src.includes(':'))
      .map((src) => ({ value: `${p.id}:${src}`, label: `${p.label}: ${src}` })),
  );
  return [...canonical, ...own];
}

export interface CommandOption {
  platform: PlatformId;
  name: string;
  description: string;
}

/** Commands the workspaces accept (of the chosen platforms, or all). */
export function commandOptions(platforms: readonly PlatformId[] = []): CommandOption[] {
  return PLATFORMS.filter((p) => platforms.length === 0 || platforms.includes(p.id)).flatMap((p) =>
    Object.entries(p.commands).map(([name, spec]) => ({
      platform: p.id,
      name,
      description: spec.description,
    })),
  );
}
