import type { Settings } from '../../../config/settings';

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
    return String(r?.name || r?.id || `rule ${i + 1}`);
  };
  return (
    <section className="banner warn" data-testid="set-aside" aria-label="Rules set aside">
      <p>
        {items.length === 1 ? 'One rule was' : `${items.length} rules were`} set aside when CRM Bridge was
        updated: this version refuses {items.length === 1 ? 'it' : 'them'} for your safety, so{' '}
        {items.length === 1 ? 'it does' : 'they do'} not run. Create a corrected rule, then discard the old
        one.
      </p>
      <ul>
        {items.map((x, i) => (
          <li key={JSON.stringify(x.rule)}>
            <strong>{label(x.rule, i)}</strong>: {x.reason}{' '}
            <button
              type="button"
              className="btn"
              onClick={() => void navigator.clipboard?.writeText(JSON.stringify(x.rule, null, 2))}
            >
              Copy “{label(x.rule, i)}” as JSON
            </button>{' '}
            <button type="button" className="btn" onClick={() => onDiscard(i)}>
              Discard “{label(x.rule, i)}”
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
