import { t } from '../../../util/i18n';
import type { Sample } from '../samples';

/** Which event the preview and the test run against: a seed fixture or a real event from the journal. */
export function SamplePicker({
  samples,
  value,
  picked,
  onChange,
  onLoadJournal,
  journalLoaded,
}: {
  samples: readonly Sample[];
  /** '' = automatic (the first sample the rule listens to). */
  value: string;
  picked?: Sample;
  onChange(key: string): void;
  onLoadJournal(): void;
  journalLoaded: boolean;
}) {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return (
    <div className="sample-picker">
      <label htmlFor="sample-event">{t('options.ruleEditor.sampleEvent')}</label>
      <select
        id="sample-event"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid="sample-select"
      >
        <option value="">
          {t('options.ruleEditor.automatic', {
            sample: picked ? `${picked.group} · ${picked.label}` : t('options.ruleEditor.noneSample'),
          })}
        </option>
        {[...groups].map(([group, list]) => (
          <optgroup key={group} label={group}>
            {list.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button type="button" className="btn small" onClick={onLoadJournal} data-testid="load-journal">
        {journalLoaded ? t('options.ruleEditor.reloadJournal') : t('options.ruleEditor.useJournal')}
      </button>
      {picked ? (
        <details className="sample-json">
          <summary>
            {picked.event.platform} · {picked.event.type} ({picked.event.sourceEvent})
          </summary>
          <pre>{JSON.stringify(picked.event, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}
