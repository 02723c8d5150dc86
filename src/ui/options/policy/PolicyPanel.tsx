import { POLICY_KEYS, type PolicyStatus } from '../../../config/policy';
import type { Settings } from '../../../config/settings';
import { t, tn } from '../../../util/i18n';
import { formatDateTime } from '../../shared/format';
import { PolicyTests } from './PolicyTests';

const KEY_HELP: Record<string, string> = {
  rules: t('options.policy.keyRules'),
  sites: t('options.policy.keySites'),
  userRulesAllowed: t('options.policy.keyUserRules'),
  userSitesAllowed: t('options.policy.keyUserSites'),
  lockedSettings: t('options.policy.keyLocked'),
  recommended: t('options.policy.keyRecommended'),
  secrets: t('options.policy.keySecrets'),
  journalRetention: t('options.policy.keyJournal'),
  tests: t('policyTests.keyTests'),
};

/** What the administrator's policy delivered (docs/admin.md “What agents see”). */
export function PolicyPanel({ policy, effective }: { policy: PolicyStatus; effective: Settings }) {
  const received = new Set(policy.keysReceived);
  const managedRules = effective.rules.filter((r) => r.managed).length;
  const managedSites = effective.sites.filter((s) => s.managed).length;
  return (
    <section aria-labelledby="policy-h" data-testid="policy-panel">
      <div className="section-head">
        <h2 id="policy-h">{t('options.tabs.policy')}</h2>
      </div>
      {policy.error ? (
        <div className="banner bad" role="alert" data-testid="policy-error">
          <strong>{t('options.policy.invalid')}</strong>
          <pre className="policy-error">{policy.error}</pre>
        </div>
      ) : null}
      <p className="lead">
        {policy.present
          ? policy.appliedAt
            ? t('options.policy.inForceAt', {
                when: formatDateTime(policy.appliedAt),
                sites: tn('options.policy.sites', managedSites),
                rules: tn('options.policy.rules', managedRules),
              })
            : t('options.policy.inForce', {
                sites: tn('options.policy.sites', managedSites),
                rules: tn('options.policy.rules', managedRules),
              })
          : t('options.policy.none')}{' '}
        {t('options.policy.dropped')}
      </p>
      <PolicyTests />
      <table className="keys" data-testid="policy-keys">
        <thead>
          <tr>
            <th scope="col">{t('options.policy.key')}</th>
            <th scope="col">{t('options.policy.received')}</th>
            <th scope="col">{t('options.policy.what')}</th>
          </tr>
        </thead>
        <tbody>
          {POLICY_KEYS.map((k) => (
            <tr key={k} data-testid={`policy-key-${k}`} className={received.has(k) ? 'received' : ''}>
              <th scope="row">
                <code>{k}</code>
              </th>
              <td>
                {received.has(k) ? (
                  <span className="ok">{t('options.policy.receivedMark')}</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>{KEY_HELP[k] ?? ''}</td>
            </tr>
          ))}
          {policy.keysReceived
            .filter((k) => !(POLICY_KEYS as string[]).includes(k))
            .map((k) => (
              <tr key={k}>
                <th scope="row">
                  <code>{k}</code>
                </th>
                <td className="warn">{t('options.policy.receivedWord')}</td>
                <td className="warn">{t('options.policy.unknownKey')}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h3>{t('options.policy.ignored')}</h3>
      {policy.ignored.length ? (
        <ul className="ignored" data-testid="policy-ignored">
          {policy.ignored.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('options.policy.nothingIgnored')}</p>
      )}
    </section>
  );
}
