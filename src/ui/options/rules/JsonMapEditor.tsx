import { useState } from 'react';
import { t } from '../../../util/i18n';
import { issuesAt } from '../rule-form';
import { type JsonMapForm, switchJsonMapMode } from '../rule-form-parts';
import { FieldErrors, fieldId } from '../ui';
import { useEditor } from './context';
import { KeyValueRows } from './KeyValueRows';

/** A JSON template (body, command params): name → template rows when flat, JSON text otherwise. */
export function JsonMapEditor({
  label,
  path,
  value,
  onChange,
  testId,
}: {
  label: string;
  path: string;
  value: JsonMapForm;
  onChange(v: JsonMapForm): void;
  testId?: string;
}) {
  const { issues } = useEditor();
  const [problem, setProblem] = useState<string>();
  const switchTo = (mode: JsonMapForm['mode']) => {
    const next = switchJsonMapMode(value, mode);
    if (typeof next === 'string') setProblem(next);
    else {
      setProblem(undefined);
      onChange(next);
    }
  };
  return (
    <div className="json-map">
      <div className="seg small" role="radiogroup" aria-label={t('options.ruleEditor.editAsFor', { label })}>
        <span className="seg-label">{t('options.ruleEditor.editAs')}</span>
        {(['fields', 'json'] as const).map((m) => (
          <label key={m} className={value.mode === m ? 'on' : ''}>
            <input
              type="radio"
              name={`${path}-mode`}
              checked={value.mode === m}
              onChange={() => switchTo(m)}
            />
            {m === 'fields' ? t('options.ruleEditor.fields') : t('options.ruleEditor.rawJson')}
          </label>
        ))}
      </div>
      {problem ? <p className="field-errors">{problem}</p> : null}
      {value.mode === 'fields' ? (
        <KeyValueRows
          label={label}
          path={path}
          rows={value.fields}
          onChange={(fields) => onChange({ ...value, fields })}
          keyLabel="Field"
          valueLabel="Value"
          keyPlaceholder="text"
          valuePlaceholder="{{ message.text }}"
          testId={testId}
        />
      ) : (
        <div className="field">
          <label htmlFor={fieldId(path)}>{t('options.ruleEditor.jsonLabel', { label })}</label>
          <textarea
            id={fieldId(path)}
            rows={12}
            className="code"
            spellCheck={false}
            value={value.json}
            onChange={(e) => onChange({ ...value, json: e.target.value })}
            data-testid={testId && `${testId}-json`}
          />
          <FieldErrors issues={issuesAt(issues, path, true)} />
        </div>
      )}
    </div>
  );
}
