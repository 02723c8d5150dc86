import { useEffect, useState } from 'react';
import type { JournalEntry } from '../../../journal/types';
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
        <h2 id="setup-h">Get started</h2>
      </div>
      <p className="lead" data-testid="setup-summary">
        {left === 0
          ? 'Everything is set up: events from your agents’ workspace reach your CRM.'
          : 'Five steps connect your agents’ workspace to your CRM. Each one turns green when it is done.'}
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
              <span className={`pill ${s.done ? 'ok' : 'muted'}`}>{s.done ? 'Done' : 'To do'}</span>
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
