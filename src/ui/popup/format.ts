import { ACTION_STATUS_WORD } from '../../journal/status';
import type { ActionOutcome } from '../../journal/types';

const pad = (n: number) => String(n).padStart(2, '0');

/** 14:03:07 in local time. */
export function clock(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 2024-05-01 14:03:07 in local time. */
export function stamp(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(at)}`;
}

/** "in 12 s", "in 3 min", "now". */
export function relative(at: number, now = Date.now()): string {
  const s = Math.round((at - now) / 1000);
  if (Math.abs(s) < 1) return 'now';
  const abs = Math.abs(s);
  const text =
    abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.round(abs / 60)} min` : `${Math.round(abs / 3600)} h`;
  return s > 0 ? `in ${text}` : `${text} ago`;
}

/** The one vocabulary (src/journal/status.ts): "dead" reads "failed", a discarded action "discarded". */
export const STATUS_LABEL: Record<ActionOutcome['status'], string> = ACTION_STATUS_WORD;

/** One readable sentence for an action's state. */
export function describeOutcome(a: ActionOutcome, now = Date.now()): string {
  switch (a.status) {
    case 'ok':
      return a.detail ? `delivered — ${a.detail}` : 'done';
    case 'queued':
      return 'queued for delivery';
    case 'retrying': {
      const next = a.nextAttemptAt
        ? `next attempt ${relative(a.nextAttemptAt, now)} (${clock(a.nextAttemptAt)})`
        : '';
      const tries = a.attempts ? `${a.attempts} attempt${a.attempts === 1 ? '' : 's'} failed` : '';
      return ['retrying', tries, a.error, next].filter(Boolean).join(' — ');
    }
    case 'dead':
      return `failed — ${a.error ?? a.detail ?? 'gave up'}`;
    case 'failed':
      return `failed — ${a.error ?? a.detail ?? 'unknown error'}`;
    case 'discarded':
    case 'skipped':
      return 'discarded — removed from the outbox without being delivered';
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
