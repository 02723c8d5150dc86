import { t } from '../../../util/i18n';
import { issuesAt } from '../rule-form';
import type { KV } from '../rule-form-parts';
import { FieldErrors, fieldId } from '../ui';
import { LIST_TEMPLATES, useEditor } from './context';

/** Name → template rows (headers, body fields, fill selectors, command params). */
export function KeyValueRows({
  label,
  path,
  rows,
  onChange,
  keyLabel,
  valueLabel,
  keyPlaceholder,
  valuePlaceholder,
  testId,
}: {
  label: string;
  path: string;
  rows: KV[];
  onChange(rows: KV[]): void;
  keyLabel: string;
  valueLabel: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  testId?: string;
}) {
  const { issues } = useEditor();
  const set = (i: number, patch: Partial<KV>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const mine = issuesAt(issues, path, true);
  return (
    <fieldset className={`kv${mine.length ? ' has-error' : ''}`} id={fieldId(path)} tabIndex={-1}>
      <legend>{label}</legend>
      {rows.map((r, i) => {
        const key = `${path}-${i}`;
        return (
          <div className="kv-row" key={key}>
            <input
              aria-label={t('options.list.item', { label: keyLabel, n: i + 1 })}
              value={r.key}
              placeholder={keyPlaceholder}
              spellCheck={false}
              onChange={(e) => set(i, { key: e.target.value })}
              data-testid={testId && `${testId}-key-${i}`}
            />
            <input
              aria-label={t('options.list.item', { label: valueLabel, n: i + 1 })}
              value={r.value}
              placeholder={valuePlaceholder}
              list={LIST_TEMPLATES}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => set(i, { value: e.target.value })}
              data-testid={testId && `${testId}-value-${i}`}
            />
            <button
              type="button"
              className="btn icon"
              aria-label={t('options.list.remove', { label: keyLabel.toLowerCase(), n: i + 1 })}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="btn small"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
        data-testid={testId && `${testId}-add`}
      >
        {t('options.ruleEditor.addRow', { label: keyLabel.toLowerCase() })}
      </button>
      <FieldErrors issues={mine} />
    </fieldset>
  );
}
