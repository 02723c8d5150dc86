import { memo } from 'react';
import type { JournalEntry } from '../../journal/types';
import { platformLabel } from '../../platforms/agent';
import { t, tn } from '../../util/i18n';
import { rowState, summaryOf } from './filters';
import { clock } from './format';

export const STATE_LABEL: Record<ReturnType<typeof rowState>, string> = {
  rejected: t('popup.state.rejected'),
  // Action states: the words of src/journal/status.ts.
  failed: t('popup.status.failed'),
  retrying: t('popup.status.retrying'),
  queued: t('popup.status.queued'),
  delivered: t('popup.status.delivered'),
  discarded: t('popup.status.discarded'),
  matched: t('popup.state.matched'),
  duplicate: t('popup.state.duplicate'),
  captured: t('popup.state.captured'),
};

/** "1 rule matched, 2 actions": what the rules column's `1▸2` says, in words (its title and accessible name). */
export function rulesText(rules: number, actions: number): string {
  return t('popup.row.rulesActions', {
    rules: tn('popup.row.rules', rules),
    actions: tn('popup.row.actions', actions),
  });
}

/**
 * The column labels above the list (the rows are options of a listbox, which has no column headers; the
 * labels are for the eye, and each cell that needs one says what it is in its own title).
 */
export function RowHeads() {
  return (
    <div className="row-heads" aria-hidden="true" data-testid="row-heads">
      <span className="c-time">{t('popup.heads.time')}</span>
      <span className="c-platform">{t('popup.heads.platform')}</span>
      <span className="c-type">{t('popup.heads.event')}</span>
      <span className="c-summary">{t('popup.heads.summary')}</span>
      <span className="c-rules" title={t('popup.heads.rulesTitle')}>
        {t('popup.heads.rules')}
      </span>
      <span className="c-state">{t('popup.heads.outcome')}</span>
    </div>
  );
}

/** One fixed-height row of the windowed list (an option of the listbox). */
export const Row = memo(function Row({
  entry,
  index,
  count,
  top,
  height,
  active,
  selected,
  onOpen,
}: {
  entry: JournalEntry;
  index: number;
  count: number;
  top: number;
  height: number;
  active: boolean;
  selected: boolean;
  onOpen: (index: number, seq: number | undefined) => void;
}) {
  const state = rowState(entry);
  const rules = entry.kind === 'event' ? entry.matches.length : 0;
  const actions = entry.kind === 'event' ? entry.actions.length : 0;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox owns the keyboard (active descendant)
    <div
      id={`row-${entry.seq}`}
      role="option"
      tabIndex={-1}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      className={`row${active ? ' active' : ''}${selected ? ' selected' : ''} st-${state}`}
      style={{ top, height }}
      onClick={() => onOpen(index, entry.seq)}
      data-seq={entry.seq}
      data-kind={entry.kind}
      data-state={state}
      data-testid="row"
    >
      <span className="c-time mono">{clock(entry.at)}</span>
      <span className={`c-platform chip p-${entry.platform ?? 'none'}`}>
        {entry.platform ? platformLabel(entry.platform) : '?'}
      </span>
      <span
        className="c-type"
        title={entry.kind === 'event' ? `${entry.type} (${entry.event.sourceEvent})` : entry.origin}
      >
        {entry.kind === 'event' ? entry.type : t('popup.state.rejected')}
      </span>
      <span className="c-summary">{summaryOf(entry)}</span>
      <span className="c-rules muted" title={rules > 0 ? rulesText(rules, actions) : undefined}>
        {rules > 0 ? (
          <>
            <span aria-hidden="true">{`${rules}▸${actions}`}</span>
            <span className="sr-only">{rulesText(rules, actions)}</span>
          </>
        ) : (
          ''
        )}
      </span>
      <span className={`c-state pill s-${state}`}>{STATE_LABEL[state]}</span>
    </div>
  );
});
