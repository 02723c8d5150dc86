import { useCallback, useEffect, useState } from 'react';
import { t } from '../../../util/i18n';
import type { LinkRecord } from '../../../workflows/types';
import { request } from '../../api';
import { formatDateTime } from '../../shared/format';

/**
 * The record links workflows remembered (issue 17): which CRM record each chat contact or conversation
 * maps to. They are personal data (PRIVACY.md): listed here with search and delete, never exported.
 */
export function LinksPanel() {
  const [query, setQuery] = useState('');
  const [links, setLinks] = useState<LinkRecord[]>();
  const load = useCallback((q: string) => {
    request({ type: 'links.list', query: q })
      .then((r) => setLinks(r.links ?? []))
      .catch(() => setLinks([]));
  }, []);
  useEffect(() => load(query), [load, query]);
  const remove = async (key: string) => {
    await request({ type: 'links.delete', key });
    load(query);
  };
  return (
    <section className="panel" data-testid="links-panel">
      <h2>{t('options.tabs.links')}</h2>
      <p className="muted">{t('options.links.lead', { days: 180 })}</p>
      <label>
        <span>{t('options.links.search')}</span>{' '}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('options.links.searchPlaceholder')}
          data-testid="links-search"
        />
      </label>
      {links === undefined ? (
        <p className="muted">{t('options.deliveries.loading')}</p>
      ) : links.length === 0 ? (
        <p className="muted" data-testid="links-empty">
          {t('options.links.empty')}
        </p>
      ) : (
        <table className="links-table">
          <thead>
            <tr>
              <th>{t('options.links.platform')}</th>
              <th>{t('options.links.kind')}</th>
              <th>{t('options.links.sourceId')}</th>
              <th>{t('options.links.who')}</th>
              <th>{t('options.links.record')}</th>
              <th>{t('options.links.rule')}</th>
              <th>{t('options.links.updated')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.key} data-testid="link-row">
                <td>{l.platform}</td>
                <td>{l.kind}</td>
                <td className="mono">{l.sourceId}</td>
                <td>{l.label ?? ''}</td>
                <td className="mono">{l.value}</td>
                <td>{l.ruleId}</td>
                <td>{formatDateTime(l.updatedAt)}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    onClick={() => void remove(l.key)}
                    data-testid="link-delete"
                  >
                    {t('options.links.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
