import { useMemo } from 'react';
import { previewAction } from '../../../actions/dry-run';
import type { BridgeEvent } from '../../../events/model';
import { ActionSchema } from '../../../rules/schema';
import { t } from '../../../util/i18n';
import { plainError } from '../../shared/errors';

/** What an action would do for the sample event, rendered by the same code the worker runs. */
export function renderPreview(
  candidate: unknown,
  event: BridgeEvent | undefined,
  secretNames: readonly string[],
  index: number,
) {
  if (!event) return { error: t('options.ruleEditor.noSample') };
  const parsed = ActionSchema.safeParse(candidate);
  if (!parsed.success) return { error: t('options.ruleEditor.fixFields') };
  return previewAction(parsed.data, event, [...secretNames], index);
}

export function PreviewBody({ preview }: { preview: unknown }) {
  if (typeof preview === 'string') return <pre className="preview-text">{preview}</pre>;
  const p = preview as {
    method?: string;
    url?: string;
    headers?: Record<string, string>;
    body?: string;
  } | null;
  if (p && typeof p === 'object' && typeof p.method === 'string' && typeof p.url === 'string') {
    let body = p.body;
    try {
      body = body === undefined ? undefined : JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // a text body stays as is
    }
    return (
      <pre className="preview-text">
        {`${p.method} ${p.url}\n`}
        {Object.entries(p.headers ?? {})
          .map(([k, v]) => `${k}: ${v}\n`)
          .join('')}
        {body === undefined ? '' : `\n${body}`}
      </pre>
    );
  }
  return <pre className="preview-text">{JSON.stringify(preview, null, 2)}</pre>;
}

/** Template paths that rendered empty: event fields this sample lacks, and secrets not set yet. */
export function Missing({ missing }: { missing: readonly string[] }) {
  const secrets = missing.filter((m) => m.startsWith('secrets.')).map((m) => m.slice(8));
  const fields = missing.filter((m) => !m.startsWith('secrets.'));
  return (
    <>
      {fields.length ? (
        <p className="warn">{t('options.ruleEditor.emptyInSample', { paths: fields.join(', ') })}</p>
      ) : null}
      {secrets.length ? (
        <p className="warn">
          {t('options.ruleEditor.secretNotSet', { names: secrets.join(', ') })}{' '}
          <a href="#secrets">{t('options.ruleEditor.secretNotSetLink')}</a>
        </p>
      ) : null}
    </>
  );
}

export function ActionPreview({
  candidate,
  event,
  secretNames,
  index,
}: {
  candidate: unknown;
  event?: BridgeEvent;
  secretNames: readonly string[];
  index: number;
}) {
  const r = useMemo(
    () => renderPreview(candidate, event, secretNames, index),
    [candidate, event, secretNames, index],
  );
  return (
    <div className="preview" aria-live="polite" data-testid={`preview-${index}`}>
      <div className="preview-head">{t('options.ruleEditor.livePreview')}</div>
      {'preview' in r && !r.error ? (
        <>
          <PreviewBody preview={r.preview} />
          <Missing missing={r.missing} />
        </>
      ) : (
        <p className={'preview' in r ? 'bad' : 'muted'}>{plainError(r.error)}</p>
      )}
    </div>
  );
}
