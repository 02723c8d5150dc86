import { ACTION_STATUS_WORD, type StatusWord } from '../../journal/status';
import type { ActionOutcome } from '../../journal/types';
import { t, tn } from '../../util/i18n';
import { webOrigin } from '../../util/url';
import { formatDateTime, formatRelative, formatTime } from '../shared/format';

/** 14:03:07 in the UI's language. */
export const clock = formatTime;

/** 01/05/2024, 14:03:07 in the UI's language. */
export const stamp = formatDateTime;

/** "in 12 s", "3 min ago", "now" in the UI's language. */
export const relative = formatRelative;

/** The one vocabulary (src/journal/status.ts), in the UI's language: "dead" reads "failed". */
export const STATUS_WORD_LABEL: Record<StatusWord, string> = {
  queued: t('popup.status.queued'),
  sending: t('popup.status.sending'),
  retrying: t('popup.status.retrying'),
  delivered: t('popup.status.delivered'),
  failed: t('popup.status.failed'),
  discarded: t('popup.status.discarded'),
};
export const STATUS_LABEL = Object.fromEntries(
  Object.entries(ACTION_STATUS_WORD).map(([status, word]) => [status, STATUS_WORD_LABEL[word]]),
) as Record<ActionOutcome['status'], string>;

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
      return t('popup.outcome.failed', { error: a.error ?? a.detail ?? t('popup.outcome.gaveUp') });
    case 'failed':
      return t('popup.outcome.failed', { error: a.error ?? a.detail ?? t('popup.outcome.unknownError') });
    case 'discarded':
    case 'skipped':
      return t('popup.outcome.discarded');
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
  return url ? webOrigin(url) : undefined;
}
