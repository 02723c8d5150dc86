import { useEffect, useState } from 'react';
import type { ActionDiff } from '../../../replay/diff';
import type { PolicyTestsRun } from '../../../replay/policy-run';
import type { TestResult } from '../../../replay/saved-test';
import { t, tn } from '../../../util/i18n';
import { request } from '../../api';
import { formatDateTime, showRequest } from '../../shared/format';

/** How often the view asks again (the worker reruns the tests when the policy changes). */
const REFRESH_MS = 4000;

/** One change in a sentence: which rule, what it does differently. */
function changeSentence(a: ActionDiff): string {
  const rule = a.ruleName || a.ruleId;
  if (a.error) return t('policyTests.cannotRender', { rule, error: a.error });
  if (a.change === 'added') return t('policyTests.added', { rule, kind: a.kind });
  if (a.change === 'removed') return t('policyTests.removed', { rule, kind: a.kind });
  return a.kind === 'http'
    ? t('policyTests.changedRequest', { rule })
    : t('policyTests.changedAction', { rule });
}

function Side({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <h5>{label}</h5>
      {value === undefined ? (
        <p className="muted">{t('policyTests.nothing')}</p>
      ) : (
        <pre className="policy-test-req">{showRequest(value)}</pre>
      )}
    </div>
  );
}

function Failure({ r }: { r: TestResult }) {
  const sentences = [...new Set(r.changes.map(changeSentence))];
  return (
    <li className="policy-test" data-testid="policy-test-failure" data-test={r.id}>
      <p>
        <strong>{t('policyTests.fails', { name: r.name })}</strong> {sentences.join('; ')}
      </p>
      <ul className="policy-test-changes">
        {r.changes.map((a) => (
          <li
            key={`${a.ruleId}-${a.index}-${a.change}`}
            data-testid="policy-test-change"
            data-change={a.change}
          >
            <p className="muted">
              {a.ruleName || a.ruleId} · {a.kind} #{a.index + 1}
            </p>
            <div className="policy-test-sides">
              <Side label={t('policyTests.expected')} value={a.before} />
              <Side label={t('policyTests.now')} value={a.after} />
            </div>
          </li>
        ))}
      </ul>
    </li>
  );
}

const ranSentence = (run: PolicyTestsRun): string => {
  const subs = { when: formatDateTime(run.at), version: run.version };
  if (run.reason === 'install') return t('policyTests.ranInstall', subs);
  if (run.reason === 'update') return t('policyTests.ranUpdate', subs);
  return t('policyTests.ranChange', subs);
};

/**
 * The organisation's tests (issue 20, "Tests in policy"): how many pass, which fail and why (the rule
 * named, the expected and the current request side by side, secrets by name), when and by which
 * extension version they ran, and the tests the policy holds that could not be used.
 */
export function PolicyTests() {
  const [run, setRun] = useState<PolicyTestsRun | undefined>();
  useEffect(() => {
    let live = true;
    const load = () =>
      request({ type: 'policy.tests' })
        .then((r) => live && setRun(r.run))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!run) return null;
  const failing = run.results.filter((r) => !r.pass);
  return (
    <section aria-labelledby="policy-tests-h" data-testid="policy-tests">
      <h3 id="policy-tests-h">{t('policyTests.title')}</h3>
      {run.total > 0 && (
        <p className={failing.length ? 'bad' : 'ok'} data-testid="policy-tests-summary">
          {tn('policyTests.summary', run.total, { passed: run.passed })}
        </p>
      )}
      <p className="muted" data-testid="policy-tests-ran">
        {ranSentence(run)}
      </p>
      {failing.length > 0 && (
        <ul className="policy-tests" data-testid="policy-tests-failing">
          {failing.map((r) => (
            <Failure key={r.id} r={r} />
          ))}
        </ul>
      )}
      {run.rejected.length > 0 && (
        <div className="banner warn" data-testid="policy-tests-rejected">
          <p>{tn('policyTests.rejected', run.rejected.length)}</p>
          <ul>
            {run.rejected.map((x) => (
              <li key={x.index}>
                {x.index < 0
                  ? x.problem
                  : t('policyTests.rejectedOne', {
                      n: x.index + 1,
                      name: x.name ?? x.id ?? '—',
                      problem: x.problem,
                    })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
