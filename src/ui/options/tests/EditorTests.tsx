import { useMemo } from 'react';
import { acceptBehaviour, rulesWithDraft, type SavedTest } from '../../../replay/saved-test';
import type { Rule } from '../../../rules/schema';
import type { SecretInfo } from '../../../secrets/store';
import { t, tn } from '../../../util/i18n';
import { secretLists, testRules, useDebounced, useTestResults } from './model';
import { TestChanges } from './TestResultList';

/** How long the draft must stay unchanged before the saved tests run again. */
const DEBOUNCE_MS = 250;

/**
 * The rule editor's saved tests (issue 20): every saved test runs against the rules as they would be if
 * the draft were saved (the draft replacing its rule, or added), live, before Save. Failing tests are
 * listed in red with the rules and the changes; Save stays allowed. "Accept new behaviour" re-saves a
 * test's expectation from what the draft does.
 */
export function EditorTests({
  draft,
  rules,
  originalId,
  tests,
  secrets,
  onAccept,
}: {
  /** The draft as it would be saved (undefined while it has errors). */
  draft: Rule | undefined;
  /** The rules as saved (the organisation's and the user's). */
  rules: readonly Rule[];
  /** The rule the draft replaces (undefined: a new rule). */
  originalId?: string;
  tests: readonly SavedTest[];
  secrets: readonly SecretInfo[];
  onAccept(test: SavedTest): void;
}) {
  const settled = useDebounced(draft, DEBOUNCE_MS);
  const next = useMemo(
    () => (settled ? rulesWithDraft(rules, settled, originalId) : undefined),
    [rules, settled, originalId],
  );
  const results = useTestResults(tests, next, secrets);
  const before = useTestResults(tests, rules, secrets);
  if (tests.length === 0) return null;
  const failing = (results ?? []).filter((r) => !r.pass);
  const accept = (id: string) => {
    const test = tests.find((x) => x.id === id);
    if (!test || !next) return;
    const { names, managed } = secretLists(secrets);
    onAccept(acceptBehaviour(test, testRules(next), names, managed));
  };
  return (
    <section
      className={`editor-tests ${failing.length ? 'failing' : ''}`}
      aria-label={t('tests.editor.aria')}
      aria-live="polite"
      data-testid="editor-tests"
      data-failing={results ? failing.length : ''}
    >
      {!results ? (
        <p className="muted">{t('tests.editor.waiting')}</p>
      ) : failing.length === 0 ? (
        <p className="ok" data-testid="editor-tests-summary">
          {tn('tests.editor.allPass', tests.length)}
        </p>
      ) : (
        <>
          <p className="bad" data-testid="editor-tests-summary">
            {tn('tests.editor.failing', failing.length, { names: failing.map((r) => r.name).join(', ') })}
          </p>
          <p className="muted">{t('tests.editor.saveAllowed')}</p>
          <ul className="test-list">
            {failing.map((r) => (
              <li key={r.id} className="test-item" data-testid="editor-test" data-id={r.id}>
                <div className="test-head">
                  <strong>{r.name}</strong>
                  {before?.find((b) => b.id === r.id)?.pass === false ? (
                    <span className="muted">{t('tests.editor.alreadyFailing')}</span>
                  ) : null}
                  <span className="spacer" />
                  <button
                    type="button"
                    className="btn"
                    onClick={() => accept(r.id)}
                    data-testid="test-accept"
                  >
                    {t('tests.accept')}
                  </button>
                </div>
                <TestChanges result={r} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
