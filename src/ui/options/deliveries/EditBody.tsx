import { useState } from 'react';
import type { DeliveryView } from '../../../outbox/manage';
import type { Segments } from '../../../templates/segments';
import { t } from '../../../util/i18n';
import { type BodyPart, fromParts, toParts } from './model';

/**
 * Edits a failed request's body. Text is edited in text boxes; each secret reference the rule's
 * template put in the body stays a reference (shown by name, filled in when the request is sent), so
 * an edit can never name a secret (the worker checks that too: src/outbox/manage.ts checkEditedBody).
 */
export function EditBody({
  item,
  busy,
  onSend,
  onCancel,
}: {
  item: DeliveryView;
  busy: boolean;
  onSend: (body: Segments) => void;
  onCancel: () => void;
}) {
  const [parts, setParts] = useState<BodyPart[]>(() => toParts(item.body));
  const texts = parts.filter((p) => p.kind === 'text').length;
  let n = 0;
  const set = (i: number, value: string) =>
    setParts((ps) => ps.map((p, k) => (k === i && p.kind === 'text' ? { kind: 'text', value } : p)));
  return (
    <form
      className="edit-body"
      aria-label={t('options.deliveries.editBodyAria', { url: item.url })}
      onSubmit={(e) => {
        e.preventDefault();
        onSend(fromParts(parts));
      }}
      data-testid="edit-body"
    >
      {texts > 1 ? <p className="hint">{t('options.deliveries.secretsHint')}</p> : null}
      {parts
        .map((p, i) => ({ p, i, key: `${p.kind}-${i}` }))
        .map(({ p, i, key }) => {
          if (p.kind === 'secret')
            return (
              <span key={key} className="secret-chip" data-testid="body-secret">
                {t('options.deliveries.secretChip', { name: p.ref.secret })}
              </span>
            );
          n++;
          const label =
            texts > 1 ? t('options.deliveries.bodyPart', { n, total: texts }) : t('options.deliveries.body');
          return (
            <textarea
              key={key}
              className="body-part"
              aria-label={label}
              value={p.value}
              rows={Math.min(12, Math.max(2, p.value.split('\n').length + 1))}
              spellCheck={false}
              onChange={(e) => set(i, e.target.value)}
              data-testid="body-text"
            />
          );
        })}
      <div className="buttons">
        <button type="submit" className="btn primary" disabled={busy} data-testid="resend">
          {t('options.deliveries.sendAgain')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('options.cancel')}
        </button>
      </div>
    </form>
  );
}
