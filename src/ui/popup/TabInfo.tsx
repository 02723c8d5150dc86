import { type ReactNode, useState } from 'react';
import { browser } from 'wxt/browser';
import { platformLabel } from '../../platforms/agent';
import type { TabStatus } from '../../protocol';
import { t } from '../../util/i18n';
import { plainError } from '../shared/errors';
import { AddSite } from './AddSite';
import { hostOf, originOf } from './format';
import { MissingSocketHint } from './Reattach';
import { openSites } from './settingsLink';
import { WorkspaceFlags } from './TrustOrigin';

const SOCKET_CLASS: Record<string, string> = {
  connecting: 'warn',
  connected: 'ok',
  subscribed: 'ok',
  disconnected: 'bad',
  rejected: 'bad',
};

/** Socket platforms whose connection lines TabHeader.tsx draws (with OneChat's direct mode). */
const SOCKETS_IN_TAB_HEADER = new Set(['onechat']);

/** One line per detected workspace: platform, frame origin and, for WebSocket platforms, the state. */
export function workspaceRows(
  status: TabStatus,
): Array<{ key: string; platform: string; origin: string; state?: string; detail?: string }> {
  const rows: Array<{ key: string; platform: string; origin: string; state?: string; detail?: string }> = [];
  // One line per platform and origin: two frames of one workspace origin are one workspace to the user.
  const seen = new Set<string>();
  for (const w of status.workspaces) {
    const key = `w-${w.platform}-${w.origin}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ key, platform: w.platform, origin: w.origin });
  }
  for (const s of status.sockets) {
    if (SOCKETS_IN_TAB_HEADER.has(s.platform)) continue;
    const origin = originOf(s.url.replace(/^ws/, 'http')) ?? s.url;
    rows.push({
      key: `s${s.frameId}-${s.url}`,
      platform: s.platform,
      origin,
      state: s.state,
      detail: s.detail,
    });
  }
  return rows;
}

/**
 * The current tab: which agent workspaces were detected, whether the site is configured (else a
 * "Configure" button opening the options page) and permitted (else a one-click grant).
 */
export function TabInfo({
  status,
  tabId,
  onChanged,
  children,
}: {
  status?: TabStatus;
  tabId?: number;
  onChanged: () => void;
  /** Further connection lines (TabHeader: OneChat sockets and direct mode). */
  children?: ReactNode;
}) {
  const [grantError, setGrantError] = useState('');
  /** "Add this site" was clicked: keep its outcome on screen once the tab becomes configured. */
  const [adding, setAdding] = useState(false);
  if (tabId === undefined || !status) {
    return (
      <section className="tabinfo" aria-label={t('popup.tab.ariaLabel')} data-testid="tab-status">
        <span className="muted">{tabId === undefined ? t('popup.tab.none') : t('popup.tab.reading')}</span>
        {children}
      </section>
    );
  }
  const origin = originOf(status.url);
  const grant = () => {
    if (!origin) return;
    setGrantError('');
    // Called straight from the click: permissions.request needs the user gesture.
    browser.permissions
      .request({ origins: [`${origin}/*`] })
      .then((granted) => {
        if (!granted) setGrantError(t('popup.tab.notGranted'));
        onChanged();
      })
      .catch((e: unknown) => setGrantError(plainError(String((e as Error).message ?? e))));
  };
  const rows = workspaceRows(status);
  return (
    <section className="tabinfo" aria-label={t('popup.tab.ariaLabel')} data-testid="tab-status">
      <div className="tabinfo-line">
        <span className="tab-host" title={status.url}>
          {hostOf(status.url) || t('popup.tab.tabNumber', { id: status.tabId })}
        </span>
        {status.configured ? (
          <span className="pill ok" data-testid="configured">
            {t('popup.tab.configured')}
          </span>
        ) : (
          <>
            <span className="pill muted" data-testid="configured">
              {t('popup.tab.notConfigured')}
            </span>
            {origin && (
              <button
                type="button"
                className="small"
                onClick={() => openSites({ add: origin })}
                data-testid="configure"
              >
                {t('popup.tab.configure')}
              </button>
            )}
          </>
        )}
        {origin &&
          (status.permitted ? (
            <span className="pill ok" data-testid="permitted">
              {t('popup.tab.accessGranted')}
            </span>
          ) : (
            <>
              <span className="pill warn" data-testid="permitted">
                {t('popup.tab.noAccess')}
              </span>
              <button type="button" className="small" onClick={grant}>
                {t('popup.tab.grant', { host: hostOf(status.url) })}
              </button>
            </>
          ))}
        {status.paused && <span className="pill warn">{t('popup.tab.capturePaused')}</span>}
      </div>
      {(!status.configured || adding) && origin && (
        <AddSite status={status} onAdding={() => setAdding(true)} onChanged={onChanged} />
      )}
      {status.configured && origin && <WorkspaceFlags status={status} onChanged={onChanged} />}
      {status.configured && !adding && <MissingSocketHint status={status} />}
      {grantError && (
        <div className="bad" role="alert">
          {grantError}
        </div>
      )}
      <ul className="workspaces" aria-label={t('popup.tab.workspaces')} data-testid="workspaces">
        {rows.length === 0 && status.sockets.length === 0 ? (
          <li className="muted">{t('popup.tab.noWorkspace')}</li>
        ) : (
          rows.map((r) => (
            <li key={r.key}>
              <span className={`chip p-${r.platform}`}>{platformLabel(r.platform)}</span>
              <span className="mono" title={r.origin}>
                {r.origin}
              </span>
              {r.state && (
                <span className={`pill ${SOCKET_CLASS[r.state] ?? 'muted'}`} title={r.detail}>
                  {r.state}
                </span>
              )}
            </li>
          ))
        )}
      </ul>
      {children}
    </section>
  );
}
