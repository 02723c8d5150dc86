import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Site } from '../../config/settings';
import type { PlatformId } from '../../events/types';
import { PLATFORMS } from '../../platforms';
import { platformLabel } from '../../platforms/agent';
import type { TabStatus } from '../../protocol';
import { t } from '../../util/i18n';
import { request } from '../api';
import { uniqueId } from '../options/site-form';
import { type ProbeResult, probeTab, SOCKET_PLATFORMS } from './probe';
import { ReloadButton } from './Reattach';

/** The site the popup adds: this page's origin, the ticked workspaces and their detected origins. */
export function siteFromProbe(
  probe: ProbeResult,
  chosen: Record<string, PlatformId | ''>,
  takenIds: readonly string[],
): Site {
  const host = new URL(probe.origin).host;
  const platforms: Site['platforms'] = {};
  for (const [origin, platform] of Object.entries(chosen)) {
    if (!platform) continue;
    const cfg = platforms[platform] ?? { enabled: true, origins: [] };
    if (origin && !/^(api|ws):/.test(origin)) cfg.origins = [...new Set([...cfg.origins, origin])];
    platforms[platform] = cfg;
  }
  return {
    id: uniqueId(host, takenIds, 'site'),
    name: host,
    matches: [`${probe.origin}/*`],
    platforms,
    managed: false,
  };
}

/** Initial choices: each recognised origin ticked for its platform; page-API platforms as `api:<id>`. */
function initialChoice(probe: ProbeResult): Record<string, PlatformId | ''> {
  const out: Record<string, PlatformId | ''> = {};
  for (const d of probe.detected) {
    if (d.origins.length === 0) out[`api:${d.platform}`] = d.platform;
    for (const o of d.origins) out[o] = d.platform;
  }
  for (const o of probe.otherOrigins) out[o] = '';
  // A dashboard WebSocket cannot be seen by the probe: offered unticked, to choose by hand.
  for (const id of SOCKET_PLATFORMS) out[`ws:${id}`] = '';
  return out;
}

/**
 * On an unconfigured page: a one-off probe of the tab finds embedded agent workspaces and offers
 * "Add this site" with the host and the detected origins filled in; the click also asks for access
 * to the site (permissions.request needs the click's user gesture, so it comes first).
 */
export function AddSite({
  status,
  onAdding,
  onChanged,
}: {
  status: TabStatus;
  onAdding(): void;
  onChanged(): void;
}) {
  const [probe, setProbe] = useState<ProbeResult | null>();
  const [chosen, setChosen] = useState<Record<string, PlatformId | ''>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string }>();

  useEffect(() => {
    if (!status.url) return;
    probeTab(status.tabId, status.url)
      .then((p) => {
        setProbe(p ?? null);
        if (p) setChosen(initialChoice(p));
      })
      .catch(() => setProbe(null));
  }, [status.tabId, status.url]);

  if (probe === undefined) return <p className="muted">{t('popup.addSite.looking')}</p>;
  if (probe === null) return null;

  const add = () => {
    const granted = browser.permissions.request({ origins: [`${probe.origin}/*`] });
    onAdding();
    void (async () => {
      const ok = await granted.catch(() => false);
      const loaded = await request({ type: 'settings.get' });
      const taken = [...loaded.effective.sites, ...loaded.settings.sites].map((s) => s.id);
      const site = siteFromProbe(probe, chosen, taken);
      const r = await request({
        type: 'settings.save',
        settings: { ...loaded.settings, sites: [...loaded.settings.sites, site] },
      });
      if (!r.ok) setMessage({ kind: 'bad', text: t('popup.addSite.failed') });
      else if (!ok)
        setMessage({
          kind: 'bad',
          text: t('popup.addSite.noAccess'),
        });
      else setMessage({ kind: 'ok', text: t('popup.addSite.added') });
      onChanged();
    })();
  };

  const entries = Object.entries(chosen);
  const found = entries.filter(([o]) => !o.startsWith('ws:'));
  if (message?.kind === 'ok')
    return (
      <p className="ok" role="status" data-testid="add-site-status">
        {message.text} {t('popup.attach.hint')} <ReloadButton tabId={status.tabId} url={status.url} />{' '}
        <button
          type="button"
          className="link"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/options.html#setup') })}
        >
          {t('popup.addSite.openSettings')}
        </button>
      </p>
    );
  return (
    <div className="add-site" data-testid="add-site-box">
      {found.length === 0 && <p className="muted">{t('popup.addSite.none')}</p>}
      {entries.length > 0 && (
        <ul className="probe-list" aria-label={t('popup.addSite.found')}>
          {entries.map(([origin, platform]) =>
            origin.startsWith('ws:') ? (
              <li key={origin}>
                <select
                  aria-label={t('popup.attach.socketAria')}
                  value={platform}
                  onChange={(e) => setChosen({ ...chosen, [origin]: e.target.value as PlatformId | '' })}
                  data-testid={`probe-${origin}`}
                >
                  <option value="">{t('popup.addSite.notWorkspace')}</option>
                  <option value={origin.slice(3)}>{platformLabel(origin.slice(3))}</option>
                </select>
                <span className="muted">{t('popup.attach.socketLine')}</span>
              </li>
            ) : (
              <li key={origin}>
                <select
                  aria-label={
                    origin.startsWith('api:')
                      ? t('popup.addSite.atThisPage')
                      : t('popup.addSite.at', { origin })
                  }
                  value={platform}
                  onChange={(e) => setChosen({ ...chosen, [origin]: e.target.value as PlatformId | '' })}
                  data-testid={`probe-${origin}`}
                >
                  <option value="">{t('popup.addSite.notWorkspace')}</option>
                  {PLATFORMS.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
                <span className="mono">{origin.startsWith('api:') ? t('popup.addSite.inPage') : origin}</span>
              </li>
            ),
          )}
        </ul>
      )}
      <button type="button" className="small primary" onClick={add} data-testid="add-site">
        {t('popup.addSite.add')}
      </button>
      {message ? (
        <p className="bad" role="alert" data-testid="add-site-status">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
