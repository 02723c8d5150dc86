import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ActionOutcome, EventEntry } from '../../journal/types';
import { t } from '../../util/i18n';
import { request } from '../api';
import { plainError } from '../shared/errors';
import { formatNumber } from '../shared/format';
import { clock, describeOutcome, STATUS_LABEL } from './format';

/** Re-renders every second while `on` (for "next attempt in 12 s"). */
function useNow(on: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}

/** Opens the options page's Deliveries tab (every queued, retrying and failed request). */
export function openDeliveries(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/options.html#deliveries') });
}

/**
 * Each action's outcome, in the one vocabulary of src/journal/status.ts (queued, sending, retrying,
 * delivered, failed, discarded): the next attempt when retrying, the error when failed.
 */
export function ActionOutcomes({ entry }: { entry: EventEntry }) {
  const now = useNow(entry.actions.some((a) => a.status === 'retrying'));
  if (entry.actions.length === 0) {
    return (
      <p className="muted">
        {entry.matches.length === 0 ? t('popup.actions.noRule') : t('popup.actions.noneYet')}
      </p>
    );
  }
  return (
    <ul className="actions" data-testid="actions">
      {entry.actions.map((a) => (
        // Keyed by status too: a retry's "queued…" note goes away once the outcome changes.
        <ActionItem key={`${a.ruleId}-${a.index}-${a.status}`} action={a} now={now} />
      ))}
    </ul>
  );
}

function ActionItem({ action: a, now }: { action: ActionOutcome; now: number }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const canRetry = !!a.outboxId && (a.status === 'dead' || a.status === 'retrying' || a.status === 'failed');
  const canDiscard = !!a.outboxId && (a.status === 'dead' || a.status === 'retrying');
  const inOutbox = !!a.outboxId && (canRetry || a.status === 'queued');

  const act = (type: 'outbox.retry' | 'outbox.discard') => {
    if (!a.outboxId) return;
    setBusy(true);
    setNote('');
    request({ type, id: a.outboxId })
      .then((r) => {
        if (r?.ok)
          setNote(type === 'outbox.retry' ? t('popup.actions.retryQueued') : t('popup.actions.discarded'));
        else setNote(r?.error ? plainError(r.error) : t('popup.actions.notInOutbox'));
      })
      .catch((e: unknown) => setNote(plainError(String((e as Error).message ?? e))))
      .finally(() => setBusy(false));
  };

  return (
    <li className="action" data-testid="action" data-status={a.status}>
      <div className="action-head">
        <span className={`pill s-${a.status}`} data-testid="action-status">
          {STATUS_LABEL[a.status]}
        </span>
        <span className="action-name">
          <b>{a.ruleName || a.ruleId}</b>{' '}
          <span className="muted">{t('popup.actions.actionNumber', { n: formatNumber(a.index + 1) })}</span>{' '}
          <span className="mono">{a.kind}</span>
        </span>
        <span className="muted small-text" title={new Date(a.at).toISOString()}>
          {clock(a.at)}
        </span>
      </div>
      <div className={`action-detail s-text-${a.status}`} data-testid="action-detail">
        {describeOutcome(a, now)}
        {a.attempts && a.status !== 'retrying' ? (
          <span className="muted"> {t('popup.actions.attempts', { n: formatNumber(a.attempts) })}</span>
        ) : null}
      </div>
      {(canRetry || canDiscard || inOutbox || note) && (
        <div className="action-buttons">
          {canRetry && (
            <button type="button" disabled={busy} data-testid="retry" onClick={() => act('outbox.retry')}>
              {a.status === 'retrying' ? t('popup.actions.retryNow') : t('popup.actions.retry')}
            </button>
          )}
          {canDiscard && (
            <button type="button" disabled={busy} data-testid="discard" onClick={() => act('outbox.discard')}>
              {t('popup.actions.discard')}
            </button>
          )}
          {inOutbox && (
            <button type="button" className="link" data-testid="open-deliveries" onClick={openDeliveries}>
              {t('popup.actions.allDeliveries')}
            </button>
          )}
          {note && (
            <span className="muted" role="status">
              {note}
            </span>
          )}
        </div>
      )}
    </li>
  );
}
