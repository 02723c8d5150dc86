import { useMemo, useState } from 'react';
import { dryRun } from '../../../actions/dry-run';
import type { BridgeEvent } from '../../../events/model';
import type { Rule } from '../../../rules/schema';
import { t } from '../../../util/i18n';
import type { StepPreview } from '../../../workflows/dry-run';
import { plainError } from '../../shared/errors';
import { KIND_LABEL } from './ActionEditor';
import { Missing, PreviewBody } from './ActionPreview';
import { StepList } from './StepPreview';

/** "Test this rule": a dry run against the sample: match or not (and why), the rendered actions. */
export function TestRule({
  rule,
  event,
  secretNames,
  steps,
}: {
  rule?: Rule;
  event?: BridgeEvent;
  secretNames: readonly string[];
  /** A workflow rule: its steps over the sample, earlier answers simulated (in place of the actions). */
  steps?: StepPreview[];
}) {
  const [on, setOn] = useState(false);
  const result = useMemo(
    () => (on && rule && event ? dryRun([rule], event, [...secretNames])[0] : undefined),
    [on, rule, event, secretNames],
  );
  return (
    <div className="test-rule">
      <button
        type="button"
        className="btn"
        onClick={() => setOn(true)}
        disabled={!rule || !event}
        data-testid="test-rule"
      >
        {t('options.ruleEditor.test')}
      </button>
      {!rule ? <span className="muted"> {t('options.ruleEditor.fixFirst')}</span> : null}
      {on && result ? (
        <div className="test-result" data-testid="test-result" aria-live="polite">
          {result.matched ? (
            <p className="ok" data-testid="test-matched">
              ✓ {t('options.ruleEditor.matches')}
            </p>
          ) : (
            <p className="bad" data-testid="test-no-match">
              ✗ {t('options.ruleEditor.noMatch', { reason: result.reason ?? '' })}
            </p>
          )}
          {result.matched && steps ? <StepList steps={steps} actions={rule?.then ?? []} /> : null}
          {(steps ? [] : result.actions).map((a) => (
            <div key={a.index} className="test-action">
              <div className="preview-head">
                {a.index + 1}. {KIND_LABEL[a.kind]}
              </div>
              {a.error ? <p className="bad">{plainError(a.error)}</p> : <PreviewBody preview={a.preview} />}
              <Missing missing={a.missing} />
            </div>
          ))}
          <p className="muted">{t('options.ruleEditor.dryRun', { example: '[secret:name]' })}</p>
        </div>
      ) : null}
    </div>
  );
}
