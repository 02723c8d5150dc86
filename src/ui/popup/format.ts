import type { ActionOutcome } from '../../journal/types';
import { t, tn } from '../../util/i18n';
import { formatDateTime, formatRelative, formatTime } from '../shared/format';

/** 14:03:07 in the UI's language. */
export const clock = formatTime;

/** 01/05/2024, 14:03:07 in the UI's language. */
export const stamp = formatDateTime;

/** "in 12 s", "3 min ago", "now" in the UI's language. */
export const relative = formatRelative;

export const STATUS_LABEL: Record<ActionOutcome['status'], string> = {
  ok: t('popup.status.ok'),
  queued: t('popup.status.queued'),
  retrying: t('popup.status.retrying'),
  failed: t('popup.status.failed'),
  dead: t('popup.status.dead'),
  skipped: t('popup.status.skipped'),
};

/** One readable sentence for an action's state. */
export function describeOutcome(a: ActionOutcome, now = Date.now()): string {
  switch (a.status) {
    case 'ok':
      return a.detail ? t('popup.outcome.delivered', { detail: a.detail }) : t('popup.outcome.done');
    case 'queued':
      return t('popup.outcome.queued');
    case 'retrying': {
      const next = a.nextAttemptAt
        ? t('popup.outcome.nextAttempt', {
            when: relative(a.nextAttemptAt, now),
            time: clock(a.nextAttemptAt),
          })
        : '';
      const tries = a.attempts ? tn('popup.outcome.attemptsFailed', a.attempts) : '';
      return [t('popup.status.retrying'), tries, a.error, next].filter(Boolean).join(' — ');
    }
    case 'dead':
      return t('popup.outcome.dead', { error: a.error ?? a.detail ?? t('popup.outcome.gaveUp') });
    case 'failed':
      return t('popup.outcome.failed', { error: a.error ?? a.detail ?? t('popup.outcome.unknownError') });
    case 'skipped':
      return a.detail ? t('popup.outcome.skippedDetail', { detail: a.detail }) : t('popup.status.skipped');
  }
}

export function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return u.host || u.protocol;
  } catch {
    return url;
  }
}

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
