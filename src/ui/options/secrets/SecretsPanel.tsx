import { useState } from 'react';
import type { Rule } from '../../../rules/schema';
import { request } from '../../api';
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
        `Secret “${s.name}” replaced.`,
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
        <span className="muted">{s.managed ? 'value set by policy' : '•••••••• (write-only)'}</span>
        {s.kind === 'oauth2' ? <span className="chip">OAuth 2</span> : null}
        {s.managed ? <Lock /> : null}
        <span className="spacer" />
        {s.updatedAt ? <span className="muted">updated {new Date(s.updatedAt).toLocaleString()}</span> : null}
      </div>
      <p className="muted">{usedBy.length ? `Used by: ${usedBy.join(', ')}` : 'Not used by any rule.'}</p>
      {s.kind === 'oauth2' && s.expiresAt ? (
        <p className="muted">Access token valid until {new Date(s.expiresAt).toLocaleString()}.</p>
      ) : null}
      {s.kind === 'oauth2' && s.error ? (
        <p className="bad" data-testid={`oauth-error-${s.name}`}>
          Last token refresh failed: {s.error}
        </p>
      ) : null}
      {s.managed ? null : mode ? (
        <div className="inline">
          <input
            type={mode === 'replace' ? 'password' : 'text'}
            aria-label={mode === 'replace' ? `New value for ${s.name}` : `New name for ${s.name}`}
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="button" className="btn primary small" disabled={!text} onClick={() => void submit()}>
            {mode === 'replace' ? 'Save value' : 'Rename'}
          </button>
          <button type="button" className="btn small" onClick={() => setMode(undefined)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions">
          {s.kind === 'oauth2' ? null : (
            <button type="button" className="btn small" onClick={() => setMode('replace')}>
              Replace value
            </button>
          )}
          <button type="button" className="btn small" onClick={() => setMode('rename')}>
            Rename
          </button>
          <ConfirmButton
            label="Delete"
            confirm={`Delete “${s.name}”`}
            onConfirm={() =>
              void request({ type: 'secrets.delete', name: s.name }).then((r) =>
                onChanged(`Secret “${s.name}” deleted.`, r),
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
    notify(r.ok ? { kind: 'ok', text } : { kind: 'bad', text: r.error ?? 'failed' });
    await reload();
  };
  const add = async () => {
    const r = await request({ type: 'secrets.set', name, value });
    if (r.ok) {
      setName('');
      setValue('');
    }
    await done(`Secret “${name}” saved. Its value will not be shown again.`, r);
  };
  const rename = async (from: string, to: string) => {
    if (!SECRET_NAME.test(to))
      return notify({ kind: 'bad', text: `“${to}” is not a valid name: letters, digits, _ and -` });
    const r = await request({ type: 'secrets.rename', from, to });
    if (!r.ok) return done('', r);
    await save(
      { ...settings, rules: renameRefs(settings.rules, from, to) },
      `Secret renamed to “${to}”; your rules now use the new name.`,
    );
    await reload();
  };

  return (
    <section aria-labelledby="secrets-h">
      <div className="section-head">
        <h2 id="secrets-h">Secrets</h2>
      </div>
      <p className="lead">
        API keys and tokens for your CRM. Rules use them by name, <code>{'{{ secrets.name }}'}</code>, in HTTP
        headers and bodies only. Values are stored in the extension only, never shown again, never exported or
        journaled.
      </p>
      {missing.length ? (
        <p className="banner warn" data-testid="missing-secrets">
          Rules use secrets that are not set: {missing.join(', ')}.
        </p>
      ) : null}
      <form
        className="card inline add-secret"
        aria-label="Add a secret"
        onSubmit={(e) => {
          e.preventDefault();
          if (nameOk && value) void add();
        }}
      >
        <label>
          Name
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
          Value
          <input
            type="password"
            value={value}
            autoComplete="off"
            onChange={(e) => setValue(e.target.value)}
            data-testid="secret-value"
          />
        </label>
        <button type="submit" className="btn primary" disabled={!nameOk || !value} data-testid="secret-add">
          Add secret
        </button>
        {name && !nameOk ? (
          <span className="bad">Letters, digits, _ and - (not starting with a digit).</span>
        ) : null}
      </form>
      <OAuthForm onDone={(t, r) => void done(t, r)} />
      {secrets.length === 0 ? (
        <Empty>No secrets yet.</Empty>
      ) : (
        <ul className="cards" aria-label="Secrets">
          {secrets.map((s) => (
            <SecretRow
              key={s.name}
              s={s}
              usedBy={usedBy(s.name)}
              onChanged={(t, r) => void done(t, r)}
              onRename={(to) => void rename(s.name, to)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
