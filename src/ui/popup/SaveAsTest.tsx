import { useState } from 'react';
import type { EventEntry } from '../../journal/types';
import type { SaveTestResult } from '../../protocol';
import { SAVED_TESTS_MAX } from '../../replay/saved-test';
import { t } from '../../util/i18n';
import { request } from '../api';
import { plainError } from '../shared/errors';

type State = { kind: 'idle' } | { kind: 'working' } | { kind: 'ok' | 'bad'; text: string };

/** The popup's words for what "Save as test" answered. */
export function saveTestWords(r: SaveTestResult): State {
  if (r.ok) return { kind: 'ok', text: t('tests.popup.saved', { name: r.name }) };
  if (!('reason' in r) || !r.reason)
    return { kind: 'bad', text: t('tests.popup.failed', { error: plainError(r.error) }) };
  switch (r.reason) {
    case 'gone':
      return { kind: 'bad', text: t('tests.popup.gone') };
    case 'full':
      return { kind: 'bad', text: t('tests.popup.full', { max: SAVED_TESTS_MAX }) };
    case 'duplicate':
      return { kind: 'bad', text: t('tests.popup.duplicate', { name: r.name ?? '' }) };
    case 'unreadable':
      return { kind: 'bad', text: t('tests.popup.unreadable') };
    case 'too-large':
      return { kind: 'bad', text: t('tests.popup.tooLarge') };
  }
}

/**
 * "Save as test" on a journaled event (issue 20): only the entry's sequence number goes to the worker,
 * which builds the test from its own journal and stores it in the settings (handlers/tests.ts).
 */
export function SaveAsTest({ entry }: { entry: EventEntry }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  if (entry.seq === undefined) return null;
  const seq = entry.seq;
  const run = () => {
    setState({ kind: 'working' });
    request({ type: 'tests.save', seq })
      .then((r) => setState(saveTestWords(r)))
      .catch((e: unknown) =>
        setState({
          kind: 'bad',
          text: t('tests.popup.failed', { error: plainError(String((e as Error).message ?? e)) }),
        }),
      );
  };
  return (
    <div className="save-test" data-testid="save-test-box">
      <button
        type="button"
        className="small"
        onClick={run}
        disabled={state.kind === 'working'}
        data-testid="save-test"
      >
        {t('tests.popup.button')}
      </button>{' '}
      <span
        role="status"
        className={state.kind === 'bad' ? 'bad' : state.kind === 'ok' ? 'ok' : 'muted'}
        data-testid="save-test-status"
        data-kind={state.kind}
      >
        {state.kind === 'working' ? t('tests.popup.working') : state.kind === 'idle' ? '' : state.text}
      </span>
    </div>
  );
}
