import { useEffect, useState } from 'react';
import { matchesPattern } from '../../config/match-pattern';
import type { Settings } from '../../config/settings';
import type { PlatformId } from '../../events/types';
import { getPlatform } from '../../platforms';
import type { TabStatus } from '../../protocol';
import { t } from '../../util/i18n';
import { request } from '../api';
import { type ProbeResult, probeTab } from './probe';

/**
 * Pure: the user's settings with `origin` trusted for `platform` on the first user site covering
 * `pageUrl` (the platform ticked if it was not). Undefined when no user site covers the page (the
 * organisation's sites are not the user's to change).
 */
export function trustOrigin(
  settings: Settings,
  pageUrl: string,
  platform: PlatformId,
  origin: string,
): { settings: Settings; siteId: string } | undefined {
  const site = settings.sites.find((s) => !s.managed && s.matches.some((m) => matchesPattern(m, pageUrl)));
  if (!site) return undefined;
  const current = site.platforms[platform] ?? { enabled: true, origins: [] };
  const next = {
    ...site,
    platforms: {
      ...site.platforms,
      [platform]: { ...current, enabled: true, origins: [...new Set([...current.origins, origin])] },
    },
  };
  return {
    settings: { ...settings, sites: settings.sites.map((s) => (s === site ? next : s)) },
    siteId: site.id,
  };
}

/** "Trust this origin": adds it to the site of the tab's page, from the click. */
export function TrustButton({
  tabId,
  platform,
  origin,
  onDone,
}: {
  tabId: number;
  platform: PlatformId;
  origin: string;
  onDone?(): void;
}) {
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const trust = () =>
    void (async () => {
      const status = await request({ type: 'tab.status', tabId });
      const loaded = await request({ type: 'settings.get' });
      const next = status.url ? trustOrigin(loaded.settings, status.url, platform, origin) : undefined;
      if (!next) {
        setResult({ ok: false, text: t('popup.trust.noSite') });
        return;
      }
      const r = await request({ type: 'settings.save', settings: next.settings });
      setResult(
        r.ok ? { ok: true, text: t('popup.trust.trusted') } : { ok: false, text: t('popup.trust.failed') },
      );
      onDone?.();
    })();
  if (result)
    return (
      <span className={result.ok ? 'ok' : 'bad'} role="status" data-testid="trust-result">
        {result.text}
      </span>
    );
  return (
    <button type="button" className="small" onClick={trust} data-testid="trust-origin">
      {t('popup.trust.button')}
    </button>
  );
}

/** Workspaces the probe sees in the page that the site does not trust (or whose platform is not ticked). */
export function untrustedWorkspaces(
  probe: ProbeResult,
  status: TabStatus,
): Array<{ platform: PlatformId; label: string; origin: string }> {
  return probe.detected
    .flatMap((d) => d.origins.map((origin) => ({ platform: d.platform, label: d.label, origin })))
    .filter((x) => !status.workspaces.some((w) => w.platform === x.platform && w.origin === x.origin));
}

/**
 * On a configured page: a workspace frame the site does not trust is flagged in the header instead of
 * the tab looking healthy while its messages are ignored or rejected.
 */
export function WorkspaceFlags({ status, onChanged }: { status: TabStatus; onChanged(): void }) {
  const [probe, setProbe] = useState<ProbeResult>();
  useEffect(() => {
    if (!status.url) return;
    probeTab(status.tabId, status.url)
      .then((p) => setProbe(p))
      .catch(() => undefined);
  }, [status.tabId, status.url]);
  if (!probe) return null;
  const flags = untrustedWorkspaces(probe, status);
  if (flags.length === 0) return null;
  return (
    <ul className="workspace-flags" aria-label={t('popup.trust.flagsAria')}>
      {flags.map((f) => (
        <li key={`${f.platform}|${f.origin}`} className="warn" data-testid="workspace-flag">
          {t('popup.trust.flag', { platform: getPlatform(f.platform)?.label ?? f.label, origin: f.origin })}{' '}
          <TrustButton tabId={status.tabId} platform={f.platform} origin={f.origin} onDone={onChanged} />
        </li>
      ))}
    </ul>
  );
}
