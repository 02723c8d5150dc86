import { useEffect, useRef, useState } from 'react';
import type { EventDiff } from '../../replay/diff';
import type { ReplayScope } from '../../replay/select';
import { t, tn } from '../../util/i18n';
import { request } from '../api';
import { plainError } from '../shared/errors';
import { DiffTotals, EventDiffCard } from './ReplayDiff';

type Choice = 'one' | 'shown' | 'range' | 'failed';

/** `datetime-local` value of a time (the browser's local zone, as the input shows it). */
const localInput = (at: number) => {
  const d = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

export interface ReplayPanelProps {
  /** Event entries the list shows now (the filter result), newest first. */
  shown: number[];
  /** The event open in the detail view, if any: "this event". */
  selected?: number;
  onClose: () => void;
}

/**
 * Replay with a diff (issue 20): pick events (this one, the filter result, a time range, every failed
 * delivery), run them through the current rules in the worker without sending anything, see what would
 * change, then "Send the changes".
 */
export function ReplayPanel({ shown, selected, onClose }: ReplayPanelProps) {
  const [choice, setChoice] = useState<Choice>(selected !== undefined ? 'one' : 'shown');
  const [from, setFrom] = useState(() => localInput(Date.now() - 3_600_000));
  const [to, setTo] = useState(() => localInput(Date.now()));
  const [busy, setBusy] = useState<'run' | 'send'>();
  const [diffs, setDiffs] = useState<EventDiff[]>();
  const [note, setNote] = useState('');
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);

  const scope = (): ReplayScope | undefined => {
    if (choice === 'one') return selected === undefined ? undefined : { kind: 'seqs', seqs: [selected] };
    if (choice === 'shown') return shown.length ? { kind: 'seqs', seqs: shown.slice(0, 500) } : undefined;
    if (choice === 'failed') return { kind: 'failed' };
    return { kind: 'range', from: new Date(from).getTime(), to: new Date(to).getTime() };
  };

  const run = async () => {
    const s = scope();
    setNote('');
    if (!s) return setDiffs([]);
    setBusy('run');
    try {
      setDiffs((await request({ type: 'replay.run', scope: s })).diffs);
    } catch (e) {
      setNote(t('replay.failed', { error: plainError((e as Error).message) }));
    } finally {
      setBusy(undefined);
    }
  };

  const toSend = diffs?.filter((d) => d.actions.some((a) => a.sendKey)) ?? [];
  const sendCount = toSend.reduce((n, d) => n + d.actions.filter((a) => a.sendKey).length, 0);
  const send = async () => {
    setBusy('send');
    setNote('');
    try {
      const r = await request({ type: 'replay.send', seqs: toSend.map((d) => d.seq) });
      setNote(r.ok ? tn('replay.sent', r.count) : t('replay.failed', { error: plainError(r.error) }));
      if (r.ok) setDiffs(undefined);
    } catch (e) {
      setNote(t('replay.failed', { error: plainError((e as Error).message) }));
    } finally {
      setBusy(undefined);
    }
  };

  const options: Array<[Choice, string]> = [
    ...(selected !== undefined ? [['one', t('replay.scope.one')] as [Choice, string]] : []),
    ['shown', tn('replay.scope.shown', shown.length)],
    ['range', t('replay.scope.range')],
    ['failed', t('replay.scope.failed')],
  ];

  return (
    <section
      className="detail"
      aria-label={t('replay.title')}
      data-testid="replay"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="detail-bar">
        <button type="button" ref={closeRef} onClick={onClose} data-testid="replay-close">
          {t('replay.close')}
        </button>
        <h2>{t('replay.title')}</h2>
      </div>
      <div className="detail-body">
        <fieldset className="replay-scope">
          <legend>{t('replay.scopeLabel')}</legend>
          {options.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="replay-scope"
                value={value}
                checked={choice === value}
                onChange={() => setChoice(value)}
              />{' '}
              {label}
            </label>
          ))}
          {choice === 'range' && (
            <div className="replay-range">
              <label>
                {t('replay.from')}{' '}
                <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                {t('replay.to')}{' '}
                <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
            </div>
          )}
        </fieldset>
        <p className="muted">{t('replay.dry')}</p>
        <div className="replay-buttons">
          <button
            type="button"
            disabled={busy !== undefined}
            onClick={() => void run()}
            data-testid="replay-run"
          >
            {busy === 'run' ? t('replay.running') : t('replay.run')}
          </button>
          {sendCount > 0 && (
            <button
              type="button"
              className="primary"
              disabled={busy !== undefined}
              onClick={() => void send()}
              data-testid="replay-send"
            >
              {busy === 'send' ? t('replay.sending') : tn('replay.send', sendCount)}
            </button>
          )}
        </div>
        {note && (
          <p role="status" data-testid="replay-note">
            {note}
          </p>
        )}
        {diffs && diffs.length === 0 && <p className="muted">{t('replay.noEvents')}</p>}
        {diffs && diffs.length > 0 && <DiffTotals diffs={diffs} />}
        {diffs?.map((d) => (
          <EventDiffCard key={d.seq} diff={d} />
        ))}
      </div>
    </section>
  );
}
