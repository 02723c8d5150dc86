import { PLATFORM_IDS, type PlatformId } from '../../events/types';
import { platformLabel } from '../../platforms/agent';
import { t } from '../../util/i18n';
import { formatNumber } from '../shared/format';
import { type Filters as FilterState, OUTCOMES, type Outcome } from './filters';

const OUTCOME_LABEL: Record<Outcome, string> = {
  matched: t('popup.state.matched'),
  delivered: t('popup.state.delivered'),
  retrying: t('popup.state.retrying'),
  failed: t('popup.state.failed'),
  rejected: t('popup.state.rejected'),
};

/** Scope toggle (this tab / all tabs), platform, type, outcome and free-text search. */
export function Filters({
  value,
  onChange,
  types,
  shown,
  loaded,
  hasTab,
}: {
  value: FilterState;
  onChange: (next: FilterState) => void;
  /** Canonical types present in the loaded entries. */
  types: string[];
  shown: number;
  loaded: number;
  hasTab: boolean;
}) {
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => onChange({ ...value, [k]: v });
  const typeOptions = value.type && !types.includes(value.type) ? [value.type, ...types] : types;
  return (
    <search className="filters" aria-label={t('popup.filters.ariaLabel')}>
      <fieldset className="segmented" aria-label={t('popup.filters.scope')}>
        <button
          type="button"
          aria-pressed={value.scope === 'tab'}
          disabled={!hasTab}
          data-testid="scope-tab"
          onClick={() => set('scope', 'tab')}
        >
          {t('popup.filters.thisTab')}
        </button>
        <button
          type="button"
          aria-pressed={value.scope === 'all'}
          data-testid="scope-all"
          onClick={() => set('scope', 'all')}
        >
          {t('popup.filters.allTabs')}
        </button>
      </fieldset>
      <label className="field">
        <span className="sr-only">{t('popup.detail.platform')}</span>
        <select
          data-testid="filter-platform"
          value={value.platform}
          onChange={(e) => set('platform', e.target.value as PlatformId | '')}
        >
          <option value="">{t('popup.filters.allPlatforms')}</option>
          {PLATFORM_IDS.map((p) => (
            <option key={p} value={p}>
              {platformLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="sr-only">{t('popup.filters.eventType')}</span>
        <select data-testid="filter-type" value={value.type} onChange={(e) => set('type', e.target.value)}>
          <option value="">{t('popup.filters.allTypes')}</option>
          {typeOptions.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="sr-only">{t('popup.filters.outcome')}</span>
        <select
          data-testid="filter-outcome"
          value={value.outcome}
          onChange={(e) => set('outcome', e.target.value as Outcome | '')}
        >
          <option value="">{t('popup.filters.anyOutcome')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABEL[o]}
            </option>
          ))}
        </select>
      </label>
      <label className="field grow">
        <span className="sr-only">{t('popup.filters.search')}</span>
        <input
          type="search"
          data-testid="filter-text"
          placeholder={t('popup.filters.searchPlaceholder')}
          title={t('popup.filters.searchTitle')}
          value={value.text}
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
      <span className="count muted" data-testid="count" aria-live="polite">
        {shown === loaded ? formatNumber(loaded) : `${formatNumber(shown)} / ${formatNumber(loaded)}`}
      </span>
    </search>
  );
}
