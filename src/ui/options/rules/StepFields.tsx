import type { ReactNode } from 'react';
import { t } from '../../../util/i18n';
import { issuesAt } from '../rule-form';
import type { ActionForm, StepForm } from '../rule-form-parts';
import { Field, fieldId } from '../ui';
import { ConditionRow } from './ConditionRow';
import { useEditor } from './context';
import { TemplateField } from './TemplateField';

const NEW_CONDITION = { op: 'exists', path: '', value: '', valueType: 'text', flags: '' } as const;

/**
 * A workflow step's fields (issue 17): its id, its conditions, what it remembers and, for an http find
 * step, the list of matches and what several matches do. Open when the action is a step.
 */
export function StepFields({
  path,
  kind,
  value: s,
  onChange,
}: {
  path: string;
  kind: ActionForm['kind'];
  value: StepForm;
  onChange(s: StepForm): void;
}) {
  const { issues } = useEditor();
  const set = (patch: Partial<StepForm>) => onChange({ ...s, ...patch });
  const input = (key: 'id' | 'matches' | 'askTimeoutMs', label: string, placeholder = '') => (
    <Field
      label={label}
      path={`${path}.${key}`}
      issues={issuesAt(issues, `${path}.${key}`)}
      className="narrow"
    >
      <input
        id={fieldId(`${path}.${key}`)}
        value={s[key]}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => set({ [key]: e.target.value })}
        data-testid={`${path}-step-${key}`}
      />
    </Field>
  );
  const stepIssues = issues.some((i) =>
    ['id', 'if', 'remember', 'matches', 'onMany', 'candidateLabel', 'askTimeoutMs', 'onManyDefault'].some(
      (k) => i.path === `${path}.${k}` || i.path.startsWith(`${path}.${k}.`),
    ),
  );
  return (
    <details className="advanced step-fields" open={!!s.id || stepIssues} data-testid={`${path}-step`}>
      <summary>{s.id ? t('options.steps.badge', { id: s.id }) : t('options.steps.section')}</summary>
      <p className="muted">{t('options.steps.sectionHint', { example: `steps.${s.id || 'id'}` })}</p>
      {input('id', t('options.steps.id'), 'find')}
      <fieldset className="step-if">
        <legend>{t('options.steps.conditions')}</legend>
        {s.if.map((c, i) => (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional (their errors are by index)
            key={i}
            index={i}
            base={`${path}.if`}
            value={c}
            onChange={(next) => set({ if: s.if.map((x, j) => (j === i ? next : x)) })}
            onRemove={() => set({ if: s.if.filter((_, j) => j !== i) })}
          />
        ))}
        <button
          type="button"
          className="btn small"
          onClick={() => set({ if: [...s.if, { ...NEW_CONDITION }] })}
        >
          {t('options.steps.addCondition')}
        </button>
      </fieldset>
      <TemplateField
        label={t('options.steps.rememberContact')}
        path={`${path}.remember.contact`}
        value={s.rememberContact}
        onChange={(rememberContact) => set({ rememberContact })}
        testId={`${path}-remember-contact`}
      />
      <TemplateField
        label={t('options.steps.rememberConversation')}
        path={`${path}.remember.conversation`}
        value={s.rememberConversation}
        onChange={(rememberConversation) => set({ rememberConversation })}
        testId={`${path}-remember-conversation`}
      />
      {kind === 'http' ? <FindFields path={path} s={s} set={set} input={input} /> : null}
    </details>
  );
}

function FindFields({
  path,
  s,
  set,
  input,
}: {
  path: string;
  s: StepForm;
  set(patch: Partial<StepForm>): void;
  input(key: 'matches' | 'askTimeoutMs', label: string, placeholder?: string): ReactNode;
}) {
  const first = t('options.steps.onManyFirst');
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={s.find}
          onChange={(e) => set({ find: e.target.checked })}
          data-testid={`${path}-step-find`}
        />
        {t('options.steps.find')}
      </label>
      {s.find ? input('matches', t('options.steps.matches'), 'data.items') : null}
      <div className="inline stretch">
        <Field label={t('options.steps.onMany')} path={`${path}.onMany`} className="narrow">
          <select
            id={fieldId(`${path}.onMany`)}
            value={s.onMany}
            onChange={(e) => set({ onMany: e.target.value as StepForm['onMany'] })}
            data-testid={`${path}-step-onMany`}
          >
            <option value="">{t('options.steps.byDefault', { choice: first })}</option>
            <option value="first">{first}</option>
            <option value="ask">{t('options.steps.onManyAsk')}</option>
          </select>
        </Field>
        <Field label={t('options.steps.onManyDefault')} path={`${path}.onManyDefault`} className="narrow">
          <select
            id={fieldId(`${path}.onManyDefault`)}
            value={s.onManyDefault}
            onChange={(e) => set({ onManyDefault: e.target.value as StepForm['onManyDefault'] })}
          >
            <option value="">{t('options.steps.byDefault', { choice: first })}</option>
            <option value="first">{first}</option>
            <option value="create">{t('options.steps.defaultCreate')}</option>
            <option value="skip">{t('options.steps.defaultSkip')}</option>
          </select>
        </Field>
        {input('askTimeoutMs', t('options.steps.askTimeout'), '3600000')}
      </div>
      <TemplateField
        label={t('options.steps.candidateLabel')}
        path={`${path}.candidateLabel`}
        value={s.candidateLabel}
        onChange={(candidateLabel) => set({ candidateLabel })}
      />
    </>
  );
}
