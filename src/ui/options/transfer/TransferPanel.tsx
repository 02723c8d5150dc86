import { useState } from 'react';
import { directOrigin } from '../../../platforms/onechat/direct-url';
import { requestHosts } from '../permissions';
import { hostPermission } from '../site-form';
import { buildExport, directModeWarning, parseImport } from '../transfer';
import type { PanelProps } from '../types';
import type { SecretInfo } from '../useOptionsData';

/** Export user settings as JSON (secrets by name only); import with full validation first. */
export function TransferPanel({ settings, save, secrets }: PanelProps & { secrets: SecretInfo[] }) {
  const [exported, setExported] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<string>();
  const [confirm, setConfirm] = useState<{
    warning: string;
    imported: Extract<ReturnType<typeof parseImport>, { ok: true }>;
  }>();
  const userSecrets = secrets.filter((s) => !s.managed).map((s) => s.name);

  const doExport = () => setExported(JSON.stringify(buildExport(settings, userSecrets), null, 2));
  const download = () => {
    const url = URL.createObjectURL(new Blob([exported], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `crm-bridge-settings-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const readFile = (f: File | undefined) => {
    if (f) void f.text().then(setText);
  };

  const doImport = () => {
    setResult(undefined);
    setConfirm(undefined);
    const r = parseImport(text);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(undefined);
    // Direct mode sends a named secret to its host: such an import waits for an explicit yes.
    const warning = directModeWarning(settings, r.settings);
    if (warning) return setConfirm({ warning, imported: r });
    apply(r);
  };

  const apply = (r: Extract<ReturnType<typeof parseImport>, { ok: true }>) => {
    setConfirm(undefined);
    const direct = r.settings.onechatDirect?.enabled ? r.settings.onechatDirect : undefined;
    // Inside the click: host access for the imported sites (and direct mode's server) needs the user gesture.
    const granted = requestHosts([
      ...new Set([
        ...r.settings.sites.flatMap((s) => s.matches.map(hostPermission)),
        ...(direct ? [`${directOrigin(direct.url)}/*`] : []),
      ]),
    ]);
    void (async () => {
      const ok = await granted;
      const saved = await save(r.settings, 'Settings imported.');
      if (!saved) return;
      const unset = r.secrets.filter((n) => !secrets.some((s) => s.name === n));
      setResult(
        [
          `Imported ${r.settings.sites.length} site(s) and ${r.settings.rules.length} rule(s).`,
          ok ? '' : 'Access to some sites was not granted: grant it on the Sites tab.',
          unset.length ? `Set these secrets on the Secrets tab: ${unset.join(', ')}.` : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    })();
  };

  return (
    <section aria-labelledby="transfer-h">
      <div className="section-head">
        <h2 id="transfer-h">Import / export</h2>
      </div>
      <div className="two-col">
        <div className="card">
          <h3>Export</h3>
          <p className="muted">
            Your sites, rules and settings as JSON. Secrets are listed by name only, never their values. Your
            organisation’s managed entries are not included.
          </p>
          <div className="actions">
            <button type="button" className="btn primary" onClick={doExport} data-testid="export">
              Export settings
            </button>
            {exported ? (
              <button type="button" className="btn" onClick={download}>
                Download .json
              </button>
            ) : null}
          </div>
          {exported ? (
            <textarea
              aria-label="Exported settings"
              className="code"
              rows={18}
              readOnly
              value={exported}
              data-testid="export-json"
            />
          ) : null}
        </div>
        <div className="card">
          <h3>Import</h3>
          <p className="muted">
            Replaces your sites, rules and settings. Everything is checked first: if anything is wrong,
            nothing changes.
          </p>
          <label className="file">
            Choose a file
            <input
              type="file"
              accept="application/json,.json"
              onChange={(e) => readFile(e.target.files?.[0])}
            />
          </label>
          <label htmlFor="import-json">…or paste the JSON</label>
          <textarea
            id="import-json"
            className="code"
            rows={14}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="import-json"
          />
          {error ? (
            <p className="field-errors" role="alert" data-testid="import-error">
              Not imported, nothing changed: {error}
            </p>
          ) : null}
          {confirm ? (
            <div className="field-errors" role="alert" data-testid="import-confirm">
              <p>{confirm.warning}</p>
              <div className="actions">
                <button
                  type="button"
                  className="btn primary"
                  onClick={() => apply(confirm.imported)}
                  data-testid="import-confirm-yes"
                >
                  Import and connect
                </button>
                <button type="button" className="btn" onClick={() => setConfirm(undefined)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
          {result ? (
            <p className="ok" role="status" data-testid="import-result">
              {result}
            </p>
          ) : null}
          <button
            type="button"
            className="btn primary"
            onClick={doImport}
            disabled={!text.trim()}
            data-testid="import"
          >
            Import
          </button>
        </div>
      </div>
    </section>
  );
}
