import { useState } from 'react';
import type { EventEntry } from '../../journal/types';
import type { LogNowRefusal } from '../../protocol';
import { t, tn } from '../../util/i18n';
import { request } from '../api';
import { plainError } from '../shared/errors';

const REFUSAL: Record<LogNowRefusal, () => string> = {
  gone: () => t('popup.logNow.gone'),
  'no-conversation': () => t('popup.logNow.gone'),
  'not-configured': () => t('popup.logNow.notConfigured'),
  paused: () => t('popup.logNow.paused'),
  'no-rules': () => t('popup.logNow.noRules'),
};

type State =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'started'; seq: number; rules: number }
  | { kind: 'refused'; text: string };

/**
 * "Log this conversation now" on an event of a conversation: the worker runs the rules that log a
 * conversation (those on its close) now, as a new journal entry (handlers/log-now.ts). Only the
 * entry's sequence number is sent. The status line follows that entry's outcome live.
 */
export function LogNow({
  entry,
  stateOf,
  onOpen,
}: {
  entry: EventEntry;
  /** The words for a journal entry's current outcome ("delivered"), when the popup has it. */
  stateOf?: (seq: number) => string | undefined;
  onOpen?: (seq: number) => void;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const conversation = entry.event.conversation?.id;
  if (!conversation || entry.seq === undefined) return null;
  const seq = entry.seq;
  const run = () => {
    setState({ kind: 'working' });
    request({ type: 'conversation.logNow', seq })
      .then((r) => {
        if (r.ok) setState({ kind: 'started', seq: r.seq, rules: r.rules });
        else if ('reason' in r && r.reason) setState({ kind: 'refused', text: REFUSAL[r.reason]() });
        else setState({ kind: 'refused', text: t('popup.logNow.failed', { error: plainError(r.error) }) });
      })
      .catch((e: unknown) =>
        setState({
          kind: 'refused',
          text: t('popup.logNow.failed', { error: plainError(String((e as Error).message ?? e)) }),
        }),
      );
  };
  const outcome = state.kind === 'started' ? stateOf?.(state.seq) : undefined;
  return (
    <div className="log-now" data-testid="log-now-box">
      <button
        type="button"
        className="small"
        onClick={run}
        disabled={state.kind === 'working'}
        aria-label={t('popup.logNow.aria', { id: conversation })}
        data-testid="log-now"
      >
        {t('popup.logNow.button')}
      </button>{' '}
      <span
        role="status"
        className={state.kind === 'refused' ? 'bad' : state.kind === 'started' ? 'ok' : 'muted'}
        data-testid="log-now-status"
        data-kind={state.kind}
      >
        {state.kind === 'working' && t('popup.logNow.working')}
        {state.kind === 'refused' && state.text}
        {state.kind === 'started' && (
          <>
            {tn('popup.logNow.started', state.rules)}
            {outcome ? ` ${t('popup.logNow.outcome', { state: outcome })}` : ''}
          </>
        )}
      </span>{' '}
      {state.kind === 'started' && onOpen && (
        <button type="button" className="link" onClick={() => onOpen(state.seq)} data-testid="log-now-open">
          {t('popup.logNow.show')}
        </button>
      )}
    </div>
  );
}
