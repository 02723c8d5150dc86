import { type CheckContext, checkRule, errorsOf, type RuleCheck, warningsOf } from '../../../rules/validate';
import { t, tn } from '../../../util/i18n';
import { getPath } from '../../../util/paths';
import type { Issue } from '../rule-form-parts';

/** Where a problem is, in words (the rule path stays the key that focuses the field). */
export function whereLabel(path: string): string {
  const [head, n, field] = path.split('.');
  const i = Number(n) + 1;
  if (head === 'name') return t('options.ruleProblems.where.name');
  if (head === 'id') return t('options.ruleProblems.where.id');
  if (head === 'when' && n === 'events') return t('options.ruleProblems.where.events');
  if (head === 'when' && n === 'where') return t('options.ruleProblems.where.conditions');
  if (head === 'when') return t('options.ruleProblems.where.when');
  if (head === 'then' && Number.isFinite(i) && field === 'url')
    return t('options.ruleProblems.where.actionUrl', { n: i });
  if (head === 'then' && Number.isFinite(i) && field === 'headers')
    return t('options.ruleProblems.where.actionHeaders', { n: i });
  if (head === 'then' && Number.isFinite(i) && field === 'body')
    return t('options.ruleProblems.where.actionBody', { n: i });
  if (head === 'then' && Number.isFinite(i)) return t('options.ruleProblems.where.action', { n: i });
  if (head === 'then') return t('options.ruleProblems.where.actions');
  if (head === 'once' || head === 'throttleMs') return t('options.ruleProblems.where.limits');
  return t('options.ruleProblems.where.rule');
}

/**
 * The editor's problems: schema issues (already plain sentences, src/util/plain-issues.ts) merged with
 * the rule checks (src/rules/validate.ts); a check's sentence replaces the schema's for the same field.
 */
export function ruleProblems(
  rule: unknown,
  schemaIssues: readonly Issue[],
  ctx: CheckContext,
): { errors: Issue[]; warnings: RuleCheck[] } {
  const checks = checkRule(rule, ctx);
  const checkErrors = errorsOf(checks).map(({ path, message }) => ({ path, message }));
  const covered = (p: string) => checkErrors.some((c) => c.path === p);
  return {
    errors: [...schemaIssues.filter((i) => !covered(i.path)), ...checkErrors],
    warnings: warningsOf(checks),
  };
}

/**
 * Problems worth showing now: all of them once the user tried to save (or edits an existing rule), else
 * only those of fields the user changed: a new rule does not greet anyone with "add at least one event".
 */
export function visibleIssues<T extends { path: string }>(
  issues: readonly T[],
  showAll: boolean,
  now: unknown,
  initial: unknown,
): T[] {
  if (showAll) return [...issues];
  const same = (p: string) => JSON.stringify(getPath(now, p)) === JSON.stringify(getPath(initial, p));
  return issues.filter((i) => !same(i.path));
}

/** The editor's footer: what blocks saving, what needs a "Save anyway", each a button to its field. */
export function RuleProblems({
  errors,
  warnings,
  confirmWarnings,
  onShow,
  onSaveAnyway,
}: {
  errors: readonly Issue[];
  warnings: readonly RuleCheck[];
  /** The user pressed Save with warnings: offer "Save anyway". */
  confirmWarnings: boolean;
  onShow(path: string): void;
  onSaveAnyway(): void;
}) {
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <div className="rule-problems" data-testid="rule-problems">
      {errors.length ? (
        <>
          <p className="bad">{tn('options.ruleProblems.errors', errors.length)}</p>
          <ul className="problem-list" data-testid="rule-errors">
            {errors.map((i) => (
              <li key={`${i.path}|${i.message}`}>
                <button type="button" className="btn link" onClick={() => onShow(i.path)}>
                  {whereLabel(i.path)}
                </button>
                : {i.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.length ? (
        <>
          <p className="warn">{tn('options.ruleProblems.warnings', warnings.length)}</p>
          <ul className="problem-list" data-testid="rule-warnings">
            {warnings.map((w) => (
              <li key={`${w.path}|${w.message}`}>
                <button type="button" className="btn link" onClick={() => onShow(w.path)}>
                  {whereLabel(w.path)}
                </button>
                : {w.message}
              </li>
            ))}
          </ul>
          {confirmWarnings && errors.length === 0 ? (
            <button
              type="button"
              className="btn primary"
              onClick={onSaveAnyway}
              data-testid="rule-save-anyway"
            >
              {t('options.ruleProblems.saveAnyway')}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
