import { useRef } from 'react';
import { t } from '../../../util/i18n';
import { issuesAt } from '../rule-form';
import { Field, fieldId } from '../ui';
import { LIST_TEMPLATES, useEditor } from './context';

export type TemplateWhere = 'url' | 'header' | 'body' | 'text';

const HINTS: Record<TemplateWhere, () => string> = {
  url: () => t('options.ruleEditor.hintUrl'),
  header: () => t('options.ruleEditor.hintSecrets', { example: '{{ secrets.name }}' }),
  body: () => t('options.ruleEditor.hintSecrets', { example: '{{ secrets.name }}' }),
  text: () => '',
};

/** A template input: autocomplete of event paths (datalist) and an "insert field" menu at the cursor. */
export function TemplateField({
  label,
  path,
  value,
  onChange,
  where = 'text',
  multiline = false,
  placeholder,
  testId,
}: {
  label: string;
  path: string;
  value: string;
  onChange(v: string): void;
  where?: TemplateWhere;
  multiline?: boolean;
  placeholder?: string;
  testId?: string;
}) {
  const { issues, paths, secretNames } = useEditor();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const insertable = [
    ...paths,
    ...(where === 'header' || where === 'body' ? secretNames.map((n) => `secrets.${n}`) : []),
  ];
  const insert = (p: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const text = `{{ ${p} }}`;
    onChange(value.slice(0, start) + text + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };
  const common = {
    id: fieldId(path),
    ref,
    value,
    placeholder,
    spellCheck: false,
    'data-testid': testId,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <Field label={label} path={path} issues={issuesAt(issues, path, true)} hint={HINTS[where]() || undefined}>
      <div className="template">
        {multiline ? (
          <textarea rows={3} {...common} />
        ) : (
          <input list={LIST_TEMPLATES} autoComplete="off" {...common} />
        )}
        <select
          aria-label={t('options.ruleEditor.insertInto', { label })}
          value=""
          onChange={(e) => e.target.value && insert(e.target.value)}
          className="insert"
        >
          <option value="">{t('options.ruleEditor.insertField')}</option>
          {insertable.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
    </Field>
  );
}
