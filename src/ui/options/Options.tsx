import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../config/settings';
import { GeneralPanel } from './general/GeneralPanel';
import { PolicyPanel } from './policy/PolicyPanel';
import { RulesPanel } from './rules/RulesPanel';
import { SecretsPanel } from './secrets/SecretsPanel';
import { SetupPanel } from './setup/SetupPanel';
import { SitesPanel } from './sites/SitesPanel';
import { TransferPanel } from './transfer/TransferPanel';
import type { Notice, PanelProps } from './types';
import { type SaveResult, useOptionsData } from './useOptionsData';

const TABS = [
  { id: 'setup', label: 'Get started' },
  { id: 'sites', label: 'Sites' },
  { id: 'rules', label: 'Rules' },
  { id: 'secrets', label: 'Secrets' },
  { id: 'general', label: 'General' },
  { id: 'transfer', label: 'Import / export' },
  { id: 'policy', label: 'Organisation policy' },
] as const;
type TabId = (typeof TABS)[number]['id'];

const tabFromHash = (): TabId => {
  const h = location.hash.replace(/^#/, '');
  return TABS.some((t) => t.id === h) ? (h as TabId) : 'sites';
};

/** The options page: sites, rules (form editor with live preview), secrets, import/export, policy. */
export function Options() {
  const { data, secrets, reload, save } = useOptionsData();
  const [tab, setTab] = useState<TabId>(tabFromHash);
  const [notice, setNotice] = useState<Notice>();

  useEffect(() => {
    const on = () => {
      setTab(tabFromHash());
      setNotice(undefined);
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);

  const saveWith = useCallback(
    async (next: Settings, done = 'Saved.'): Promise<boolean> => {
      const r: SaveResult = await save(next);
      if (!r.ok) setNotice({ kind: 'bad', text: `Not saved: ${r.error}` });
      else setNotice(r.warning ? { kind: 'warn', text: `${done} ${r.warning}` } : { kind: 'ok', text: done });
      return r.ok;
    },
    [save],
  );

  if (!data) return <main className="loading">Loading settings…</main>;
  const props: PanelProps = {
    settings: data.settings,
    effective: data.effective,
    save: saveWith,
    notify: setNotice,
  };
  const policy = data.policy;

  return (
    <div className="options">
      <header className="top">
        <h1>CRM Bridge settings</h1>
        <nav aria-label="Settings sections" className="tabs">
          {TABS.map((t) => (
            <a
              key={t.id}
              href={`#${t.id}`}
              aria-current={tab === t.id ? 'page' : undefined}
              className={tab === t.id ? 'tab active' : 'tab'}
              data-testid={`tab-${t.id}`}
            >
              {t.label}
            </a>
          ))}
        </nav>
      </header>
      {policy.error && tab !== 'policy' ? (
        <div className="banner bad" role="alert" data-testid="policy-error-banner">
          <strong>Your organisation’s policy could not be applied:</strong> {policy.error}{' '}
          <a href="#policy">Details</a>
        </div>
      ) : null}
      {data.error ? (
        <div className="banner warn" role="alert">
          Stored settings were invalid and defaults are in use: {data.error}
        </div>
      ) : null}
      <p className={`status ${notice?.kind ?? ''}`} role="status" aria-live="polite" data-testid="status">
        {notice?.text}
      </p>
      <main id="panel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {tab === 'setup' && <SetupPanel effective={data.effective} secrets={secrets} />}
        {tab === 'sites' && <SitesPanel {...props} policy={policy} />}
        {tab === 'rules' && <RulesPanel {...props} policy={policy} secrets={secrets} />}
        {tab === 'secrets' && <SecretsPanel {...props} secrets={secrets} reload={reload} />}
        {tab === 'general' && <GeneralPanel {...props} policy={policy} secrets={secrets} />}
        {tab === 'transfer' && <TransferPanel {...props} secrets={secrets} />}
        {tab === 'policy' && <PolicyPanel policy={policy} effective={data.effective} />}
      </main>
    </div>
  );
}
