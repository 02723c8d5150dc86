import { useState } from 'react';
import type { Rule } from '../../../rules/schema';
import { t } from '../../../util/i18n';
import { request } from '../../api';
import { plainError } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { referencedSecrets } from '../transfer';
import type { PanelProps } from '../types';
import { ConfirmButton, Empty, Lock } from '../ui';
import type { SecretInfo } from '../useOptionsData';
import { OAuthForm } from './OAuthForm';

type Result = { ok: boolean; error?: string };

/** As the worker's secret store (src/secrets/store.ts). */
const SECRET_NAME = /^[A-Za-z_][\w-]{0,63}$/;

/** Rewrites `secrets.<from>` references in user rules to `secrets.<to>`. */
function renameRefs(rules: Rule[], from: string, to: string): Rule[] {
  const re = new RegExp(`secrets\\.${from.replace(/[-]/g, '\\-')}(?![\\w-])`, 'g');
  return JSON.parse(JSON.stringify(rules), (_k, v) =>
    typeof v === 'string' ? v.replace(re, `secrets.${to}`) : v,
  );
}

function SecretRow({
  s,
  usedBy,
  onChanged,
  onRename,
}: {
  s: SecretInfo;
  usedBy: string[];
  onChanged(text: string, r: Result): void;
  onRename(to: string): void;
}) {
  const [mode, setMode] = useState<'replace' | 'rename'>();
  const [text, setText] = useState('');
  const submit = async () => {
    if (mode === 'replace')
      onChanged(
        t('options.secrets.replaced', { name: s.name }),
        await request({ type: 'secrets.set', name: s.name, value: text }),
      );
    else if (mode === 'rename') onRename(text.trim());
    setMode(undefined);
    setText('');
  };
  return (
    <li className={`card secret${s.managed ? ' managed' : ''}`} data-testid={`secret-${s.name}`}>
      <div className="card-head">
        <code className="secret-name">{s.name}</code>
        <span className="muted">
          {s.managed ? t('options.secrets.byPolicy') : t('options.secrets.writeOnly')}
        </span>
        {s.kind === 'oauth2' ? <span className="chip">OAuth 2</span> : null}
        {s.managed ? <Lock /> : null}
        <span className="spacer" />
        {s.updatedAt ? (
          <span className="muted">{t('options.secrets.updated', { when: formatDateTime(s.updatedAt) })}</span>
        ) : null}
      </div>
      <p className="muted">
        {usedBy.length
          ? t('options.secrets.usedBy', { rules: usedBy.join(', ') })
          : t('options.secrets.unused')}
      </p>
      {s.kind === 'oauth2' && s.expiresAt ? (
        <p className="muted">{t('options.secrets.oauthValidUntil', { when: formatDateTime(s.expiresAt) })}</p>
      ) : null}
      {s.kind === 'oauth2' && s.error ? (
        <p className="bad" data-testid={`oauth-error-${s.name}`}>
          {t('options.secrets.oauthRefreshFailed', { error: s.error })}
        </p>
      ) : null}
      {s.managed ? null : mode ? (
        <div className="inline">
          <input
            type={mode === 'replace' ? 'password' : 'text'}
            aria-label={
              mode === 'replace'
                ? t('options.secrets.newValueFor', { name: s.name })
                : t('options.secrets.newNameFor', { name: s.name })
            }
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="button" className="btn primary small" disabled={!text} onClick={() => void submit()}>
            {mode === 'replace' ? t('options.secrets.saveValue') : t('options.secrets.rename')}
          </button>
          <button type="button" className="btn small" onClick={() => setMode(undefined)}>
            {t('options.cancel')}
          </button>
        </div>
      ) : (
        <div className="actions">
          {s.kind === 'oauth2' ? null : (
            <button type="button" className="btn small" onClick={() => setMode('replace')}>
              {t('options.secrets.replace')}
            </button>
          )}
          <button type="button" className="btn small" onClick={() => setMode('rename')}>
            {t('options.secrets.rename')}
          </button>
          <ConfirmButton
            label={t('options.secrets.delete')}
            confirm={t('options.secrets.confirmDelete', { name: s.name })}
            onConfirm={() =>
              void request({ type: 'secrets.delete', name: s.name }).then((r) =>
                onChanged(t('options.secrets.deleted', { name: s.name }), r),
              )
            }
            testId={`delete-secret-${s.name}`}
          />
        </div>
      )}
    </li>
  );
}

/** Named secrets (API keys): values are write-only; rules reference them as {{ secrets.name }}. */
export function SecretsPanel({
  settings,
  effective,
  save,
  notify,
  secrets,
  reload,
}: PanelProps & { secrets: SecretInfo[]; reload(): Promise<void> }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const nameOk = SECRET_NAME.test(name);
  const usedBy = (n: string) =>
    effective.rules.filter((r) => referencedSecrets(r).includes(n)).map((r) => r.name || r.id);
  const missing = referencedSecrets(effective).filter((n) => !secrets.some((s) => s.name === n));

  const done = async (text: string, r: Result) => {
    notify(r.ok ? { kind: 'ok', text } : { kind: 'bad', text: plainError(r.error) });
    await reload();
  };
  const add = async () => {
    const r = await request({ type: 'secrets.set', name, value });
    if (r.ok) {
      setName('');
      setValue('');
    }
    await done(t('options.secrets.saved', { name }), r);
  };
  const rename = async (from: string, to: string) => {
    if (!SECRET_NAME.test(to))
      return notify({ kind: 'bad', text: t('options.secrets.badName', { name: to }) });
    const r = await request({ type: 'secrets.rename', from, to });
    if (!r.ok) return done('', r);
    await save(
      { ...settings, rules: renameRefs(settings.rules, from, to) },
      t('options.secrets.renamed', { name: to }),
    );
    await reload();
  };

  return (
    <section aria-labelledby="secrets-h">
      <div className="section-head">
        <h2 id="secrets-h">{t('options.tabs.secrets')}</h2>
      </div>
      <p className="lead">
        {t('options.secrets.leadStart')} <code>{'{{ secrets.name }}'}</code>
        {t('options.secrets.leadEnd')}
      </p>
      {missing.length ? (
        <p className="banner warn" data-testid="missing-secrets">
          {t('options.secrets.missing', { names: missing.join(', ') })}
        </p>
      ) : null}
      <form
        className="card inline add-secret"
        aria-label={t('options.secrets.addAria')}
        onSubmit={(e) => {
          e.preventDefault();
          if (nameOk && value) void add();
        }}
      >
        <label>
          {t('options.site.name')}
          <input
            value={name}
            list="missing-secret-names"
            placeholder="crm_token"
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
            data-testid="secret-name"
          />
        </label>
        <datalist id="missing-secret-names">
          {missing.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <label>
          {t('options.secrets.value')}
          <input
            type="password"
            value={value}
            autoComplete="off"
            onChange={(e) => setValue(e.target.value)}
            data-testid="secret-value"
          />
        </label>
        <button type="submit" className="btn primary" disabled={!nameOk || !value} data-testid="secret-add">
          {t('options.secrets.add')}
        </button>
        {name && !nameOk ? <span className="bad">{t('options.secrets.nameRule')}</span> : null}
      </form>
      <OAuthForm onDone={(t, r) => void done(t, r)} />
      {secrets.length === 0 ? (
        <Empty>{t('options.secrets.empty')}</Empty>
      ) : (
        <ul className="cards" aria-label={t('options.tabs.secrets')}>
          {secrets.map((s) => (
            <SecretRow
              key={s.name}
              s={s}
              usedBy={usedBy(s.name)}
              onChanged={(text, r) => void done(text, r)}
              onRename={(to) => void rename(s.name, to)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
