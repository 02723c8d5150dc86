import { type ReactNode, useEffect, useState } from 'react';
import { exportJournal } from './exportJournal';

/** Title bar with the capture controls: pause/resume, clear (two clicks), export as JSON. */
export function Header({
  live,
  paused,
  onPause,
  onClear,
  children,
}: {
  live: boolean;
  paused: boolean;
  onPause: (paused: boolean) => Promise<void>;
  onClear: () => Promise<void>;
  children?: ReactNode;
}) {
  const [confirmClear, setConfirmClear] = useState(false);
  const [note, setNote] = useState('');

  useEffect(() => {
    if (!confirmClear) return;
    const t = setTimeout(() => setConfirmClear(false), 4000);
    return () => clearTimeout(t);
  }, [confirmClear]);

  useEffect(() => {
    if (!note) return;
    const t = setTimeout(() => setNote(''), 4000);
    return () => clearTimeout(t);
  }, [note]);

  const run = (fn: () => Promise<unknown>, done?: string) =>
    void fn()
      .then(() => done && setNote(done))
      .catch((e: unknown) => setNote(`Failed: ${(e as Error).message ?? String(e)}`));

  return (
    <header className="top">
      <div className="titlebar">
        <h1>CRM Bridge</h1>
        <span
          className={`live-dot ${live ? 'on' : 'off'}`}
          data-testid="connection"
          title={live ? 'Receiving live events' : 'Reconnecting to the extension…'}
        >
          {live ? 'live' : 'reconnecting'}
        </span>
        <span className="note" role="status" aria-live="polite">
          {note}
        </span>
        <div className="toolbar">
          <button
            type="button"
            data-testid="pause"
            aria-pressed={paused}
            className={paused ? 'warn-btn' : undefined}
            onClick={() => run(() => onPause(!paused), paused ? 'Capture resumed' : 'Capture paused')}
          >
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            data-testid="clear"
            className={confirmClear ? 'danger' : undefined}
            onClick={() => {
              if (!confirmClear) return setConfirmClear(true);
              setConfirmClear(false);
              run(onClear, 'Journal cleared');
            }}
          >
            {confirmClear ? 'Click to clear' : 'Clear'}
          </button>
          <button
            type="button"
            data-testid="export"
            title="Download the journal as JSON (secret values redacted)"
            onClick={() => run(async () => setNote(`Exported ${await exportJournal()} entries`))}
          >
            Export
          </button>
        </div>
      </div>
      {children}
    </header>
  );
}
