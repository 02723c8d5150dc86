import { PLATFORM_IDS, type PlatformId } from '../../events/types';
import { platformLabel } from '../../platforms/agent';
import { type Filters as FilterState, OUTCOMES, type Outcome } from './filters';

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
    <search className="filters" aria-label="Filter events">
      <fieldset className="segmented" aria-label="Scope">
        <button
          type="button"
          aria-pressed={value.scope === 'tab'}
          disabled={!hasTab}
          data-testid="scope-tab"
          onClick={() => set('scope', 'tab')}
        >
          This tab
        </button>
        <button
          type="button"
          aria-pressed={value.scope === 'all'}
          data-testid="scope-all"
          onClick={() => set('scope', 'all')}
        >
          All tabs
        </button>
      </fieldset>
      <label className="field">
        <span className="sr-only">Platform</span>
        <select
          data-testid="filter-platform"
          value={value.platform}
          onChange={(e) => set('platform', e.target.value as PlatformId | '')}
        >
          <option value="">All platforms</option>
          {PLATFORM_IDS.map((p) => (
            <option key={p} value={p}>
              {platformLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="sr-only">Event type</span>
        <select data-testid="filter-type" value={value.type} onChange={(e) => set('type', e.target.value)}>
          <option value="">All types</option>
          {typeOptions.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="sr-only">Outcome</span>
        <select
          data-testid="filter-outcome"
          value={value.outcome}
          onChange={(e) => set('outcome', e.target.value as Outcome | '')}
        >
          <option value="">Any outcome</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="field grow">
        <span className="sr-only">Search</span>
        <input
          type="search"
          data-testid="filter-text"
          placeholder="Search…"
          title={'Words or "a phrase" to find in texts, ids, rules and payloads'}
          value={value.text}
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
      <span className="count muted" data-testid="count" aria-live="polite">
        {shown === loaded ? `${loaded}` : `${shown} / ${loaded}`}
      </span>
    </search>
  );
}
