import type { BridgeEvent } from '../../../events/model';
import { testCondition } from '../../../rules/conditions';
import { ConditionSchema } from '../../../rules/schema';
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
  exists: 'has a value',
  not_exists: 'has no value',
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  starts_with: 'starts with',
  matches: 'matches regex',
  in: 'is one of',
  gt: 'is greater than',
  lt: 'is less than',
};

const TYPES: Partial<Record<ConditionOp, ValueType[]>> = {
  equals: ['text', 'number', 'boolean', 'null'],
  not_equals: ['text', 'number', 'boolean', 'null'],
  in: ['text', 'number', 'json'],
};
const TYPE_LABEL: Record<ValueType, string> = {
  text: 'text',
  number: 'number',
  boolean: 'true/false',
  null: 'null',
  json: 'JSON list',
};

/** How the condition fares on the sample event (✓/✗ and the value found there). */
function onSample(c: ConditionForm, event: BridgeEvent | undefined) {
  if (!event || !c.path) return undefined;
  const parsed = ConditionSchema.safeParse(conditionFromForm(c, '', []));
  const found = getPath(event, c.path);
  const shown = found === undefined ? 'nothing' : JSON.stringify(found).slice(0, 80);
  return { pass: parsed.success ? testCondition(event, parsed.data) : undefined, shown };
}

export function ConditionRow({
  index,
  value: c,
  onChange,
  onRemove,
}: {
  index: number;
  value: ConditionForm;
  onChange(c: ConditionForm): void;
  onRemove(): void;
}) {
  const { issues, event } = useEditor();
  const path = `when.where.${index}`;
  const types = TYPES[c.op];
  const sample = onSample(c, event);
  const setOp = (op: ConditionOp) => {
    const allowed = TYPES[op];
    onChange({ ...c, op, valueType: allowed?.includes(c.valueType) ? c.valueType : 'text' });
  };
  return (
    <div className="condition" data-testid={`condition-${index}`}>
      <div className="inline">
        <input
          id={fieldId(`${path}.path`)}
          aria-label={`Condition ${index + 1}: event field`}
          list={LIST_PATHS}
          value={c.path}
          placeholder="contact.phone"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onChange({ ...c, path: e.target.value })}
          data-testid={`condition-${index}-path`}
        />
        <select
          id={fieldId(`${path}.op`)}
          aria-label={`Condition ${index + 1}: operator`}
          value={c.op}
          onChange={(e) => setOp(e.target.value as ConditionOp)}
          data-testid={`condition-${index}-op`}
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
            aria-label={`Condition ${index + 1}: value`}
            value={c.value}
            placeholder={c.op === 'in' ? 'a, b, c' : c.op === 'matches' ? '^\\+1' : 'value'}
            spellCheck={false}
            onChange={(e) => onChange({ ...c, value: e.target.value })}
            data-testid={`condition-${index}-value`}
          />
        )}
        {types ? (
          <select
            aria-label={`Condition ${index + 1}: value type`}
            value={c.valueType}
            onChange={(e) => onChange({ ...c, valueType: e.target.value as ValueType })}
          >
            {types.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        ) : null}
        {c.op === 'matches' ? (
          <input
            className="flags"
            aria-label={`Condition ${index + 1}: regex flags`}
            value={c.flags}
            placeholder="flags (i)"
            onChange={(e) => onChange({ ...c, flags: e.target.value })}
          />
        ) : null}
        <button
          type="button"
          className="btn icon"
          aria-label={`Remove condition ${index + 1}`}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      {sample ? (
        <p
          className={`sample-check ${sample.pass === true ? 'ok' : sample.pass === false ? 'bad' : 'muted'}`}
        >
          {sample.pass === true ? '✓' : sample.pass === false ? '✗' : '·'} sample has {sample.shown}
        </p>
      ) : null}
      <FieldErrors issues={issuesAt(issues, path, true)} />
    </div>
  );
}
