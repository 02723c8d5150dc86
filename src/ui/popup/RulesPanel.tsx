import { useCallback, useEffect, useState } from 'react';
import type { DryRule } from '../../actions/dry-run';
import type { EventEntry } from '../../journal/types';
import { t, tn } from '../../util/i18n';
import { request } from '../api';
import { plainError } from '../shared/errors';
import { formatNumber } from '../shared/format';
import { JsonTree } from '../shared/JsonTree';
import { clock } from './format';

/** "POST https://…" for an http preview, the URL of an open-url one; '' otherwise. */
export function previewLine(preview: unknown): string {
  if (typeof preview !== 'object' || preview === null) return '';
  const p = preview as { method?: unknown; url?: unknown };
  if (typeof p.url !== 'string') return '';
  return typeof p.method === 'string' ? `${p.method} ${p.url}` : p.url;
}

type DryState = { results?: DryRule[]; error?: string; at?: number; loading: boolean };

/** Dry run of the current rules against this event (nothing is executed). */
function useDryRun(seq: number | undefined): [DryState, () => void] {
  const [state, setState] = useState<DryState>({ loading: false });
  const run = useCallback(() => {
    if (seq === undefined) return;
    setState((s) => ({ ...s, loading: true }));
    request({ type: 'rules.dryRun', seq })
      .then((r) =>
        setState({
          results: r?.results,
          error: r?.results ? undefined : plainError(r?.error ?? t('errors.noAnswer')),
          at: Date.now(),
          loading: false,
        }),
      )
      .catch((e: unknown) =>
        setState({ error: plainError(String((e as Error).message ?? e)), loading: false }),
      );
  }, [seq]);
  useEffect(run, [run]);
  return [state, run];
}

/** Rules that matched at capture, why a chosen rule did not match, and a replay with the current rules. */
export function RulesPanel({ entry }: { entry: EventEntry }) {
  const [dry, rerun] = useDryRun(entry.seq);
  const [chosen, setChosen] = useState('');
  const unmatched = dry.results?.filter((r) => !r.matched) ?? [];
  const matchedNow = dry.results?.filter((r) => r.matched) ?? [];
  const why = unmatched.find((r) => r.ruleId === chosen) ?? unmatched[0];

  return (
    <>
      <section className="card" aria-labelledby="rules-h">
        <h3 id="rules-h">{t('popup.rules.title')}</h3>
        <div className="kv-line">
          <span className="muted">{t('popup.rules.matchedAtCapture')}</span>{' '}
          {entry.matches.length === 0 ? (
            <span className="muted">{t('popup.rules.none')}</span>
          ) : (
            entry.matches.map((m) => (
              <span key={m.ruleId} className="chip rule-chip" data-testid="matched-rule">
                {m.ruleName || m.ruleId}
              </span>
            ))
          )}
        </div>
        {unmatched.length > 0 && (
          <div className="why">
            <label>
              <span>{t('popup.rules.whyNot')}</span>{' '}
              <select
                data-testid="why-rule"
                value={why?.ruleId ?? ''}
                onChange={(e) => setChosen(e.target.value)}
              >
                {unmatched.map((r) => (
                  <option key={r.ruleId} value={r.ruleId}>
                    {r.ruleName || r.ruleId}
                  </option>
                ))}
              </select>
            </label>
            <p className="reason" data-testid="why-not">
              {why?.reason ?? t('popup.rules.didNotMatch')}
            </p>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="replay-h" data-testid="replay">
        <div className="card-head">
          <h3 id="replay-h">{t('popup.rules.replayTitle')}</h3>
          <button
            type="button"
            className="small"
            onClick={rerun}
            disabled={dry.loading}
            data-testid="replay-run"
          >
            {dry.loading ? t('popup.rules.running') : t('popup.rules.dryRunAgain')}
          </button>
        </div>
        <p className="muted small-text">
          {t('popup.rules.replayHint')}
          {dry.at ? ` ${t('popup.rules.lastRun', { time: clock(dry.at) })}` : ''}
        </p>
        {dry.error && <p className="bad">{plainError(dry.error)}</p>}
        {dry.results && matchedNow.length === 0 && (
          <p data-testid="replay-none">{tn('popup.rules.noneMatch', dry.results.length)}</p>
        )}
        {matchedNow.map((r) => (
          <div key={r.ruleId} className="replay-rule" data-testid="replay-rule">
            <div>
              <span className="pill s-matched">{t('popup.rules.wouldRun')}</span>{' '}
              <b>{r.ruleName || r.ruleId}</b>
            </div>
            <ul className="replay-actions">
              {r.actions.map((a) => (
                <li key={a.index}>
                  <span className="muted">{t('popup.rules.action', { n: formatNumber(a.index + 1) })}</span>{' '}
                  <span className="mono">{a.kind}</span>{' '}
                  <span className="mono break">{previewLine(a.preview)}</span>
                  {a.error && <span className="bad"> — {plainError(a.error)}</span>}
                  {a.missing.length > 0 && (
                    <span className="warn"> — {t('popup.rules.empty', { paths: a.missing.join(', ') })}</span>
                  )}
                  <JsonTree value={a.preview} openDepth={2} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}
