import { PRESETS, type Preset } from '../../../presets';
import { t, tn } from '../../../util/i18n';

/** A preset's name and description in the UI's language when it has them (`i18n`), else as written. */
const nameOf = (p: Preset) => (p.i18n ? t(p.i18n.name) : p.name);
const descriptionOf = (p: Preset) => (p.i18n ? t(p.i18n.description) : p.description);

function Docs({ preset }: { preset: Preset }) {
  if (preset.docs.length === 0) return null;
  return (
    <p className="docs">
      {t('options.presets.docs')}{' '}
      {preset.docs.map((d, i) => (
        <span key={d.url}>
          {i ? ' · ' : ''}
          <a href={d.url} target="_blank" rel="noreferrer">
            {d.label}
          </a>
        </span>
      ))}
    </p>
  );
}

function Secrets({ preset, secretNames }: { preset: Preset; secretNames: readonly string[] }) {
  if (preset.secrets.length === 0) return null;
  return (
    <p className="secrets-needed">
      {tn('options.presets.usesSecrets', preset.secrets.length)}{' '}
      {preset.secrets.map((s) => (
        <span key={s} className={secretNames.includes(s) ? 'ok' : 'warn'}>
          <code>{s}</code>{' '}
          {secretNames.includes(s) ? t('options.presets.secretSet') : t('options.presets.secretMissing')}{' '}
        </span>
      ))}
    </p>
  );
}

/** Shown in the editor of a rule created from a preset: what to adapt, which API it calls. */
export function PresetNotes({ preset, secretNames }: { preset: Preset; secretNames: readonly string[] }) {
  return (
    <div className="preset-notes" data-testid="preset-notes">
      <p>
        {t('options.presets.from')} <strong>{nameOf(preset)}</strong>. {descriptionOf(preset)}
      </p>
      {preset.edit.length ? (
        <ul>
          {preset.edit.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <Secrets preset={preset} secretNames={secretNames} />
      <Docs preset={preset} />
    </div>
  );
}

/** Presets: one click opens an editable rule made from it. */
export function PresetPicker({
  secretNames,
  onPick,
  onClose,
}: {
  secretNames: readonly string[];
  onPick(preset: Preset): void;
  onClose(): void;
}) {
  const groups = [...new Set(PRESETS.map((p) => p.group))];
  return (
    <section className="card presets" aria-labelledby="presets-h" data-testid="presets">
      <div className="card-head">
        <h3 id="presets-h">{t('options.presets.title')}</h3>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose}>
          {t('options.presets.close')}
        </button>
      </div>
      {groups.map((g) => (
        <div key={g}>
          <h4>{g}</h4>
          <ul className="preset-list">
            {PRESETS.filter((p) => p.group === g).map((p) => (
              <li key={p.id}>
                <div>
                  <strong>{nameOf(p)}</strong>
                  <p className="muted">{descriptionOf(p)}</p>
                  <Secrets preset={p} secretNames={secretNames} />
                  <Docs preset={p} />
                </div>
                <button
                  type="button"
                  className="btn primary small"
                  onClick={() => onPick(p)}
                  data-testid={`preset-${p.id}`}
                >
                  {t('options.presets.use')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
