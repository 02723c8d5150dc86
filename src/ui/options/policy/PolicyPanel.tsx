import { POLICY_KEYS, type PolicyStatus } from '../../../config/policy';
import type { Settings } from '../../../config/settings';

const KEY_HELP: Record<string, string> = {
  rules: 'Rules every agent runs (read-only here)',
  sites: 'Sites, platforms and trusted workspace origins (read-only here)',
  userRulesAllowed: 'Whether your own rules run',
  userSitesAllowed: 'Whether your own sites are used',
  lockedSettings: 'Settings you cannot change (shown with a lock)',
  recommended: 'Suggestions added to your own settings once: yours to change or remove',
  secrets: 'API keys for managed rules (never shown)',
  journalRetention: 'How many events the journal keeps',
};

/** What the administrator's policy delivered (docs/admin.md “What agents see”). */
export function PolicyPanel({ policy, effective }: { policy: PolicyStatus; effective: Settings }) {
  const received = new Set(policy.keysReceived);
  const managedRules = effective.rules.filter((r) => r.managed).length;
  const managedSites = effective.sites.filter((s) => s.managed).length;
  return (
    <section aria-labelledby="policy-h" data-testid="policy-panel">
      <div className="section-head">
        <h2 id="policy-h">Organisation policy</h2>
      </div>
      {policy.error ? (
        <div className="banner bad" role="alert" data-testid="policy-error">
          <strong>The newest policy is invalid and was not applied.</strong>
          <pre className="policy-error">{policy.error}</pre>
        </div>
      ) : null}
      <p className="lead">
        {policy.present
          ? `A policy from your organisation is in force${policy.appliedAt ? ` (received ${new Date(policy.appliedAt).toLocaleString()})` : ''}: ${managedSites} managed site(s), ${managedRules} managed rule(s).`
          : 'No policy from your organisation is in force.'}{' '}
        Browsers silently drop a policy value that does not fit the extension’s schema: a key your
        administrator set but that is missing below was dropped.
      </p>
      <table className="keys" data-testid="policy-keys">
        <thead>
          <tr>
            <th scope="col">Policy key</th>
            <th scope="col">Received</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {POLICY_KEYS.map((k) => (
            <tr key={k} data-testid={`policy-key-${k}`} className={received.has(k) ? 'received' : ''}>
              <th scope="row">
                <code>{k}</code>
              </th>
              <td>
                {received.has(k) ? <span className="ok">✓ received</span> : <span className="muted">—</span>}
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
                <td className="warn">received</td>
                <td className="warn">unknown key: ignored</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h3>Ignored</h3>
      {policy.ignored.length ? (
        <ul className="ignored" data-testid="policy-ignored">
          {policy.ignored.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing of yours is overridden.</p>
      )}
    </section>
  );
}
