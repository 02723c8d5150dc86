import { useCallback, useEffect, useState } from 'react';
import { t } from '../../util/i18n';
import type { AskRecord } from '../../workflows/asks';
import { request } from '../api';
import { AskView } from './NeedsYouAsk';

/** The popup's "Needs you" list: questions workflows parked for the agent (issue 17). */
export function NeedsYou() {
  const [asks, setAsks] = useState<AskRecord[]>([]);
  const [note, setNote] = useState<string>();
  const load = useCallback(() => {
    request({ type: 'asks.list' })
      .then((r) => setAsks(r.asks ?? []))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    load();
    const t = setInterval(load, 3000);
    return () => clearInterval(t);
  }, [load]);
  if (asks.length === 0 && !note) return null;
  return (
    <div className="needs-you" data-testid="needs-you">
      <h2 className="needs-you-title">{t('popup.needsYou.title', { n: asks.length })}</h2>
      {note ? <p className="muted small-text">{note}</p> : null}
      {asks.map((a) => (
        <AskView
          key={a.id}
          ask={a}
          onDone={(ok) => {
            setNote(ok ? t('popup.needsYou.thanks') : t('popup.needsYou.gone'));
            load();
          }}
        />
      ))}
    </div>
  );
}
