import { type ReactNode, useMemo, useState } from 'react';
import type { Preset } from '../../../presets';
import type { Rule } from '../../../rules/schema';
import { t } from '../../../util/i18n';
import { request } from '../../api';
import { formToRule, type RuleForm, ruleToForm, validateRuleForm } from '../rule-form';
import { defaultActionForm } from '../rule-form-actions';
import { ACTION_KINDS, type ActionKind, type Issue } from '../rule-form-parts';
import { eventPaths, fixtureSamples, journalSamples, pickSample, type Sample } from '../samples';
import { uniqueId } from '../site-form';
import { Field, fieldId } from '../ui';
import { ActionEditor } from './ActionEditor';
import { EditorCtx } from './context';
import { Datalists } from './Datalists';
import { focusField, parseJsonRule } from './editor-utils';
import { PresetNotes } from './PresetPicker';
import { RawJson } from './RawJson';
import { RuleProblems, ruleProblems, visibleIssues } from './RuleProblems';
import { SamplePicker } from './SamplePicker';
import { ReturningToggle, StepCard, useStepPreview } from './StepPreview';
import { TestRule } from './TestRule';
import { WhenSection } from './WhenSection';

/** The rule editor: form (or JSON), live preview per action, "Test this rule" against a sample event. */
export function RuleEditor({
  initial,
  title,
  preset,
  isNew,
  takenIds,
  secretNames,
  onSave,
  onCancel,
  savedTests,
}: {
  initial: RuleForm;
  title: string;
  preset?: Preset;
  /** A new rule: its id follows its name until edited. */
  isNew: boolean;
  /** Ids of the other rules (user and managed). */
  takenIds: readonly string[];
  secretNames: readonly string[];
  /** Called straight from the click (it may request host permission). */
  onSave(rule: Rule): void;
  onCancel(): void;
  /** The saved tests run against the draft, live (issue 20; tests/EditorTests.tsx). */
  savedTests?: (draft: Rule | undefined) => ReactNode;
}) {
  const [form, setForm] = useState(initial);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState('');
  const [modeError, setModeError] = useState<string>();
  const [sampleKey, setSampleKey] = useState('');
  const [journal, setJournal] = useState<Sample[]>();
  const [idTouched, setIdTouched] = useState(!isNew);
  /** Show every problem (Save was pressed, or an existing rule): else only those of changed fields. */
  const [showAll, setShowAll] = useState(!isNew);
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  const [returning, setReturning] = useState(false);
  const initialRule = useMemo(() => formToRule(initial).rule, [initial]);
  const set = (patch: Partial<RuleForm>) => setForm((f) => ({ ...f, ...patch }));
  const setName = (name: string) =>
    set(idTouched ? { name } : { name, id: uniqueId(name || 'rule', takenIds, 'rule') });

  const formState = useMemo(() => validateRuleForm(form), [form]);
  const jsonState = useMemo(() => (mode === 'json' ? parseJsonRule(jsonText) : undefined), [mode, jsonText]);
  const candidate = useMemo(() => formToRule(form).rule, [form]);
  const current = jsonState ? jsonState.rule : formState.rule;
  const idIssue: Issue[] =
    current && takenIds.includes(current.id)
      ? [{ path: 'id', message: 'another rule already has this id' }]
      : [];
  const problems = useMemo(
    () =>
      ruleProblems(jsonState ? jsonState.raw : candidate, jsonState ? jsonState.issues : formState.issues, {
        secretNames,
      }),
    [jsonState, candidate, formState, secretNames],
  );
  const allIssues = [...problems.errors, ...idIssue];
  const issues = visibleIssues(allIssues, showAll || mode === 'json', candidate, initialRule);
  const when = (jsonState?.raw?.when ?? candidate.when) as { events?: unknown; platforms?: unknown };
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

  const samples = useMemo(() => [...(journal ?? []), ...fixtureSamples()], [journal]);
  const picked = sampleKey
    ? samples.find((s) => s.key === sampleKey)
    : pickSample(samples, strings(when.events), strings(when.platforms));
  const paths = useMemo(() => eventPaths(picked?.event), [picked]);
  const actionCandidates = candidate.then as unknown[];
  const steps = useStepPreview(actionCandidates, picked?.event, secretNames, preset, returning);

  const loadJournal = () =>
    void request({ type: 'journal.recent', limit: 100 }).then((r) =>
      setJournal(journalSamples(r.entries ?? [])),
    );

  const toJson = () => {
    setJsonText(JSON.stringify(formToRule(form).rule, null, 2));
    setModeError(undefined);
    setMode('json');
  };
  const toForm = (): boolean => {
    const s = parseJsonRule(jsonText);
    if (s.syntaxError || !s.raw) {
      setModeError(s.syntaxError ?? t('options.ruleEditor.jsonNotObject'));
      return false;
    }
    const then = Array.isArray(s.raw.then) ? s.raw.then : [];
    const unknown = then.findIndex(
      (a) => !ACTION_KINDS.includes((a as { kind?: ActionKind })?.kind as ActionKind),
    );
    if (unknown >= 0) {
      setModeError(
        t('options.ruleEditor.unknownKind', { path: `then.${unknown}.kind`, kinds: ACTION_KINDS.join(', ') }),
      );
      return false;
    }
    setForm(ruleToForm(s.raw));
    setModeError(undefined);
    setMode('form');
    return true;
  };
  const showField = (path: string) => {
    if (mode === 'json' && !toForm()) return;
    focusField(path);
  };

  const save = (anyway = false) => {
    if (current && allIssues.length === 0) {
      if (problems.warnings.length === 0 || anyway) onSave(current);
      else setConfirmWarnings(true);
      return;
    }
    setShowAll(true);
    if (allIssues[0]) showField(allIssues[0].path);
  };

  return (
    <EditorCtx.Provider value={{ issues, paths, secretNames, event: picked?.event }}>
      <form
        className="rule-editor card"
        aria-label={title}
        onSubmit={(e) => e.preventDefault()}
        data-testid="rule-editor"
      >
        <div className="editor-head">
          <h3>{title}</h3>
          <div className="seg" role="radiogroup" aria-label={t('options.ruleEditor.editAs')}>
            <label className={mode === 'form' ? 'on' : ''}>
              <input
                type="radio"
                name="mode"
                checked={mode === 'form'}
                onChange={toForm}
                data-testid="mode-form"
              />
              {t('options.ruleEditor.form')}
            </label>
            <label className={mode === 'json' ? 'on' : ''}>
              <input
                type="radio"
                name="mode"
                checked={mode === 'json'}
                onChange={toJson}
                data-testid="mode-json"
              />
              JSON
            </label>
          </div>
        </div>
        {modeError ? (
          <p className="field-errors" role="alert">
            {modeError}
          </p>
        ) : null}
        {preset ? <PresetNotes preset={preset} secretNames={secretNames} /> : null}
        <div className="editor-grid">
          <div className="editor-main">
            {mode === 'json' ? (
              <RawJson
                text={jsonText}
                onChange={setJsonText}
                issues={issues}
                syntaxError={jsonState?.syntaxError}
                onShowField={showField}
              />
            ) : (
              <>
                <div className="inline stretch">
                  <Field
                    label={t('options.ruleProblems.where.name')}
                    path="name"
                    issues={issues.filter((i) => i.path === 'name')}
                  >
                    <input
                      id={fieldId('name')}
                      value={form.name}
                      placeholder={t('options.ruleEditor.namePlaceholder')}
                      onChange={(e) => setName(e.target.value)}
                      data-testid="rule-name"
                    />
                  </Field>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={form.enabled}
                      onChange={(e) => set({ enabled: e.target.checked })}
                    />
                    {t('options.ruleEditor.enabled')}
                  </label>
                </div>
                <details className="advanced" open={issues.some((i) => i.path === 'id')}>
                  <summary>{t('options.ruleProblems.where.id')}</summary>
                  <Field
                    label={t('options.ruleEditor.idLabel', { header: 'Idempotency-Keys' })}
                    path="id"
                    issues={issues.filter((i) => i.path === 'id')}
                  >
                    <input
                      id={fieldId('id')}
                      value={form.id}
                      onChange={(e) => {
                        setIdTouched(true);
                        set({ id: e.target.value });
                      }}
                    />
                  </Field>
                </details>
                <WhenSection form={form} set={set} />
                <h4 className="then-h">{t('options.ruleEditor.then')}</h4>
                {form.then.map((a, i) => (
                  <ActionEditor
                    // biome-ignore lint/suspicious/noArrayIndexKey: actions are positional (errors are by index)
                    key={i}
                    index={i}
                    count={form.then.length}
                    value={a}
                    candidate={actionCandidates[i]}
                    onChange={(next) => set({ then: form.then.map((x, j) => (j === i ? next : x)) })}
                    onMove={(d) => {
                      const then = [...form.then];
                      const [moved] = then.splice(i, 1);
                      if (moved) then.splice(i + d, 0, moved);
                      set({ then });
                    }}
                    onRemove={() => set({ then: form.then.filter((_, j) => j !== i) })}
                    stepPreview={steps?.[i] && <StepCard step={steps[i]} action={actionCandidates[i]} />}
                  />
                ))}
                <button
                  type="button"
                  className="btn"
                  onClick={() => set({ then: [...form.then, defaultActionForm('log')] })}
                  data-testid="add-action"
                >
                  {t('options.ruleEditor.addAction')}
                </button>
              </>
            )}
          </div>
          <aside className="editor-side" aria-label={t('options.ruleEditor.sideAria')}>
            <SamplePicker
              samples={samples}
              value={sampleKey}
              picked={picked}
              onChange={setSampleKey}
              onLoadJournal={loadJournal}
              journalLoaded={!!journal}
            />
            {steps ? <ReturningToggle value={returning} onChange={setReturning} /> : null}
            <TestRule rule={current} event={picked?.event} secretNames={secretNames} steps={steps} />
          </aside>
        </div>
        {savedTests?.(current)}
        <div className="editor-foot">
          <RuleProblems
            errors={issues}
            warnings={problems.warnings}
            confirmWarnings={confirmWarnings}
            onShow={showField}
            onSaveAnyway={() => save(true)}
          />
          <span className="spacer" />
          <button type="button" className="btn" onClick={onCancel}>
            {t('options.cancel')}
          </button>
          <button type="button" className="btn primary" onClick={() => save()} data-testid="rule-save">
            {t('options.ruleEditor.save')}
          </button>
        </div>
      </form>
      <Datalists paths={paths} secretNames={secretNames} platforms={form.platforms} />
    </EditorCtx.Provider>
  );
}
