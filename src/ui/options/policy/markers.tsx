import type { PolicyStatus } from '../../../config/policy';
import { t } from '../../../util/i18n';

/**
 * Which entries and settings the organisation locked or suggested (issue 19), from PolicyStatus.
 * Locked ones show the Lock (ui.tsx) and cannot be changed; suggested ones stay the user's to change or
 * remove and carry this marker.
 */
export const isLocked = (policy: PolicyStatus, setting: string): boolean =>
  policy.locked?.includes(setting) ?? false;

export const isSuggested = (
  policy: PolicyStatus,
  kind: 'rules' | 'sites' | 'settings',
  id: string,
): boolean => policy.suggested?.[kind].includes(id) ?? false;

/** The marker of a suggestion: pre-filled by the organisation, still the user's. */
export function Suggested() {
  return (
    <span className="pill suggested" data-testid="suggested" title={t('options.policy.suggestedTitle')}>
      {t('options.policy.suggested')}
    </span>
  );
}
