import { useState } from 'react';
import { directOrigin } from '../../../platforms/onechat/direct-url';
import { t, tn } from '../../../util/i18n';
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
      const saved = await save(r.settings, t('options.transfer.imported'));
      if (!saved) return;
      const unset = r.secrets.filter((n) => !secrets.some((s) => s.name === n));
      setResult(
        [
          t('options.transfer.importedCounts', {
            sites: tn('options.transfer.sites', r.settings.sites.length),
            rules: tn('options.transfer.rules', r.settings.rules.length),
          }),
          r.settings.tests.length ? tn('tests.transfer.imported', r.settings.tests.length) : '',
          ok ? '' : t('options.transfer.noAccess'),
          unset.length ? t('options.transfer.setSecrets', { names: unset.join(', ') }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    })();
  };

  return (
    <section aria-labelledby="transfer-h">
      <div className="section-head">
        <h2 id="transfer-h">{t('options.tabs.transfer')}</h2>
      </div>
      <div className="two-col">
        <div className="card">
          <h3>{t('options.transfer.export')}</h3>
          <p className="muted">{t('options.transfer.exportHint')}</p>
          <div className="actions">
            <button type="button" className="btn primary" onClick={doExport} data-testid="export">
              {t('options.transfer.exportButton')}
            </button>
            {exported ? (
              <button type="button" className="btn" onClick={download}>
                {t('options.transfer.download')}
              </button>
            ) : null}
          </div>
          {exported ? (
            <textarea
              aria-label={t('options.transfer.exported')}
              className="code"
              rows={18}
              readOnly
              value={exported}
              data-testid="export-json"
            />
          ) : null}
        </div>
        <div className="card">
          <h3>{t('options.transfer.import')}</h3>
          <p className="muted">{t('options.transfer.importHint')}</p>
          <label className="file">
            {t('options.transfer.chooseFile')}
            <input
              type="file"
              accept="application/json,.json"
              onChange={(e) => readFile(e.target.files?.[0])}
            />
          </label>
          <label htmlFor="import-json">{t('options.transfer.paste')}</label>
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
              {t('options.transfer.notImported', { error })}
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
                  {t('options.transfer.importConnect')}
                </button>
                <button type="button" className="btn" onClick={() => setConfirm(undefined)}>
                  {t('options.cancel')}
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
            {t('options.transfer.import')}
          </button>
        </div>
      </div>
    </section>
  );
}
