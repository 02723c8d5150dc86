import { useEffect, useState } from 'react';
import type { ActionOutcome, EventEntry } from '../../journal/types';
import { request } from '../api';
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

/** Each action's outcome (delivered, retrying with the next attempt, dead-lettered with the error). */
export function ActionOutcomes({ entry }: { entry: EventEntry }) {
  const now = useNow(entry.actions.some((a) => a.status === 'retrying'));
  if (entry.actions.length === 0) {
    return (
      <p className="muted">
        {entry.matches.length === 0 ? 'No rule matched, so no action ran.' : 'No action has run yet.'}
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

  const act = (type: 'outbox.retry' | 'outbox.discard') => {
    if (!a.outboxId) return;
    setBusy(true);
    setNote('');
    request({ type, id: a.outboxId })
      .then((r) => {
        if (r?.ok) setNote(type === 'outbox.retry' ? 'Retry queued…' : 'Discarded.');
        else setNote(r?.error ?? 'Not in the outbox any more.');
      })
      .catch((e: unknown) => setNote(String((e as Error).message ?? e)))
      .finally(() => setBusy(false));
  };

  return (
    <li className="action" data-testid="action" data-status={a.status}>
      <div className="action-head">
        <span className={`pill s-${a.status}`} data-testid="action-status">
          {STATUS_LABEL[a.status]}
        </span>
        <span className="action-name">
          <b>{a.ruleName || a.ruleId}</b> <span className="muted">· action {a.index + 1}</span>{' '}
          <span className="mono">{a.kind}</span>
        </span>
        <span className="muted small-text" title={new Date(a.at).toISOString()}>
          {clock(a.at)}
        </span>
      </div>
      <div className={`action-detail s-text-${a.status}`} data-testid="action-detail">
        {describeOutcome(a, now)}
        {a.attempts && a.status !== 'retrying' ? (
          <span className="muted"> · attempts: {a.attempts}</span>
        ) : null}
      </div>
      {(canRetry || canDiscard || note) && (
        <div className="action-buttons">
          {canRetry && (
            <button type="button" disabled={busy} data-testid="retry" onClick={() => act('outbox.retry')}>
              {a.status === 'retrying' ? 'Retry now' : 'Retry'}
            </button>
          )}
          {canDiscard && (
            <button type="button" disabled={busy} data-testid="discard" onClick={() => act('outbox.discard')}>
              Discard
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
