import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { RejectedEntry } from '../../journal/types';
import { t, tn } from '../../util/i18n';
import { Detail } from './Detail';
import { DriftGroups } from './DriftGroups';
import { EventList } from './EventList';
import { Filters } from './Filters';
import {
  applyFilters,
  type Filters as FilterState,
  isFiltered,
  NO_FILTERS,
  rowState,
  typesIn,
} from './filters';
import { Header } from './Header';
import { NeedsYou } from './NeedsYou';
import { ReplayPanel } from './ReplayPanel';
import { RowHeads, STATE_LABEL } from './Row';
import { findBySeq } from './store';
import { TabHeader } from './TabHeader';
import { TabInfo } from './TabInfo';
import { useInspector } from './useInspector';

/** The live event inspector: tab status, filters, a windowed list and the detail of one entry. */
export function Popup() {
  const insp = useInspector();
  const [filters, setFilters] = useState<FilterState>({ ...NO_FILTERS, scope: 'tab' });
  const scopeChosen = useRef(false);
  const [selected, setSelected] = useState<number>();
  const [replay, setReplay] = useState<{ seq?: number }>();
  const listRef = useRef<HTMLDivElement>(null);
  const text = useDeferredValue(filters.text);
  const { status, tabId, entries, exhausted, loadingOlder, loadOlder } = insp;

  // A tab with nothing to inspect (not configured, no workspace) starts on "all tabs".
  useEffect(() => {
    if (scopeChosen.current || !status) return;
    scopeChosen.current = true;
    if (!status.configured && status.workspaces.length === 0 && status.sockets.length === 0) {
      setFilters((f) => ({ ...f, scope: 'all' }));
    }
  }, [status]);

  const scope = tabId === undefined ? 'all' : filters.scope;
  const items = useMemo(
    () => applyFilters(entries, { ...filters, scope, text }, tabId),
    [entries, filters, scope, text, tabId],
  );
  const types = useMemo(() => typesIn(entries), [entries]);
  const rejectedHere = useMemo(
    () =>
      entries.filter(
        (e): e is RejectedEntry => e.kind === 'rejected' && (tabId === undefined || e.tabId === tabId),
      ),
    [entries, tabId],
  );
  const entry = findBySeq(entries, selected);
  const stateOf = (seq: number) => {
    const e = findBySeq(entries, seq);
    return e ? STATE_LABEL[rowState(e)] : undefined;
  };

  const onNearEnd = useCallback(() => {
    if (!exhausted && !loadingOlder && entries.length > 0) loadOlder();
  }, [exhausted, loadingOlder, loadOlder, entries.length]);

  const changeFilters = (next: FilterState) => {
    if (next.scope !== filters.scope) scopeChosen.current = true;
    setFilters(next);
  };

  const back = () => {
    setSelected(undefined);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('[role=listbox]')?.focus());
  };

  const footer = !insp.ready ? (
    <div className="list-footer muted">{t('popup.list.loading')}</div>
  ) : (
    <div className="list-footer">
      {items.length === 0 && (
        <div className="empty" data-testid="empty">
          {entries.length === 0 ? (
            t('popup.list.noEvents')
          ) : (
            <>
              {scope === 'tab' ? t('popup.list.noMatchTab') : t('popup.list.noMatch')}{' '}
              {isFiltered(filters) && (
                <button
                  type="button"
                  className="link"
                  onClick={() => changeFilters({ ...NO_FILTERS, scope })}
                >
                  {t('popup.list.resetFilters')}
                </button>
              )}{' '}
              {scope === 'tab' && (
                <button
                  type="button"
                  className="link"
                  onClick={() => changeFilters({ ...filters, scope: 'all' })}
                >
                  {t('popup.list.showAllTabs')}
                </button>
              )}
            </>
          )}
        </div>
      )}
      {exhausted ? (
        entries.length > 0 && <span className="muted">{tn('popup.list.endOfJournal', entries.length)}</span>
      ) : (
        <button
          type="button"
          className="link"
          disabled={loadingOlder}
          onClick={loadOlder}
          data-testid="load-older"
        >
          {loadingOlder ? t('popup.list.loadingOlder') : t('popup.list.loadOlder')}
        </button>
      )}
    </div>
  );

  return (
    <div className="app">
      <Header live={insp.live} paused={insp.paused} onPause={insp.setPaused} onClear={insp.clear}>
        <TabInfo status={status} tabId={tabId} onChanged={() => void insp.refreshStatus()}>
          <TabHeader status={status} />
        </TabInfo>
        <NeedsYou />
        {rejectedHere.length > 0 && (
          <div className="banner" role="note" data-testid="rejected-banner">
            <span className="bad">
              {tabId === undefined
                ? tn('popup.rejected.count', rejectedHere.length)
                : tn('popup.rejected.countTab', rejectedHere.length)}
            </span>
            <span className="banner-reason" title={rejectedHere[0]?.reason}>
              {rejectedHere[0]?.reason}
            </span>
            <button
              type="button"
              className="small"
              onClick={() => changeFilters({ ...filters, outcome: 'rejected' })}
            >
              {t('popup.rejected.show')}
            </button>
          </div>
        )}
        <DriftGroups entries={entries} />
      </Header>
      <main className="main">
        <div className="list-pane" ref={listRef} inert={entry !== undefined || replay !== undefined}>
          <Filters
            value={{ ...filters, scope }}
            onChange={changeFilters}
            types={types}
            shown={items.length}
            loaded={entries.length}
            hasTab={tabId !== undefined}
          />
          <button type="button" className="small" onClick={() => setReplay({})} data-testid="replay-open">
            {t('replay.open')}
          </button>
          <RowHeads />
          <EventList
            items={items}
            selectedSeq={selected}
            onOpen={setSelected}
            onNearEnd={onNearEnd}
            footer={footer}
          />
        </div>
        {entry && (
          <Detail
            key={entry.seq}
            entry={entry}
            onBack={back}
            onReplay={(seq) => setReplay({ seq })}
            stateOf={stateOf}
            onOpen={setSelected}
          />
        )}
        {replay && (
          <ReplayPanel
            shown={items.flatMap((e) => (e.kind === 'event' && e.seq !== undefined ? [e.seq] : []))}
            selected={replay.seq}
            onClose={() => setReplay(undefined)}
          />
        )}
      </main>
    </div>
  );
}
