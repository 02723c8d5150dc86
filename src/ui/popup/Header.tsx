import { type ReactNode, useEffect, useState } from 'react';
import { t, tn } from '../../util/i18n';
import { plainError } from '../shared/errors';
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
      .catch((e: unknown) =>
        setNote(t('popup.header.failed', { error: plainError((e as Error).message ?? String(e)) })),
      );

  return (
    <header className="top">
      <div className="titlebar">
        <h1>{t('extName')}</h1>
        <span
          className={`live-dot ${live ? 'on' : 'off'}`}
          data-testid="connection"
          title={live ? t('popup.header.liveTitle') : t('popup.header.reconnectingTitle')}
        >
          {live ? t('popup.header.live') : t('popup.header.reconnecting')}
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
            onClick={() =>
              run(() => onPause(!paused), paused ? t('popup.header.resumed') : t('popup.header.paused'))
            }
          >
            {paused ? t('popup.header.resume') : t('popup.header.pause')}
          </button>
          <button
            type="button"
            data-testid="clear"
            className={confirmClear ? 'danger' : undefined}
            onClick={() => {
              if (!confirmClear) return setConfirmClear(true);
              setConfirmClear(false);
              run(onClear, t('popup.header.cleared'));
            }}
          >
            {confirmClear ? t('popup.header.confirmClear') : t('popup.header.clear')}
          </button>
          <button
            type="button"
            data-testid="export"
            title={t('popup.header.exportTitle')}
            onClick={() => run(async () => setNote(tn('popup.header.exported', await exportJournal())))}
          >
            {t('popup.header.export')}
          </button>
        </div>
      </div>
      {children}
    </header>
  );
}
