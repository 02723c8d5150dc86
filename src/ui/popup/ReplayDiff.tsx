import type { ActionDiff, Change, EventDiff } from '../../replay/diff';
import { t, tn } from '../../util/i18n';
import { formatTime, showRequest } from '../shared/format';

/** Read at render time (the locale is the browser's); unchanged actions are never listed. */
const changeWord = (c: Change): string =>
  c === 'added'
    ? t('replay.change.added')
    : c === 'removed'
      ? t('replay.change.removed')
      : c === 'unknown'
        ? t('replay.change.unknown')
        : t('replay.change.changed');
const CHANGE_TONE: Record<Change, string> = {
  added: 'ok',
  removed: 'bad',
  changed: 'warn',
  unchanged: 'muted',
  unknown: 'muted',
};

function Side({ value, empty }: { value: unknown; empty: string }) {
  return value === undefined ? (
    <p className="muted">{empty}</p>
  ) : (
    <pre className="replay-req">{showRequest(value)}</pre>
  );
}

export function ActionChange({ a }: { a: ActionDiff }) {
  return (
    <li className="replay-action" data-testid="replay-change" data-change={a.change}>
      <div className="replay-action-head">
        <span className={`pill ${CHANGE_TONE[a.change]}`}>{changeWord(a.change)}</span>
        <span>
          {a.ruleName} · {a.kind} #{a.index + 1}
        </span>
      </div>
      {a.error && <p className="bad">{t('replay.renderError', { error: a.error })}</p>}
      <div className="replay-sides">
        <div>
          <h4>{t('replay.before')}</h4>
          <Side value={a.before} empty={a.change === 'added' ? t('replay.notDone') : t('replay.notKept')} />
        </div>
        <div>
          <h4>{t('replay.after')}</h4>
          <Side value={a.after} empty={t('replay.notDone')} />
        </div>
      </div>
    </li>
  );
}

/** One replayed event: only what differs is shown, side by side; identical actions are not listed. */
export function EventDiffCard({ diff }: { diff: EventDiff }) {
  const shown = diff.actions.filter((a) => a.change !== 'unchanged');
  if (shown.length === 0) return null;
  return (
    <section className="card" data-testid="replay-event" data-seq={diff.seq}>
      <h3>
        {diff.type} · #{diff.seq} · {formatTime(diff.at)}
      </h3>
      <ul className="replay-actions">
        {shown.map((a) => (
          <ActionChange key={`${a.ruleId}-${a.index}`} a={a} />
        ))}
      </ul>
    </section>
  );
}

/** The summary line and the "not compared" note. */
export function DiffTotals({ diffs }: { diffs: readonly EventDiff[] }) {
  const count = (c: Change) => diffs.reduce((n, d) => n + d.actions.filter((a) => a.change === c).length, 0);
  const unknown = count('unknown');
  return (
    <div data-testid="replay-totals">
      <p>
        {t('replay.totals', {
          events: diffs.length,
          changed: count('changed'),
          added: count('added'),
          removed: count('removed'),
          unchanged: count('unchanged'),
        })}
      </p>
      {unknown > 0 && <p className="muted">{tn('replay.unknown', unknown)}</p>}
      {count('changed') + count('added') + count('removed') === 0 && diffs.length > 0 && (
        <p className="muted">{t('replay.noChanges')}</p>
      )}
    </div>
  );
}
