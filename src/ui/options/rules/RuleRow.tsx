import { useState } from 'react';
import type { Rule } from '../../../rules/schema';
import type { RuleCheck } from '../../../rules/validate';
import { t, tn } from '../../../util/i18n';
import { Suggested } from '../policy/markers';
import { ruleOrigins } from '../site-form';
import { ConfirmButton, Lock } from '../ui';
import { KIND_LABEL } from './ActionEditor';
import { whereLabel } from './RuleProblems';

/** The card's health: broken (errors: nothing would be delivered), to check (warnings), or ready. */
function Health({ id, checks }: { id: string; checks: readonly RuleCheck[] }) {
  const errors = checks.filter((c) => c.level === 'error');
  const first = errors[0] ?? checks[0];
  const kind = errors.length ? 'bad' : checks.length ? 'warn' : 'ok';
  return (
    <div className={`health ${kind}`} data-testid={`health-${id}`} data-health={kind}>
      <span className={`pill ${kind}`}>
        {errors.length
          ? t('options.rule.broken')
          : checks.length
            ? t('options.rule.check')
            : t('options.rule.ready')}
      </span>
      {first ? (
        <span className="health-text">
          {whereLabel(first.path)}: {first.message}
        </span>
      ) : null}
    </div>
  );
}

function summary(rule: Rule): string {
  const platforms = rule.when.platforms?.length
    ? ` ${t('options.rule.onPlatforms', { platforms: rule.when.platforms.join(', ') })}`
    : '';
  const n = rule.when.where.length;
  const conds = n
    ? ` ${tn('options.rule.ifConditions', n)}${n > 1 ? ` (${rule.when.match === 'any' ? t('options.rule.matchAny') : t('options.rule.matchAll')})` : ''}`
    : '';
  return `${t('options.rule.when', { events: rule.when.events.join(t('options.rule.or')) })}${platforms}${conds} → ${rule.then.map((a) => KIND_LABEL[a.kind]).join(', ')}`;
}

/** One rule in the list; managed rules are read-only (no toggle, edit, move or delete). */
export function RuleRow({
  rule,
  index,
  count,
  access,
  ignored,
  suggested,
  health = [],
  onToggle,
  onMove,
  onDuplicate,
  onEdit,
  onDelete,
  onGrant,
}: {
  rule: Rule;
  index: number;
  count: number;
  access: Record<string, boolean>;
  ignored?: string;
  /** The organisation suggested it (policy `recommended`): still the user's to change or delete. */
  suggested?: boolean;
  /** The rule checks (src/rules/validate.ts) for this rule. */
  health?: readonly RuleCheck[];
  /**
   * Editing handlers: user rules only (managed rules get none). onToggle resolves when the save is done
   * (the stored rule is then current, saved or not).
   */
  onToggle?(on: boolean): Promise<unknown>;
  onMove?(delta: -1 | 1): void;
  onDuplicate?(): void;
  onEdit?(): void;
  onDelete?(): void;
  onGrant(origins: string[]): void;
}) {
  const missing = ruleOrigins([rule]).filter((o) => access[o] === false);
  const label = rule.name || rule.id;
  // The switch shows the user's click at once, while the save goes to the worker and the settings are
  // read back (a controlled checkbox would otherwise snap back until then); a refused save reverts it.
  const [pending, setPending] = useState<boolean>();
  const toggle = (on: boolean) => {
    setPending(on);
    void Promise.resolve(onToggle?.(on)).finally(() => setPending(undefined));
  };
  return (
    <li
      className={`card rule${rule.managed ? ' managed' : ''}${rule.enabled ? '' : ' off'}`}
      data-testid={`rule-${rule.id}`}
    >
      <div className="card-head">
        {rule.managed ? (
          <span className={`pill ${rule.enabled ? 'ok' : 'muted'}`}>
            {rule.enabled ? t('options.rule.on') : t('options.rule.off')}
          </span>
        ) : (
          <label className="switch">
            <input
              type="checkbox"
              checked={pending ?? rule.enabled}
              onChange={(e) => toggle(e.target.checked)}
              aria-label={t('options.rule.enabledAria', { name: label })}
              data-testid={`toggle-${rule.id}`}
            />
            <span aria-hidden="true" />
          </label>
        )}
        <h3>{label}</h3>
        {rule.managed ? <Lock /> : null}
        {suggested ? <Suggested /> : null}
      </div>
      <p className="summary">{summary(rule)}</p>
      <Health id={rule.id} checks={health} />
      {ignored ? <p className="warn">{t('options.rule.notRunning', { reason: ignored })}</p> : null}
      {missing.length ? (
        <p className="access bad">
          {t('options.rule.noAccess', { origins: missing.join(', ') })}{' '}
          <button type="button" className="btn primary small" onClick={() => onGrant(missing)}>
            {t('options.site.grant')}
          </button>
        </p>
      ) : null}
      {rule.managed ? (
        <details className="view-json">
          <summary>{t('options.rule.view')}</summary>
          <pre>{JSON.stringify(rule, null, 2)}</pre>
        </details>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="btn icon"
            aria-label={t('options.rule.moveUp', { name: label })}
            disabled={index === 0}
            onClick={() => onMove?.(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="btn icon"
            aria-label={t('options.rule.moveDown', { name: label })}
            disabled={index === count - 1}
            onClick={() => onMove?.(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="btn small"
            onClick={onDuplicate}
            data-testid={`duplicate-${rule.id}`}
          >
            {t('options.rule.duplicate')}
          </button>
          <button type="button" className="btn small" onClick={onEdit} data-testid={`edit-${rule.id}`}>
            {t('options.edit')}
          </button>
          <ConfirmButton
            label={t('options.secrets.delete')}
            confirm={t('options.secrets.confirmDelete', { name: label })}
            onConfirm={() => onDelete?.()}
            testId={`delete-${rule.id}`}
          />
        </div>
      )}
    </li>
  );
}
