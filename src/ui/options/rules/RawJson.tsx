import { t } from '../../../util/i18n';
import type { Issue } from '../rule-form-parts';
import { FieldErrors } from '../ui';

/** The rule as JSON, for those who prefer it; each problem names its path and can jump to its field. */
export function RawJson({
  text,
  onChange,
  issues,
  syntaxError,
  onShowField,
}: {
  text: string;
  onChange(text: string): void;
  issues: readonly Issue[];
  syntaxError?: string;
  onShowField(path: string): void;
}) {
  return (
    <div className="raw-json">
      <label htmlFor="rule-json">{t('options.ruleEditor.ruleJson')}</label>
      <textarea
        id="rule-json"
        className="code"
        rows={24}
        spellCheck={false}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        data-testid="rule-json"
      />
      {syntaxError ? <FieldErrors issues={[{ path: '', message: syntaxError }]} /> : null}
      {issues.length ? (
        <ul className="issue-list" role="alert" data-testid="rule-json-issues">
          {issues.map((i) => (
            <li key={`${i.path}|${i.message}`}>
              <code>{i.path || t('options.ruleEditor.wholeRule')}</code>: {i.message}{' '}
              {i.path ? (
                <button type="button" className="btn link" onClick={() => onShowField(i.path)}>
                  {t('options.ruleEditor.showInForm')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
