import { useCallback, useEffect, useState } from 'react';
import type { PageResponses } from '../../../protocol';
import { t } from '../../../util/i18n';
import { request } from '../../api';
import { DELIVERY_PAGE, type DeliveryFilters } from './model';

/** How often the page is read again while it is shown (live updates). */
const POLL_MS = 2000;

export type DeliveriesPage = PageResponses['deliveries.list'];

/**
 * The page of deliveries for `filters` from `offset`, read again every POLL_MS while the tab is
 * visible and at once after each change. The worker filters and pages (src/outbox/page.ts), so the
 * message stays bounded however many requests wait; `offset` follows the worker's clamp.
 */
export function useDeliveries(filters: DeliveryFilters, offset: number, setOffset: (n: number) => void) {
  const [page, setPage] = useState<DeliveriesPage>();
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      const r = await request({ type: 'deliveries.list', ...filters, offset, limit: DELIVERY_PAGE });
      if (!r?.items) throw new Error();
      setPage(r);
      setNow(Date.now());
      setError(undefined);
      if (r.offset !== offset) setOffset(r.offset);
    } catch {
      setError(t('options.deliveries.listFailed'));
    }
  }, [filters, offset, setOffset]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  return { page, now, error, load };
}
