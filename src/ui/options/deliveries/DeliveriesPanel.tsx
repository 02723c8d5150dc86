import { useCallback, useState } from 'react';
import type { Segments } from '../../../templates/segments';
import { t, tn } from '../../../util/i18n';
import { request } from '../../api';
import { STATUS_WORD_LABEL } from '../../popup/format';
import { formatNumber } from '../../shared/format';
import type { Notice } from '../types';
import { ConfirmButton, Empty } from '../ui';
import { DeliveryItem } from './DeliveryItem';
import {
  DELIVERY_PAGE,
  type DeliveryFilters,
  NO_DELIVERY_FILTERS,
  OUTBOX_STATUSES,
  plainError,
} from './model';
import { Pager } from './Pager';
import { useDeliveries } from './useDeliveries';

/**
 * Deliveries (issue 16): every queued, sending, retrying and failed http action in the outbox, with
 * its attempts, last answer and next attempt; filters; retry or discard in bulk; edit and resend.
 */
export function DeliveriesPanel({ notify }: { notify: (n: Notice) => void }) {
  const [filters, setFiltersState] = useState<DeliveryFilters>(NO_DELIVERY_FILTERS);
  const [offset, setOffset] = useState(0);
  const { page, now, error, load } = useDeliveries(filters, offset, setOffset);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  // Another filter starts again from the first page.
  const setFilters = useCallback((f: DeliveryFilters) => {
    setFiltersState(f);
    setOffset(0);
  }, []);
  const shown = page?.items ?? [];
  const facets = page?.facets ?? { origins: [], rules: [] };
  // Only what is still listed and shown (this page) can be acted on.
  const chosen = shown.filter((i) => selected.has(i.id)).map((i) => i.id);
  const failed = page?.counts.failed ?? 0;
  const inOutbox = page ? Object.values(page.counts).reduce((a, b) => a + b, 0) : 0;

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
      (count) => ({ kind: 'ok', text: tn('options.deliveries.retriedFailed', count) }),
      t('options.deliveries.retryFailedError'),
    );
  const retrySelected = () =>
    run(
      { type: 'deliveries.retry', ids: chosen },
      (count) => ({ kind: 'ok', text: tn('options.deliveries.retriedSelected', count) }),
      t('options.deliveries.retrySelectedError'),
    );
  const discardSelected = () =>
    run(
      { type: 'deliveries.discard', ids: chosen },
      (count) => ({ kind: 'ok', text: tn('options.deliveries.discarded', count) }),
      t('options.deliveries.discardError'),
    );
  const resend = async (id: string, body: Segments): Promise<boolean> => {
    const r = await request({ type: 'deliveries.resend', id, body }).catch(() => undefined);
    if (r?.ok) notify({ kind: 'ok', text: t('options.deliveries.resent') });
    else notify({ kind: 'bad', text: plainError(r?.error, t('options.deliveries.resendError')) });
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
        <h2 id="deliveries-h">{t('options.tabs.deliveries')}</h2>
      </div>
      <p className="lead">{t('options.deliveries.lead')}</p>
      {error ? (
        <p className="banner warn" role="alert">
          {error}
        </p>
      ) : null}
      <fieldset className="inline delivery-filters">
        <legend>{t('options.deliveries.show')}</legend>
        <label>
          {t('options.deliveries.crm')}
          <select
            value={filters.origin}
            onChange={(e) => setFilters({ ...filters, origin: e.target.value })}
            data-testid="filter-origin"
          >
            <option value="">{t('options.deliveries.anyCrm')}</option>
            {facets.origins.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('options.deliveries.rule')}
          <select
            value={filters.ruleId}
            onChange={(e) => setFilters({ ...filters, ruleId: e.target.value })}
            data-testid="filter-rule"
          >
            <option value="">{t('options.deliveries.anyRule')}</option>
            {facets.rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('options.deliveries.status')}
          <select
            value={filters.status}
            onChange={(e) => setFilters({ ...filters, status: e.target.value as DeliveryFilters['status'] })}
            data-testid="filter-status"
          >
            <option value="">{t('options.deliveries.anyStatus')}</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t('options.deliveries.statusCount', {
                  status: STATUS_WORD_LABEL[s],
                  n: formatNumber(page?.counts[s] ?? 0),
                })}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset className="inline delivery-actions">
        <legend>{t('options.deliveries.act')}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={allShownSelected}
            disabled={shown.length === 0}
            onChange={(e) => setSelected(new Set(e.target.checked ? shown.map((i) => i.id) : []))}
            data-testid="select-all"
          />
          {t('options.deliveries.selectAll')}
        </label>
        <button
          type="button"
          className="btn"
          disabled={busy || failed === 0}
          onClick={() => void retryAll()}
          data-testid="retry-all"
        >
          {t('options.deliveries.retryAll', { n: failed })}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy || chosen.length === 0}
          onClick={() => void retrySelected()}
          data-testid="retry-selected"
        >
          {t('options.deliveries.retrySelected', { n: chosen.length })}
        </button>
        {chosen.length > 0 ? (
          <ConfirmButton
            label={t('options.deliveries.discardSelected', { n: chosen.length })}
            confirm={t('options.deliveries.confirmDiscard')}
            onConfirm={() => void discardSelected()}
            testId="discard-selected"
          />
        ) : null}
      </fieldset>
      {page === undefined ? (
        <p className="muted">{t('options.deliveries.loading')}</p>
      ) : shown.length === 0 ? (
        <Empty>{inOutbox === 0 ? t('options.deliveries.empty') : t('options.deliveries.noMatch')}</Empty>
      ) : (
        <ul
          className="cards deliveries-list"
          aria-label={t('options.tabs.deliveries')}
          data-testid="deliveries"
        >
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
      {page ? (
        <Pager
          offset={page.offset}
          shown={shown.length}
          total={page.total}
          size={DELIVERY_PAGE}
          onPage={setOffset}
        />
      ) : null}
    </section>
  );
}
