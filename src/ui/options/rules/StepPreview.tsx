import { useMemo } from 'react';
import type { BridgeEvent } from '../../../events/model';
import type { Preset } from '../../../presets';
import { describeCondition } from '../../../rules/conditions';
import type { Condition } from '../../../rules/schema';
import { t } from '../../../util/i18n';
import { presetSamples, previewSteps, type StepPreview, sampleLinks } from '../../../workflows/dry-run';
import { plainError } from '../../shared/errors';
import { KIND_LABEL } from './ActionEditor';
import { Missing, PreviewBody } from './ActionPreview';

/** A rule is a workflow when one of its actions has a step id. */
export const isWorkflow = (then: readonly unknown[]) =>
  then.some((a) => typeof (a as { id?: unknown })?.id === 'string' && (a as { id: string }).id !== '');

/**
 * The steps of a workflow rule over the sample event (issue 17): each step's request with earlier steps'
 * answers simulated from the preset's documented samples, or why it is skipped, or what it waits for.
 */
export function useStepPreview(
  then: readonly unknown[],
  event: BridgeEvent | undefined,
  secretNames: readonly string[],
  preset: Preset | undefined,
  returning: boolean,
): StepPreview[] | undefined {
  return useMemo(() => {
    if (!event || !isWorkflow(then)) return undefined;
    const samples = preset?.samples ?? presetSamples(then);
    return previewSteps(then, event, {
      samples,
      secrets: secretNames,
      links: returning ? sampleLinks(then, samples) : {},
      transcript: t('options.steps.transcriptSample'),
    });
  }, [then, event, secretNames, preset, returning]);
}

/** What the step is, from its definition: its condition, what it remembers, what several matches do. */
function StepSummary({ action }: { action: unknown }) {
  const a = (action ?? {}) as {
    if?: Condition[];
    remember?: { contact?: string; conversation?: string };
    onMany?: string;
  };
  const conds = Array.isArray(a.if) ? a.if.map((c) => describeCondition(c)) : [];
  const remember = Object.entries(a.remember ?? {})
    .filter(([, v]) => v)
    .map(([k, v]) => `links.${k} = ${v}`);
  return (
    <ul className="step-summary">
      <li>
        {conds.length ? t('options.steps.when', { conditions: conds.join('; ') }) : t('options.steps.always')}
      </li>
      {remember.length ? <li>{t('options.steps.remembers', { what: remember.join('; ') })}</li> : null}
      {a.onMany ? (
        <li>
          {t('options.steps.several', {
            what: a.onMany === 'ask' ? t('options.steps.onManyAsk') : t('options.steps.onManyFirst'),
          })}
        </li>
      ) : null}
    </ul>
  );
}

/** One step: head (number, id, kind), summary, and what it does over the sample. */
export function StepCard({ step, action }: { step: StepPreview; action: unknown }) {
  const p = step.preview;
  return (
    <div
      className={`step-preview ${step.state}`}
      data-testid={`step-preview-${step.index}`}
      data-state={step.state}
    >
      <div className="preview-head">
        {t('options.steps.head', { n: step.index + 1, id: step.id ?? '—', kind: KIND_LABEL[step.kind] })}
      </div>
      <StepSummary action={action} />
      {step.state === 'skipped' ? (
        <p className="muted" data-testid={`step-why-${step.index}`}>
          {t('options.steps.skipped', { why: step.why ?? '' })}
        </p>
      ) : step.state === 'invalid' ? (
        <p className="muted">{t('options.steps.invalid')}</p>
      ) : (
        <>
          {step.state === 'depends' ? (
            <p className="warn" data-testid={`step-depends-${step.index}`}>
              {t('options.steps.depends', { ids: step.dependsOn.join(', ') })}
            </p>
          ) : (
            <p className="ok">{t('options.steps.runs')}</p>
          )}
          {p?.error ? <p className="bad">{plainError(p.error)}</p> : <PreviewBody preview={p?.preview} />}
          <Missing missing={p?.missing ?? []} />
          <StepAnswer step={step} />
        </>
      )}
    </div>
  );
}

function StepAnswer({ step }: { step: StepPreview }) {
  const a = step.answer;
  if (!a)
    return step.kind === 'http' && step.id ? <p className="muted">{t('options.steps.noAnswer')}</p> : null;
  return (
    <>
      <p className="muted">
        {a.count === undefined
          ? t('options.steps.answer', { status: a.status })
          : t('options.steps.answerCount', { status: a.status, count: a.count })}
      </p>
      {a.picked ? <p className="muted">{t('options.steps.picked')}</p> : null}
    </>
  );
}

/** The dry run of a workflow rule: every step in order. */
export function StepList({ steps, actions }: { steps: StepPreview[]; actions: readonly unknown[] }) {
  return (
    <div className="step-list" data-testid="step-list">
      <div className="preview-head">{t('options.steps.stepsPreview')}</div>
      {steps.map((s) => (
        <StepCard key={s.index} step={s} action={actions[s.index]} />
      ))}
    </div>
  );
}

export function ReturningToggle({ value, onChange }: { value: boolean; onChange(v: boolean): void }) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={value}
        onChange={(e) => onChange(e.target.checked)}
        data-testid="preview-returning"
      />
      {t('options.steps.returning')}
    </label>
  );
}
