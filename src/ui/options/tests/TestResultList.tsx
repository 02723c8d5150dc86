import type { TestResult } from '../../../replay/saved-test';
import { t } from '../../../util/i18n';
import { ActionChange } from '../../popup/ReplayDiff';

/**
 * What a failing saved test shows: the rules whose behaviour changes and each added, removed or changed
 * action with the rendered requests side by side (secrets by name), as the popup's replay shows them.
 */
export function TestChanges({ result }: { result: TestResult }) {
  if (result.pass) return null;
  return (
    <div className="test-changes" data-testid="test-changes">
      <p>{t('tests.rules', { rules: result.rules.join(', ') })}</p>
      <ul className="replay-actions">
        {result.changes.map((a) => (
          <ActionChange key={`${a.ruleId}-${a.index}-${a.change}`} a={a} />
        ))}
      </ul>
    </div>
  );
}

/** A pass or fail pill. */
export function TestVerdict({ pass }: { pass: boolean }) {
  return (
    <span className={`pill ${pass ? 'ok' : 'bad'}`} data-testid="test-verdict" data-pass={pass}>
      {pass ? t('tests.pass') : t('tests.fail')}
    </span>
  );
}
