import { t } from '../../util/i18n';
import type { Issue } from './rule-form-parts';
import { FieldErrors, fieldId } from './ui';

/**
 * A list of text inputs (match patterns, origins) with a fix-it suggestion under each one
 * ("Did you mean https://crm.example.com/*?").
 */
export function SuggestList({
  label,
  path,
  values,
  onChange,
  suggest,
  issues,
  placeholder,
  addLabel,
  hint,
  testId,
}: {
  label: string;
  /** Rule-style path of the list (`matches`, `platforms.roxchat.origins`): items are `${path}.${i}`. */
  path: string;
  values: string[];
  onChange(values: string[]): void;
  suggest(value: string): string | undefined;
  issues: readonly Issue[];
  placeholder: string;
  addLabel: string;
  hint?: string;
  testId: string;
}) {
  const rows = values.length ? values : [''];
  const set = (i: number, v: string) => onChange(rows.map((x, j) => (j === i ? v : x)));
  return (
    <fieldset className="suggest-list">
      <legend>{label}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {rows.map((value, i) => {
        const s = suggest(value);
        const at = `${path}.${i}`;
        const mine = issues.filter((x) => x.path === at);
        const key = `${path}-${i}`;
        return (
          <div key={key} className={`row-input${mine.length ? ' has-error' : ''}`}>
            <div className="inline">
              <input
                id={fieldId(at)}
                aria-label={t('options.list.item', { label, n: i + 1 })}
                value={value}
                placeholder={placeholder}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => set(i, e.target.value)}
                data-testid={`${testId}-${i}`}
              />
              {rows.length > 1 ? (
                <button
                  type="button"
                  className="btn icon"
                  aria-label={t('options.list.remove', { label, n: i + 1 })}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              ) : null}
            </div>
            {s ? (
              <p className="suggestion">
                {t('options.list.didYouMean')} <code>{s}</code>?{' '}
                <button
                  type="button"
                  className="btn link"
                  onClick={() => set(i, s)}
                  data-testid={`${testId}-${i}-use`}
                >
                  {t('options.list.useIt')}
                </button>
              </p>
            ) : null}
            <FieldErrors issues={mine} />
          </div>
        );
      })}
      <button type="button" className="btn small" onClick={() => onChange([...rows, ''])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
