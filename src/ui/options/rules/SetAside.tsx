import type { Settings } from '../../../config/settings';
import { t, tn } from '../../../util/i18n';

/**
 * Rules an upgrade set aside (src/config/migrations.ts): this version refuses them, so they do not run,
 * but they are kept as written until the user has read why and discards them (or copies them to fix).
 */
export function SetAside({
  items,
  onDiscard,
}: {
  items: Settings['setAside'];
  onDiscard: (index: number) => void;
}) {
  if (items.length === 0) return null;
  const label = (rule: unknown, i: number) => {
    const r = rule as { name?: unknown; id?: unknown } | null;
    return String(r?.name || r?.id || t('options.setAside.ruleNumber', { n: i + 1 }));
  };
  return (
    <section className="banner warn" data-testid="set-aside" aria-label={t('options.setAside.aria')}>
      <p>{tn('options.setAside.lead', items.length)}</p>
      <ul>
        {items.map((x, i) => (
          <li key={JSON.stringify(x.rule)}>
            <strong>{label(x.rule, i)}</strong>: {x.reason}{' '}
            <button
              type="button"
              className="btn"
              onClick={() => void navigator.clipboard?.writeText(JSON.stringify(x.rule, null, 2))}
            >
              {t('options.setAside.copy', { name: label(x.rule, i) })}
            </button>{' '}
            <button type="button" className="btn" onClick={() => onDiscard(i)}>
              {t('options.setAside.discard', { name: label(x.rule, i) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
