import { useEffect, useState } from 'react';
import { t } from '../../util/i18n';
import type { AskRecord } from '../../workflows/asks';
import { request } from '../api';
import { AskView } from '../popup/NeedsYouAsk';

/** The ask window (entrypoints/ask): one parked question, opened from its notification or the popup. */
export function AskPage({ id }: { id: string }) {
  const [ask, setAsk] = useState<AskRecord | null>();
  const [done, setDone] = useState<string>();
  useEffect(() => {
    request({ type: 'asks.list' })
      .then((r) => setAsk(r.asks.find((a) => a.id === id) ?? null))
      .catch(() => setAsk(null));
  }, [id]);
  return (
    <main className="ask-page-main">
      <h1>{t('ask.title')}</h1>
      {done ? (
        <p data-testid="ask-done">{done}</p>
      ) : ask === undefined ? (
        <p className="muted">{t('ask.loading')}</p>
      ) : ask === null ? (
        <p data-testid="ask-gone">{t('popup.needsYou.gone')}</p>
      ) : (
        <AskView
          ask={ask}
          onDone={(ok) => {
            setDone(ok ? t('ask.thanks') : t('popup.needsYou.gone'));
            if (ok) setTimeout(() => window.close(), 800);
          }}
        />
      )}
    </main>
  );
}
