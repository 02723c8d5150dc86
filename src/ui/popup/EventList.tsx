import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { JournalEntry } from '../../journal/types';
import { tn } from '../../util/i18n';
import { Row } from './Row';
import { indexOfSeq } from './store';

export const ROW_HEIGHT = 30;
/** Rows rendered above and below the visible window. */
export const OVERSCAN = 8;
/** Start fetching older entries when the bottom is this many rows away. */
const PREFETCH_ROWS = 20;

/** First and last (exclusive) row indexes to render for a scroll position. Pure. */
export function windowFor(
  scrollTop: number,
  height: number,
  count: number,
  rowHeight = ROW_HEIGHT,
  overscan = OVERSCAN,
): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + Math.max(height, 0)) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

/**
 * Windowed list: only the visible rows (plus overscan) exist in the DOM, absolutely positioned in a
 * spacer as tall as the whole list, so 5,000 entries cost as much as 40. A listbox with an active
 * descendant: ↑/↓/PgUp/PgDn/Home/End move, Enter opens. New entries arriving on top do not move the
 * rows the user is reading (the scroll position follows its anchor row).
 */
export function EventList({
  items,
  selectedSeq,
  onOpen,
  onNearEnd,
  footer,
}: {
  items: JournalEntry[];
  selectedSeq?: number;
  onOpen: (seq: number) => void;
  onNearEnd: () => void;
  footer?: React.ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  /** The keyboard's current row, by seq so that it stays on its entry when new ones arrive on top. */
  const [activeSeq, setActiveSeq] = useState<number>();
  const anchor = useRef<{ seq: number; offset: number } | undefined>(undefined);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the top visible row in place when entries are prepended while scrolled down; and re-read the
  // scroll position, which the browser clamps when the list gets shorter (a filter was applied).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const a = anchor.current;
    const i = a && el.scrollTop > 0 ? indexOfSeq(items, a.seq) : -1;
    if (a && i >= 0) {
      const top = i * ROW_HEIGHT + a.offset;
      if (Math.abs(top - el.scrollTop) >= 1) el.scrollTop = top;
    }
    setScrollTop(el.scrollTop);
  }, [items]);

  const total = items.length * ROW_HEIGHT;
  const { start, end } = windowFor(scrollTop, height, items.length);

  // Near the end (or the list does not fill the view): ask for older entries.
  useEffect(() => {
    if (scrollTop + height >= total - PREFETCH_ROWS * ROW_HEIGHT) onNearEnd();
  }, [scrollTop, height, total, onNearEnd]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const i = Math.floor(el.scrollTop / ROW_HEIGHT);
    const seq = items[i]?.seq;
    anchor.current = seq === undefined ? undefined : { seq, offset: el.scrollTop - i * ROW_HEIGHT };
  };

  const found = activeSeq === undefined ? -1 : indexOfSeq(items, activeSeq);
  const activeIndex = Math.max(found, 0);
  const reveal = useCallback((i: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (items.length === 0) return;
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: items.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(items.length - 1, moves[e.key] ?? 0));
      setActiveSeq(items[next]?.seq);
      reveal(next);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const seq = items[activeIndex]?.seq;
      if (seq !== undefined) onOpen(seq);
    }
  };

  const pick = useCallback(
    (_i: number, seq: number | undefined) => {
      setActiveSeq(seq);
      if (seq !== undefined) onOpen(seq);
    },
    [onOpen],
  );

  const rows: React.ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const entry = items[i] as JournalEntry;
    rows.push(
      <Row
        key={entry.seq}
        entry={entry}
        index={i}
        count={items.length}
        top={i * ROW_HEIGHT}
        height={ROW_HEIGHT}
        active={i === activeIndex}
        selected={entry.seq === selectedSeq}
        onOpen={pick}
      />,
    );
  }

  return (
    <div className="list-scroller" ref={scroller} onScroll={onScroll} data-testid="list-scroller">
      <div
        className="list"
        role="listbox"
        tabIndex={0}
        aria-label={tn('popup.list.ariaLabel', items.length)}
        aria-activedescendant={items[activeIndex] ? `row-${items[activeIndex]?.seq}` : undefined}
        onKeyDown={onKeyDown}
        style={{ height: total }}
        data-testid="events"
        data-count={items.length}
      >
        {rows}
      </div>
      {footer}
    </div>
  );
}
