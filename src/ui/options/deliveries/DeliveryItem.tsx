import { useState } from 'react';
import type { DeliveryView } from '../../../outbox/manage';
import type { AttemptRecord } from '../../../outbox/types';
import type { Segments } from '../../../templates/segments';
import { previewSegments } from '../../../templates/segments';
import { t } from '../../../util/i18n';
import { relative, STATUS_WORD_LABEL, stamp } from '../../popup/format';
import { plainError } from '../../shared/errors';
import { EditBody } from './EditBody';

const httpStatus = (status: number | undefined) =>
  status ? `HTTP ${status}` : t('options.deliveries.noAnswer');

/** One outbox item: status, attempts, last answer, next attempt, history, request; edit when failed. */
export function DeliveryItem({
  item,
  now,
  selected,
  onSelect,
  onResend,
}: {
  item: DeliveryView;
  now: number;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onResend: (body: Segments) => Promise<boolean>;
}) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = item.ruleName || item.ruleId;
  const send = async (body: Segments) => {
    setBusy(true);
    const ok = await onResend(body);
    setBusy(false);
    if (ok) setEditing(false);
  };
  return (
    <li className="card delivery" data-testid="delivery" data-id={item.id} data-status={item.status}>
      <div className="card-head">
        <input
          type="checkbox"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={t('options.deliveries.selectAria', { rule: name, url: item.url })}
          data-testid="select"
        />
        <span className={`pill s-${item.status}`} data-testid="delivery-status">
          {STATUS_WORD_LABEL[item.status]}
        </span>
        <b>{name}</b>
        <code className="break">
          {item.method} {item.url}
        </code>
      </div>
      <dl className="fields">
        <dt>{t('options.deliveries.attempts')}</dt>
        <dd data-testid="attempts">{item.attempts}</dd>
        {item.attempts > 0 || item.lastStatus ? (
          <>
            <dt>{t('options.deliveries.lastAnswer')}</dt>
            <dd>{httpStatus(item.lastStatus)}</dd>
          </>
        ) : null}
        {item.lastError ? (
          <>
            <dt>{t('options.deliveries.error')}</dt>
            <dd className="bad">{plainError(item.lastError)}</dd>
          </>
        ) : null}
        {item.excerpt ? (
          <>
            <dt>{t('options.deliveries.response')}</dt>
            <dd>
              <pre className="excerpt" data-testid="excerpt">
                {item.excerpt}
              </pre>
            </dd>
          </>
        ) : null}
        {item.nextAttemptAt !== undefined ? (
          <>
            <dt>{t('options.deliveries.nextAttempt')}</dt>
            <dd data-testid="next-attempt">
              {stamp(item.nextAttemptAt)} ({relative(item.nextAttemptAt, now)})
            </dd>
          </>
        ) : null}
        <dt>{t('options.deliveries.queued')}</dt>
        <dd>{stamp(item.createdAt)}</dd>
        <dt>Idempotency-Key</dt>
        <dd>
          <code className="break">{item.id}</code>
        </dd>
      </dl>
      {item.history.length > 0 ? <History history={item.history} /> : null}
      <details className="request">
        <summary>{t('options.deliveries.request')}</summary>
        <ul className="headers" aria-label={t('options.deliveries.headers')}>
          {item.headers.map((h) => (
            <li key={h.name}>
              <code>{h.name}</code>:{' '}
              {h.secret ? (
                <span className="muted">{t('options.deliveries.headerSecret')}</span>
              ) : (
                <code className="break">{h.value}</code>
              )}
            </li>
          ))}
        </ul>
        {item.body ? <pre className="excerpt">{previewSegments(item.body)}</pre> : null}
      </details>
      {item.status === 'failed' ? (
        editing ? (
          <EditBody item={item} busy={busy} onSend={(b) => void send(b)} onCancel={() => setEditing(false)} />
        ) : (
          <button
            type="button"
            className="btn small"
            onClick={() => setEditing(true)}
            aria-label={t('options.deliveries.editAria', { url: item.url })}
            data-testid="edit"
          >
            {t('options.deliveries.edit')}
          </button>
        )
      ) : null}
    </li>
  );
}

function History({ history }: { history: AttemptRecord[] }) {
  return (
    <details className="history">
      <summary>{t('options.deliveries.history', { n: history.length })}</summary>
      <ol data-testid="history">
        {history.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at the end
          <li key={i}>
            {stamp(h.at)} — {httpStatus(h.status)}
            {h.manual === 'retry' ? (
              <span className="muted"> {t('options.deliveries.afterRetry')}</span>
            ) : null}
            {h.manual === 'resend' ? (
              <span className="muted"> {t('options.deliveries.afterResend')}</span>
            ) : null}
            {h.error ? <div className="bad">{plainError(h.error)}</div> : null}
            {h.excerpt ? <pre className="excerpt">{h.excerpt}</pre> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
