import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DeliveryView } from '../../../outbox/manage';
import type { Segments } from '../../../templates/segments';
import { request } from '../../api';
import type { Notice } from '../types';
import { ConfirmButton, Empty } from '../ui';
import { DeliveryItem } from './DeliveryItem';
import {
  type DeliveryFilters,
  facetsOf,
  filterDeliveries,
  NO_DELIVERY_FILTERS,
  OUTBOX_STATUSES,
  plainError,
} from './model';

/** How often the list is read again while the page is shown (live updates). */
const POLL_MS = 2000;

/** The list, read again every POLL_MS while the page is visible, and at once after each change. */
function useDeliveries() {
  const [items, setItems] = useState<DeliveryView[]>();
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      const r = await request({ type: 'deliveries.list' });
      if (!r?.items) throw new Error();
      setItems(r.items);
      setNow(Date.now());
      setError(undefined);
    } catch {
      setError('The list of deliveries could not be read. It is tried again in a moment.');
    }
  }, []);
  useEffect(() => {
    void load();
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => clearInterval(t);
  }, [load]);
  return { items, now, error, load };
}

/**
 * Deliveries (issue 16): every queued, sending, retrying and failed http action in the outbox, with
 * its attempts, last answer and next attempt; filters; retry or discard in bulk; edit and resend.
 */
export function DeliveriesPanel({ notify }: { notify: (n: Notice) => void }) {
  const { items, now, error, load } = useDeliveries();
  const [filters, setFilters] = useState<DeliveryFilters>(NO_DELIVERY_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const all = items ?? [];
  const shown = useMemo(() => filterDeliveries(all, filters), [all, filters]);
  const facets = useMemo(() => facetsOf(all), [all]);
  // Only what is still listed and shown can be acted on.
  const chosen = shown.filter((i) => selected.has(i.id)).map((i) => i.id);
  const failed = all.filter((i) => i.status === 'failed').length;

  const run = async (
    req: Parameters<typeof request>[0],
    done: (count: number) => Notice,
    fallback: string,
  ) => {
    setBusy(true);
    try {
      const r = (await request(req)) as { ok?: boolean; count?: number; error?: string };
      notify(r?.ok ? done(r.count ?? 0) : { kind: 'bad', text: plainError(r?.error, fallback) });
      if (r?.ok) setSelected(new Set());
    } catch {
      notify({ kind: 'bad', text: fallback });
    } finally {
      setBusy(false);
      await load();
    }
  };
  const retryAll = () =>
    run(
      { type: 'deliveries.retry', all: true },
      (count) => ({ kind: 'ok', text: `${count} failed deliveries queued again.` }),
      'The failed deliveries could not be queued again.',
    );
  const retrySelected = () =>
    run(
      { type: 'deliveries.retry', ids: chosen },
      (count) => ({ kind: 'ok', text: `${count} selected deliveries queued again.` }),
      'The selected deliveries could not be queued again.',
    );
  const discardSelected = () =>
    run(
      { type: 'deliveries.discard', ids: chosen },
      (count) => ({ kind: 'ok', text: `${count} selected deliveries discarded.` }),
      'The selected deliveries could not be discarded.',
    );
  const resend = async (id: string, body: Segments): Promise<boolean> => {
    const r = await request({ type: 'deliveries.resend', id, body }).catch(() => undefined);
    if (r?.ok) notify({ kind: 'ok', text: 'The edited request was queued and is being sent.' });
    else notify({ kind: 'bad', text: plainError(r?.error, 'The edited request could not be sent.') });
    await load();
    return r?.ok === true;
  };
  const select = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allShownSelected = shown.length > 0 && chosen.length === shown.length;

  return (
    <section aria-labelledby="deliveries-h" className="deliveries">
      <div className="section-head">
        <h2 id="deliveries-h">Deliveries</h2>
      </div>
      <p className="lead">
        Requests to your CRM that are queued, being sent, being retried or have failed. Delivered and
        discarded ones leave this list; the popup keeps their history.
      </p>
      {error ? (
        <p className="banner warn" role="alert">
          {error}
        </p>
      ) : null}
      <fieldset className="inline delivery-filters">
        <legend>Show</legend>
        <label>
          CRM
          <select
            value={filters.origin}
            onChange={(e) => setFilters({ ...filters, origin: e.target.value })}
            data-testid="filter-origin"
          >
            <option value="">Any CRM</option>
            {facets.origins.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rule
          <select
            value={filters.ruleId}
            onChange={(e) => setFilters({ ...filters, ruleId: e.target.value })}
            data-testid="filter-rule"
          >
            <option value="">Any rule</option>
            {facets.rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={filters.status}
            onChange={(e) => setFilters({ ...filters, status: e.target.value as DeliveryFilters['status'] })}
            data-testid="filter-status"
          >
            <option value="">Any status</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset className="inline delivery-actions">
        <legend>Act on deliveries</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={allShownSelected}
            disabled={shown.length === 0}
            onChange={(e) => setSelected(new Set(e.target.checked ? shown.map((i) => i.id) : []))}
            data-testid="select-all"
          />
          Select all shown
        </label>
        <button
          type="button"
          className="btn"
          disabled={busy || failed === 0}
          onClick={() => void retryAll()}
          data-testid="retry-all"
        >
          Retry all failed ({failed})
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy || chosen.length === 0}
          onClick={() => void retrySelected()}
          data-testid="retry-selected"
        >
          Retry selected ({chosen.length})
        </button>
        {chosen.length > 0 ? (
          <ConfirmButton
            label={`Discard selected (${chosen.length})`}
            confirm="Discard them: they will not be sent"
            onConfirm={() => void discardSelected()}
            testId="discard-selected"
          />
        ) : null}
      </fieldset>
      {items === undefined ? (
        <p className="muted">Loading…</p>
      ) : shown.length === 0 ? (
        <Empty>
          {all.length === 0
            ? 'Nothing is waiting: every request was delivered.'
            : 'No delivery matches these filters.'}
        </Empty>
      ) : (
        <ul className="cards deliveries-list" aria-label="Deliveries" data-testid="deliveries">
          {shown.map((i) => (
            <DeliveryItem
              key={i.id}
              item={i}
              now={now}
              selected={selected.has(i.id)}
              onSelect={(on) => select(i.id, on)}
              onResend={(body) => resend(i.id, body)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
