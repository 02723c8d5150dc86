import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../config/settings';
import { t } from '../../util/i18n';
import { plainError } from '../shared/errors';
import { DeliveriesPanel } from './deliveries/DeliveriesPanel';
import { GeneralPanel } from './general/GeneralPanel';
import { LinksPanel } from './links/LinksPanel';
import { PolicyPanel } from './policy/PolicyPanel';
import { RulesPanel } from './rules/RulesPanel';
import { SecretsPanel } from './secrets/SecretsPanel';
import { SetupPanel } from './setup/SetupPanel';
import { SitesPanel } from './sites/SitesPanel';
import { TestsPanel } from './tests/TestsPanel';
import { TransferPanel } from './transfer/TransferPanel';
import type { Notice, PanelProps } from './types';
import { type SaveResult, useOptionsData } from './useOptionsData';

const TABS = [
  { id: 'setup', label: t('options.tabs.setup') },
  { id: 'sites', label: t('options.tabs.sites') },
  { id: 'rules', label: t('options.tabs.rules') },
  { id: 'tests', label: t('tests.tab') },
  { id: 'secrets', label: t('options.tabs.secrets') },
  { id: 'general', label: t('options.tabs.general') },
  { id: 'deliveries', label: t('options.tabs.deliveries') },
  { id: 'links', label: t('options.tabs.links') },
  { id: 'transfer', label: t('options.tabs.transfer') },
  { id: 'policy', label: t('options.tabs.policy') },
] as const;
type TabId = (typeof TABS)[number]['id'];

const tabFromHash = (): TabId => {
  // `#sites?edit=…`: the part after `?` is the tab's own (sites/deep-link.ts).
  const h = location.hash.replace(/^#/, '').split('?')[0] ?? '';
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
    async (next: Settings, done = t('options.saved')): Promise<boolean> => {
      const r: SaveResult = await save(next);
      if (!r.ok) setNotice({ kind: 'bad', text: t('options.notSaved', { error: plainError(r.error) }) });
      else setNotice(r.warning ? { kind: 'warn', text: `${done} ${r.warning}` } : { kind: 'ok', text: done });
      return r.ok;
    },
    [save],
  );

  if (!data) return <main className="loading">{t('options.loading')}</main>;
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
        <h1>{t('options.title')}</h1>
        <nav aria-label={t('options.sections')} className="tabs">
          {TABS.map((x) => (
            <a
              key={x.id}
              href={`#${x.id}`}
              aria-current={tab === x.id ? 'page' : undefined}
              className={tab === x.id ? 'tab active' : 'tab'}
              data-testid={`tab-${x.id}`}
            >
              {x.label}
            </a>
          ))}
        </nav>
      </header>
      {policy.error && tab !== 'policy' ? (
        <div className="banner bad" role="alert" data-testid="policy-error-banner">
          <strong>{t('options.policyError')}</strong> {policy.error}{' '}
          <a href="#policy">{t('options.details')}</a>
        </div>
      ) : null}
      {data.error ? (
        <div className="banner warn" role="alert">
          {t('options.storedInvalid', { error: plainError(data.error) })}
        </div>
      ) : null}
      <p className={`status ${notice?.kind ?? ''}`} role="status" aria-live="polite" data-testid="status">
        {notice?.text}
      </p>
      <main id="panel" aria-label={TABS.find((x) => x.id === tab)?.label}>
        {tab === 'setup' && <SetupPanel effective={data.effective} secrets={secrets} />}
        {tab === 'sites' && <SitesPanel {...props} policy={policy} />}
        {tab === 'rules' && <RulesPanel {...props} policy={policy} secrets={secrets} />}
        {tab === 'tests' && <TestsPanel {...props} secrets={secrets} />}
        {tab === 'secrets' && <SecretsPanel {...props} secrets={secrets} reload={reload} />}
        {tab === 'general' && <GeneralPanel {...props} policy={policy} secrets={secrets} />}
        {tab === 'deliveries' && <DeliveriesPanel notify={setNotice} />}
        {tab === 'links' && <LinksPanel />}
        {tab === 'transfer' && <TransferPanel {...props} secrets={secrets} />}
        {tab === 'policy' && <PolicyPanel policy={policy} effective={data.effective} />}
      </main>
    </div>
  );
}
