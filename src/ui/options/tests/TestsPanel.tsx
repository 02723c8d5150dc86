import { useState } from 'react';
import { acceptBehaviour, type SavedTest, type TestResult } from '../../../replay/saved-test';
import { t, tn } from '../../../util/i18n';
import { formatDateTime } from '../../shared/format';
import type { PanelProps } from '../types';
import { Empty } from '../ui';
import type { SecretInfo } from '../useOptionsData';
import { secretLists, testRules, useTestResults } from './model';
import { TestChanges, TestVerdict } from './TestResultList';

/**
 * Saved tests (issue 20): recorded events kept with the actions they produced ("Save as test" in the
 * popup), run here against the saved rules. Each can be renamed, deleted, or accepted as it behaves now.
 */
export function TestsPanel({ settings, effective, save, secrets }: PanelProps & { secrets: SecretInfo[] }) {
  const tests = settings.tests;
  const results = useTestResults(tests, effective.rules, secrets) ?? [];
  const passing = results.filter((r) => r.pass).length;
  const store = (next: SavedTest[], done: string) => save({ ...settings, tests: next }, done);
  const accept = (test: SavedTest) => {
    const { names, managed } = secretLists(secrets);
    const updated = acceptBehaviour(test, testRules(effective.rules), names, managed);
    void store(
      tests.map((x) => (x.id === test.id ? updated : x)),
      t('tests.accepted', { name: test.name }),
    );
  };
  return (
    <section aria-labelledby="tests-h">
      <div className="section-head">
        <h2 id="tests-h">{t('tests.title')}</h2>
      </div>
      <p className="lead">{t('tests.lead')}</p>
      {tests.length === 0 ? (
        <Empty>{t('tests.empty')}</Empty>
      ) : (
        <>
          <p className={passing === tests.length ? 'ok' : 'bad'} data-testid="tests-summary">
            {tn('tests.summary', tests.length, { pass: passing })}
          </p>
          <ul className="cards test-list" aria-label={t('tests.title')}>
            {tests.map((test, i) => (
              <TestCard
                key={test.id}
                test={test}
                result={results[i]}
                onRename={(name) =>
                  void store(
                    tests.map((x) => (x.id === test.id ? { ...x, name } : x)),
                    t('tests.renamed', { name }),
                  )
                }
                onDelete={() =>
                  void store(
                    tests.filter((x) => x.id !== test.id),
                    t('tests.deleted', { name: test.name }),
                  )
                }
                onAccept={() => accept(test)}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function TestCard({
  test,
  result,
  onRename,
  onDelete,
  onAccept,
}: {
  test: SavedTest;
  result?: TestResult;
  onRename(name: string): void;
  onDelete(): void;
  onAccept(): void;
}) {
  const [name, setName] = useState(test.name);
  const trimmed = name.trim().slice(0, 200);
  const e = test.event;
  return (
    <li className="card test-item" data-testid="test-card" data-id={test.id}>
      <div className="test-head">
        {result ? <TestVerdict pass={result.pass} /> : null}
        <form
          className="inline"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (trimmed && trimmed !== test.name) onRename(trimmed);
          }}
        >
          <input
            aria-label={t('tests.name')}
            value={name}
            maxLength={200}
            onChange={(ev) => setName(ev.target.value)}
            data-testid="test-name"
          />
          <button
            type="submit"
            className="btn"
            disabled={!trimmed || trimmed === test.name}
            data-testid="test-rename"
          >
            {t('tests.rename')}
          </button>
        </form>
        <span className="spacer" />
        {result && !result.pass ? (
          <button type="button" className="btn" onClick={onAccept} data-testid="test-accept">
            {t('tests.accept')}
          </button>
        ) : null}
        <button type="button" className="btn danger" onClick={onDelete} data-testid="test-delete">
          {t('tests.delete')}
        </button>
      </div>
      <p className="muted">
        {t('tests.savedAt', { when: formatDateTime(test.savedAt) })} · {e.type} · {e.platform} {e.sourceEvent}{' '}
        · {tn('tests.expects', test.expect.length)}
      </p>
      {result ? <TestChanges result={result} /> : null}
    </li>
  );
}
