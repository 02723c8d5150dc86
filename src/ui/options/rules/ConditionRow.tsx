import type { BridgeEvent } from '../../../events/model';
import { testCondition } from '../../../rules/conditions';
import { ConditionSchema } from '../../../rules/schema';
import { t } from '../../../util/i18n';
import { getPath } from '../../../util/paths';
import { issuesAt } from '../rule-form';
import {
  CONDITION_OPS,
  type ConditionForm,
  type ConditionOp,
  conditionFromForm,
  type ValueType,
} from '../rule-form-parts';
import { FieldErrors, fieldId } from '../ui';
import { LIST_PATHS, useEditor } from './context';

const OP_LABEL: Record<ConditionOp, string> = {
  exists: t('options.ruleEditor.op.exists'),
  not_exists: t('options.ruleEditor.op.notExists'),
  equals: t('options.ruleEditor.op.equals'),
  not_equals: t('options.ruleEditor.op.notEquals'),
  contains: t('options.ruleEditor.op.contains'),
  starts_with: t('options.ruleEditor.op.startsWith'),
  matches: t('options.ruleEditor.op.matches'),
  in: t('options.ruleEditor.op.in'),
  gt: t('options.ruleEditor.op.gt'),
  lt: t('options.ruleEditor.op.lt'),
};

const TYPES: Partial<Record<ConditionOp, ValueType[]>> = {
  equals: ['text', 'number', 'boolean', 'null'],
  not_equals: ['text', 'number', 'boolean', 'null'],
  in: ['text', 'number', 'json'],
};
const TYPE_LABEL: Record<ValueType, string> = {
  text: t('options.ruleEditor.type.text'),
  number: t('options.ruleEditor.type.number'),
  boolean: t('options.ruleEditor.type.boolean'),
  null: 'null',
  json: t('options.ruleEditor.type.json'),
};

/** How the condition fares on the sample event (✓/✗ and the value found there). */
function onSample(c: ConditionForm, event: BridgeEvent | undefined) {
  if (!event || !c.path) return undefined;
  const parsed = ConditionSchema.safeParse(conditionFromForm(c, '', []));
  const found = getPath(event, c.path);
  const shown = found === undefined ? t('options.ruleEditor.nothing') : JSON.stringify(found).slice(0, 80);
  return { pass: parsed.success ? testCondition(event, parsed.data) : undefined, shown };
}

export function ConditionRow({
  index,
  value: c,
  onChange,
  onRemove,
  base = 'when.where',
}: {
  index: number;
  value: ConditionForm;
  onChange(c: ConditionForm): void;
  onRemove(): void;
  /** Rule path of the list (`then.2.if` for a workflow step's conditions); ✓/✗ on the sample only for `when`. */
  base?: string;
}) {
  const { issues, event } = useEditor();
  const path = `${base}.${index}`;
  const tid = base === 'when.where' ? 'condition' : `${base}-cond`;
  const types = TYPES[c.op];
  const sample = base === 'when.where' ? onSample(c, event) : undefined;
  const setOp = (op: ConditionOp) => {
    const allowed = TYPES[op];
    onChange({ ...c, op, valueType: allowed?.includes(c.valueType) ? c.valueType : 'text' });
  };
  return (
    <div className="condition" data-testid={`${tid}-${index}`}>
      <div className="inline">
        <input
          id={fieldId(`${path}.path`)}
          aria-label={t('options.ruleEditor.condPath', { n: index + 1 })}
          list={LIST_PATHS}
          value={c.path}
          placeholder="contact.phone"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onChange({ ...c, path: e.target.value })}
          data-testid={`${tid}-${index}-path`}
        />
        <select
          id={fieldId(`${path}.op`)}
          aria-label={t('options.ruleEditor.condOp', { n: index + 1 })}
          value={c.op}
          onChange={(e) => setOp(e.target.value as ConditionOp)}
          data-testid={`${tid}-${index}-op`}
        >
          {CONDITION_OPS.map((op) => (
            <option key={op} value={op}>
              {OP_LABEL[op]}
            </option>
          ))}
        </select>
        {c.op === 'exists' || c.op === 'not_exists' || (c.valueType === 'null' && types) ? null : (
          <input
            id={fieldId(`${path}.value`)}
            aria-label={t('options.ruleEditor.condValue', { n: index + 1 })}
            value={c.value}
            placeholder={
              c.op === 'in'
                ? 'a, b, c'
                : c.op === 'matches'
                  ? '^\\+1'
                  : t('options.ruleEditor.valuePlaceholder')
            }
            spellCheck={false}
            onChange={(e) => onChange({ ...c, value: e.target.value })}
            data-testid={`${tid}-${index}-value`}
          />
        )}
        {types ? (
          <select
            aria-label={t('options.ruleEditor.condType', { n: index + 1 })}
            value={c.valueType}
            onChange={(e) => onChange({ ...c, valueType: e.target.value as ValueType })}
          >
            {types.map((vt) => (
              <option key={vt} value={vt}>
                {TYPE_LABEL[vt]}
              </option>
            ))}
          </select>
        ) : null}
        {c.op === 'matches' ? (
          <input
            className="flags"
            aria-label={t('options.ruleEditor.condFlags', { n: index + 1 })}
            value={c.flags}
            placeholder={t('options.ruleEditor.flagsPlaceholder')}
            onChange={(e) => onChange({ ...c, flags: e.target.value })}
          />
        ) : null}
        <button
          type="button"
          className="btn icon"
          aria-label={t('options.ruleEditor.removeCondition', { n: index + 1 })}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      {sample ? (
        <p
          className={`sample-check ${sample.pass === true ? 'ok' : sample.pass === false ? 'bad' : 'muted'}`}
        >
          {sample.pass === true ? '✓' : sample.pass === false ? '✗' : '·'}{' '}
          {t('options.ruleEditor.sampleHas', { value: sample.shown })}
        </p>
      ) : null}
      <FieldErrors issues={issuesAt(issues, path, true)} />
    </div>
  );
}
