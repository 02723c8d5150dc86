import { t } from '../../../util/i18n';
import { formatNumber } from '../../shared/format';

/** "41–60 of 1,000" with Previous / Next: the Deliveries list one page at a time. */
export function Pager({
  offset,
  shown,
  total,
  size,
  onPage,
}: {
  offset: number;
  shown: number;
  total: number;
  size: number;
  onPage: (offset: number) => void;
}) {
  if (total <= size && offset === 0) return null;
  return (
    <nav
      className="pager inline"
      aria-label={t('options.deliveries.pager.aria')}
      data-testid="deliveries-pager"
    >
      <button
        type="button"
        className="btn small"
        disabled={offset === 0}
        onClick={() => onPage(Math.max(0, offset - size))}
        data-testid="page-prev"
      >
        {t('options.deliveries.pager.prev')}
      </button>
      <span className="muted" data-testid="page-range">
        {t('options.deliveries.pager.range', {
          from: formatNumber(shown === 0 ? 0 : offset + 1),
          to: formatNumber(offset + shown),
          total: formatNumber(total),
        })}
      </span>
      <button
        type="button"
        className="btn small"
        disabled={offset + shown >= total}
        onClick={() => onPage(offset + size)}
        data-testid="page-next"
      >
        {t('options.deliveries.pager.next')}
      </button>
    </nav>
  );
}
