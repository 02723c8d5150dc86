import { useState } from 'react';
import type { PolicyStatus } from '../../../config/policy';
import type { Settings } from '../../../config/settings';
import { t } from '../../../util/i18n';
import { isLocked, isSuggested, Suggested } from '../policy/markers';
import { FieldErrors, Lock } from '../ui';
import { withRetryHours } from './retry-window';

/**
 * How long a request failing with a temporary error is retried (`delivery.maxAgeHours`, 1–168 h).
 * Locked by the organisation's policy (`lockedSettings.delivery`): its value is shown, not editable.
 */
export function RetryWindow({
  settings,
  effective,
  policy,
  save,
}: {
  settings: Settings;
  effective: Settings;
  policy: PolicyStatus;
  save: (next: Settings, message: string) => unknown;
}) {
  const locked = isLocked(policy, 'delivery');
  const [hours, setHours] = useState(String(settings.delivery.maxAgeHours));
  const [problem, setProblem] = useState(false);
  const submit = () => {
    const next = withRetryHours(settings, hours);
    setProblem(!next);
    if (next) void save(next, t('options.retryWindow.saved'));
  };
  return (
    <div className="card" data-testid="retry-window">
      <div className="inline">
        <label>
          {t('options.retryWindow.before')}
          <input
            className="num"
            type="number"
            inputMode="numeric"
            min={1}
            max={168}
            step={1}
            value={locked ? String(effective.delivery.maxAgeHours) : hours}
            disabled={locked}
            aria-invalid={problem || undefined}
            aria-describedby="retry-window-hint"
            onChange={(e) => setHours(e.target.value)}
            data-testid="retry-hours"
          />
          {t('options.retryWindow.after')}
        </label>
        {locked ? (
          <Lock />
        ) : (
          <>
            {isSuggested(policy, 'settings', 'delivery') ? <Suggested /> : null}
            <button type="button" className="btn small" onClick={submit} data-testid="retry-hours-save">
              {t('options.save')}
            </button>
          </>
        )}
      </div>
      <p className="muted" id="retry-window-hint">
        {t('options.retryWindow.hint')}
      </p>
      {problem && !locked ? (
        <FieldErrors issues={[{ path: 'delivery.maxAgeHours', message: t('options.retryWindow.problem') }]} />
      ) : null}
    </div>
  );
}
