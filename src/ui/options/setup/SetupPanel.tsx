import { useEffect, useState } from 'react';
import type { JournalEntry } from '../../../journal/types';
import { t } from '../../../util/i18n';
import { request } from '../../api';
import type { PanelProps } from '../types';
import type { SecretInfo } from '../useOptionsData';
import { setupSteps } from './checklist';

/** "Get started": the first-run checklist, each step done or not from the real settings. */
export function SetupPanel({
  effective,
  secrets,
}: Pick<PanelProps, 'effective'> & { secrets: SecretInfo[] }) {
  const [journal, setJournal] = useState<JournalEntry[]>([]);
  useEffect(() => {
    void request({ type: 'journal.recent', limit: 200 }).then((r) => setJournal(r.entries ?? []));
  }, []);
  const steps = setupSteps(
    effective,
    secrets.map((s) => s.name),
    journal,
  );
  const left = steps.filter((s) => !s.done).length;
  return (
    <section aria-labelledby="setup-h" data-testid="setup">
      <div className="section-head">
        <h2 id="setup-h">{t('options.tabs.setup')}</h2>
      </div>
      <p className="lead" data-testid="setup-summary">
        {left === 0 ? t('options.setup.allDone') : t('options.setup.lead')}
      </p>
      <ol className="cards setup-steps">
        {steps.map((s) => (
          <li
            key={s.id}
            className={`card setup-step ${s.done ? 'done' : 'todo'}`}
            data-testid={`setup-${s.id}`}
            data-done={s.done}
          >
            <div className="card-head">
              <span className={`pill ${s.done ? 'ok' : 'muted'}`}>
                {s.done ? t('options.setup.done') : t('options.setup.todo')}
              </span>
              <h3>{s.title}</h3>
            </div>
            <p>{s.detail}</p>
            {!s.done && s.href !== '#setup' ? (
              <a className="btn small" href={s.href}>
                {s.title}
              </a>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
