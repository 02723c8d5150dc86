import { useEffect, useState } from 'react';
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
      <h1>CRM Bridge needs you</h1>
      {done ? (
        <p data-testid="ask-done">{done}</p>
      ) : ask === undefined ? (
        <p className="muted">Loading…</p>
      ) : ask === null ? (
        <p data-testid="ask-gone">This question was already answered or has timed out.</p>
      ) : (
        <AskView
          ask={ask}
          onDone={(ok) => {
            setDone(
              ok
                ? 'Thanks: the workflow goes on. You can close this window.'
                : 'This question was already answered or has timed out.',
            );
            if (ok) setTimeout(() => window.close(), 800);
          }}
        />
      )}
    </main>
  );
}
