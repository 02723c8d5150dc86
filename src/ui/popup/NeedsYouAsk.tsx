import { useState } from 'react';
import { t } from '../../util/i18n';
import type { AskRecord } from '../../workflows/asks';
import { request } from '../api';
import { formatTime } from '../shared/format';

/**
 * One question parked for the agent: pick one of several CRM records (or create a new one), or fill a
 * wrap-up form. Labels and defaults are text rendered by the worker, shown as text (never HTML).
 */
export function AskView({ ask, onDone }: { ask: AskRecord; onDone: (ok: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries((ask.fields ?? []).map((f) => [f.name, f.default])),
  );
  const send = async (answer: Parameters<typeof request<'asks.answer'>>[0]['answer']) => {
    setBusy(true);
    const r = await request({ type: 'asks.answer', id: ask.id, answer }).catch(() => ({ ok: false }));
    setBusy(false);
    onDone(r.ok);
  };
  const deadline = formatTime(ask.expiresAt);
  return (
    <section className="card ask" data-testid="ask" data-ask-kind={ask.kind}>
      <h3>{ask.ruleName}</h3>
      <p>
        <strong>{ask.title}</strong>
        {ask.about ? <span className="muted"> · {ask.about}</span> : null}
      </p>
      {ask.kind === 'pick' ? (
        <div className="ask-choices">
          {(ask.candidates ?? []).map((c, i) => (
            <button
              type="button"
              // biome-ignore lint/suspicious/noArrayIndexKey: a question's candidates never change
              key={`${i}-${c.label}`}
              disabled={busy}
              data-testid="ask-candidate"
              onClick={() => void send({ kind: 'pick', choice: i })}
            >
              {c.label}
            </button>
          ))}
          <button
            type="button"
            disabled={busy}
            data-testid="ask-create"
            onClick={() => void send({ kind: 'pick', choice: 'create' })}
          >
            {t('popup.needsYou.create')}
          </button>
        </div>
      ) : (
        <form
          className="ask-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ kind: 'wrapup', values });
          }}
        >
          {(ask.fields ?? []).map((f) => {
            const id = `ask-${ask.id}-${f.name}`;
            const set = (v: string) => setValues((old) => ({ ...old, [f.name]: v }));
            const value = values[f.name] ?? '';
            return (
              <label key={f.name} htmlFor={id} className="ask-field">
                <span>{f.label}</span>
                {f.type === 'select' ? (
                  <select
                    id={id}
                    name={f.name}
                    value={value}
                    required={f.required}
                    onChange={(e) => set(e.target.value)}
                  >
                    <option value="">{t('popup.needsYou.choose')}</option>
                    {(f.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : f.type === 'textarea' ? (
                  <textarea
                    id={id}
                    name={f.name}
                    value={value}
                    required={f.required}
                    onChange={(e) => set(e.target.value)}
                  />
                ) : (
                  <input
                    id={id}
                    name={f.name}
                    value={value}
                    required={f.required}
                    onChange={(e) => set(e.target.value)}
                  />
                )}
              </label>
            );
          })}
          <button type="submit" disabled={busy} data-testid="ask-submit">
            {t('popup.needsYou.send')}
          </button>
        </form>
      )}
      <p className="muted small-text">{t('popup.needsYou.deadline', { time: deadline })}</p>
    </section>
  );
}
