import { useCallback, useEffect, useState } from 'react';
import type { LinkRecord } from '../../../workflows/types';
import { request } from '../../api';

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
      <h2>Record links</h2>
      <p className="muted">
        Workflows remember which CRM record a chat contact or conversation belongs to, so the next chat goes
        straight to it. These links are personal data: they expire after 180 days, are never exported, and you
        can delete any of them here.
      </p>
      <label>
        <span>Search</span>{' '}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Contact, CRM id, rule"
          data-testid="links-search"
        />
      </label>
      {links === undefined ? (
        <p className="muted">Loading…</p>
      ) : links.length === 0 ? (
        <p className="muted" data-testid="links-empty">
          No record links.
        </p>
      ) : (
        <table className="links-table">
          <thead>
            <tr>
              <th>Platform</th>
              <th>Kind</th>
              <th>Source id</th>
              <th>Who</th>
              <th>CRM record</th>
              <th>Rule</th>
              <th>Updated</th>
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
                <td>{new Date(l.updatedAt).toLocaleString()}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    onClick={() => void remove(l.key)}
                    data-testid="link-delete"
                  >
                    Delete
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
