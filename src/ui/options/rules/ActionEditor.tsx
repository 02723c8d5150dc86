import type { ReactNode } from 'react';
import { t } from '../../../util/i18n';
import { defaultActionForm } from '../rule-form-actions';
import { ACTION_KINDS, type ActionForm, type ActionKind } from '../rule-form-parts';
import { fieldId } from '../ui';
import { ActionFields } from './ActionFields';
import { ActionPreview } from './ActionPreview';
import { useEditor } from './context';
import { StepFields } from './StepFields';

export const KIND_LABEL: Record<ActionKind, string> = {
  http: t('options.ruleEditor.kind.http'),
  'open-url': t('options.ruleEditor.kind.openUrl'),
  'agent-command': t('options.ruleEditor.kind.agentCommand'),
  fill: t('options.ruleEditor.kind.fill'),
  click: t('options.ruleEditor.kind.click'),
  notify: t('options.ruleEditor.kind.notify'),
  copy: t('options.ruleEditor.kind.copy'),
  log: t('options.ruleEditor.kind.log'),
  'ask-agent': t('options.ruleEditor.kind.askAgent'),
};

/** One action: its kind, its fields, and its live preview against the sample event. */
export function ActionEditor({
  index,
  count,
  value,
  candidate,
  onChange,
  onMove,
  onRemove,
  stepPreview,
}: {
  index: number;
  count: number;
  value: ActionForm;
  /** The action as it would be validated (for the preview). */
  candidate: unknown;
  onChange(a: ActionForm): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  /** A workflow rule: this step's preview over the sample (earlier answers simulated), in place of the action's own. */
  stepPreview?: ReactNode;
}) {
  const { event, secretNames } = useEditor();
  const path = `then.${index}`;
  return (
    <section
      className="card action"
      aria-label={t('options.ruleEditor.action', { n: index + 1 })}
      data-testid={`action-${index}`}
    >
      <div className="card-head">
        <label htmlFor={fieldId(`${path}.kind`)} className="step">
          {index + 1}
        </label>
        <select
          id={fieldId(`${path}.kind`)}
          value={value.kind}
          onChange={(e) => onChange({ ...defaultActionForm(e.target.value as ActionKind), step: value.step })}
          data-testid={`${path}-kind`}
        >
          {ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        {value.step.id ? (
          <span className="badge" data-testid={`${path}-step-badge`}>
            {t('options.steps.badge', { id: value.step.id })}
          </span>
        ) : null}
        <span className="spacer" />
        <button
          type="button"
          className="btn icon"
          aria-label={t('options.ruleEditor.moveUp', { n: index + 1 })}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label={t('options.ruleEditor.moveDown', { n: index + 1 })}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label={t('options.ruleEditor.removeAction', { n: index + 1 })}
          disabled={count === 1}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <ActionFields path={path} value={value} onChange={onChange} />
      <StepFields
        path={path}
        kind={value.kind}
        value={value.step}
        onChange={(step) => onChange({ ...value, step })}
      />
      {stepPreview ?? (
        <ActionPreview candidate={candidate} event={event} secretNames={secretNames} index={index} />
      )}
    </section>
  );
}
