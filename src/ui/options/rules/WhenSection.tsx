import { useState } from 'react';
import { PLATFORM_IDS, type PlatformId } from '../../../events/types';
import { getPlatform } from '../../../platforms';
import { t } from '../../../util/i18n';
import type { OncePer, RuleForm } from '../rule-form';
import { issuesAt } from '../rule-form';
import { FieldErrors, fieldId } from '../ui';
import { ConditionRow } from './ConditionRow';
import { LIST_SELECTORS, useEditor } from './context';

/** `when`: events, platforms, conditions (all/any), once/throttle. */
export function WhenSection({ form, set }: { form: RuleForm; set(patch: Partial<RuleForm>): void }) {
  const { issues } = useEditor();
  const [draft, setDraft] = useState('');
  const addEvent = () => {
    const v = draft.trim();
    if (v && !form.events.includes(v)) set({ events: [...form.events, v] });
    setDraft('');
  };
  const togglePlatform = (id: PlatformId, on: boolean) =>
    set({ platforms: on ? [...form.platforms, id] : form.platforms.filter((p) => p !== id) });

  return (
    <fieldset className="when">
      <legend>{t('options.ruleProblems.where.when')}</legend>
      <div className={`field${issuesAt(issues, 'when.events', true).length ? ' has-error' : ''}`}>
        <label htmlFor={fieldId('when.events')}>{t('options.ruleProblems.where.events')}</label>
        <ul className="chips" aria-label={t('options.ruleEditor.chosenEvents')}>
          {form.events.map((e) => (
            <li key={e} className="chip">
              <code>{e}</code>
              <button
                type="button"
                aria-label={t('options.ruleEditor.removeEvent', { event: e })}
                onClick={() => set({ events: form.events.filter((x) => x !== e) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="inline">
          <input
            id={fieldId('when.events')}
            list={LIST_SELECTORS}
            value={draft}
            placeholder={t('options.ruleEditor.eventPlaceholder', {
              a: 'message.created',
              b: 'roxchat:visitorSelected',
            })}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addEvent();
              }
            }}
            data-testid="rule-event-input"
          />
          <button type="button" className="btn" onClick={addEvent} data-testid="rule-event-add">
            {t('options.ruleEditor.addEvent')}
          </button>
        </div>
        <div className="hint">{t('options.ruleEditor.eventHint', { syntax: 'platform:sourceEvent' })}</div>
        <FieldErrors issues={issuesAt(issues, 'when.events', true)} />
      </div>
      <fieldset className="inline-group">
        <legend>{t('options.ruleEditor.platforms')}</legend>
        {PLATFORM_IDS.map((id) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={form.platforms.includes(id)}
              onChange={(e) => togglePlatform(id, e.target.checked)}
              data-testid={`rule-platform-${id}`}
            />
            {getPlatform(id)?.label ?? id}
          </label>
        ))}
        <FieldErrors issues={issuesAt(issues, 'when.platforms', true)} />
      </fieldset>
      <fieldset className="conditions">
        <legend>{t('options.ruleProblems.where.conditions')}</legend>
        {form.where.length > 1 ? (
          <div className="seg" role="radiogroup" aria-label={t('options.ruleEditor.matchAria')}>
            {(['all', 'any'] as const).map((m) => (
              <label key={m} className={form.match === m ? 'on' : ''}>
                <input
                  type="radio"
                  name="match"
                  checked={form.match === m}
                  onChange={() => set({ match: m })}
                />
                {m === 'all' ? t('options.ruleEditor.matchAll') : t('options.ruleEditor.matchAny')}
              </label>
            ))}
          </div>
        ) : null}
        {form.where.map((c, i) => (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional (their errors are by index)
            key={i}
            index={i}
            value={c}
            onChange={(next) => set({ where: form.where.map((x, j) => (j === i ? next : x)) })}
            onRemove={() => set({ where: form.where.filter((_, j) => j !== i) })}
          />
        ))}
        <button
          type="button"
          className="btn small"
          onClick={() =>
            set({
              where: [...form.where, { op: 'exists', path: '', value: '', valueType: 'text', flags: '' }],
            })
          }
          data-testid="add-condition"
        >
          {t('options.ruleEditor.addCondition')}
        </button>
      </fieldset>
      <div className="inline-group limits">
        <label>
          {t('options.ruleEditor.run')}
          <select
            value={form.oncePer}
            onChange={(e) => set({ oncePer: e.target.value as OncePer })}
            aria-label={t('options.ruleEditor.runAria')}
            id={fieldId('once.per')}
          >
            <option value="">{t('options.ruleEditor.onceNone')}</option>
            <option value="event">{t('options.ruleEditor.onceEvent')}</option>
            <option value="conversation">{t('options.ruleEditor.onceConversation')}</option>
            <option value="contact">{t('options.ruleEditor.onceContact')}</option>
          </select>
        </label>
        {form.oncePer ? (
          <label>
            {t('options.ruleEditor.within')}
            <input
              id={fieldId('once.windowMs')}
              className="num"
              inputMode="decimal"
              value={form.onceWindow}
              onChange={(e) => set({ onceWindow: e.target.value })}
            />
            {t('options.ruleEditor.seconds')}
          </label>
        ) : null}
        <label>
          {t('options.ruleEditor.atMostEvery')}
          <input
            id={fieldId('throttleMs')}
            className="num"
            inputMode="decimal"
            value={form.throttle}
            placeholder="—"
            onChange={(e) => set({ throttle: e.target.value })}
            aria-label={t('options.ruleEditor.throttleAria')}
          />
          {t('options.ruleEditor.seconds')}
        </label>
      </div>
      <FieldErrors issues={[...issuesAt(issues, 'once', true), ...issuesAt(issues, 'throttleMs')]} />
    </fieldset>
  );
}
