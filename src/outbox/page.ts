// One page of the Deliveries view (issue 16): the outbox filtered, counted and cut in the worker, so
// the message the view polls every 2 s stays bounded however many items wait (1,000 during an outage).
import { itemStatus } from './history';
import { type DeliveryView, deliveryView } from './manage';
import type { OutboxItem } from './types';

/** The statuses an outbox item can have (delivered and discarded items leave the outbox). */
export const OUTBOX_STATUSES = ['queued', 'sending', 'retrying', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface DeliveryFilters {
  /** CRM origin ('' any). */
  origin: string;
  ruleId: string;
  status: OutboxStatus | '';
}

export const NO_DELIVERY_FILTERS: DeliveryFilters = { origin: '', ruleId: '', status: '' };

/** Items per page by default, and at most. */
export const DELIVERY_PAGE = 50;
export const DELIVERY_PAGE_MAX = 100;
/** Most CRM origins and rules listed for the filters. */
const FACETS_MAX = 200;

export interface DeliveryPageRequest extends Partial<DeliveryFilters> {
  offset?: number;
  limit?: number;
}

export interface DeliveryPage {
  /** The page, newest first: at most `limit` items. */
  items: DeliveryView[];
  /** Where the page starts (clamped to the last page when the list shrank). */
  offset: number;
  /** Items matching the filters. */
  total: number;
  /** Every item in the outbox by status, whatever the filters (Retry all uses `failed`). */
  counts: Record<OutboxStatus, number>;
  /** The CRM origins and the rules present, for the filters (sorted). */
  facets: { origins: string[]; rules: Array<{ id: string; name: string }> };
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/**
 * Filters and counts on what is cheap to read off an item (its status, origin, rule); only the page's
 * items are turned into views (their bodies and histories, redacted).
 */
export function deliveryPage(
  all: readonly OutboxItem[],
  sending: ReadonlySet<string>,
  secrets: ReadonlyMap<string, string>,
  req: DeliveryPageRequest = {},
): DeliveryPage {
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, retrying: 0, failed: 0 };
  const origins = new Set<string>();
  const rules = new Map<string, string>();
  const matching: OutboxItem[] = [];
  for (const item of all) {
    const status = itemStatus(item, sending.has(item.id));
    if (status in counts) counts[status as OutboxStatus] += 1;
    const origin = originOf(item.request.url);
    if (origin) origins.add(origin);
    rules.set(item.ruleId, item.ruleName || item.ruleId);
    if (
      (!req.origin || origin === req.origin) &&
      (!req.ruleId || item.ruleId === req.ruleId) &&
      (!req.status || status === req.status)
    )
      matching.push(item);
  }
  matching.sort((a, b) => b.createdAt - a.createdAt);
  const limit = Math.min(Math.max(1, req.limit ?? DELIVERY_PAGE), DELIVERY_PAGE_MAX);
  const lastPage = Math.max(0, Math.ceil(matching.length / limit) - 1) * limit;
  const offset = Math.min(Math.max(0, req.offset ?? 0), lastPage);
  return {
    items: matching.slice(offset, offset + limit).map((i) => deliveryView(i, sending.has(i.id), secrets)),
    offset,
    total: matching.length,
    counts,
    facets: {
      origins: [...origins].sort().slice(0, FACETS_MAX),
      rules: [...rules]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, FACETS_MAX),
    },
  };
}
