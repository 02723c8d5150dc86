import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { JournalEntry } from '../../journal/types';
import { INSPECTOR_PORT, type InspectorPush } from '../../messaging/protocol';

const MAX_ROWS = 200;

function upsert(list: JournalEntry[], entry: JournalEntry): JournalEntry[] {
  const i = list.findIndex((e) => e.seq === entry.seq);
  if (i >= 0) {
    const next = list.slice();
    next[i] = entry;
    return next;
  }
  return [entry, ...list].slice(0, MAX_ROWS);
}

/** First live list of recent events; the full inspector builds on this (issue: popup inspector). */
export function Popup() {
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const port = browser.runtime.connect({ name: INSPECTOR_PORT });
    setConnected(true);
    port.onMessage.addListener((raw) => {
      const msg = raw as InspectorPush;
      if (msg.type === 'snapshot') setEntries(msg.entries);
      else if (msg.type === 'entry') setEntries((list) => upsert(list, msg.entry));
    });
    port.onDisconnect.addListener(() => setConnected(false));
    return () => port.disconnect();
  }, []);

  return (
    <>
      <header>
        <h1>CRM Bridge</h1>
        <span className="muted" data-testid="connection">
          {connected ? 'live' : 'disconnected'}
        </span>
      </header>
      {entries.length === 0 ? (
        <div className="empty">No events yet. Open a configured site with an agent workspace.</div>
      ) : (
        <table data-testid="events">
          <thead>
            <tr>
              <th>Time</th>
              <th>Platform</th>
              <th>Type</th>
              <th>Source event</th>
              <th>Rules</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <Row key={e.seq} entry={e} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Row({ entry }: { entry: JournalEntry }) {
  const time = new Date(entry.at).toLocaleTimeString();
  if (entry.kind === 'rejected') {
    return (
      <tr data-kind="rejected">
        <td>{time}</td>
        <td>{entry.platform ?? '?'}</td>
        <td className="rejected">rejected{entry.count > 1 ? ` ×${entry.count}` : ''}</td>
        <td colSpan={3} title={entry.issues?.join('\n')}>
          {entry.reason} <span className="muted">({entry.origin})</span>
        </td>
      </tr>
    );
  }
  return (
    <tr data-kind="event">
      <td>{time}</td>
      <td>{entry.platform}</td>
      <td>{entry.type}</td>
      <td>{entry.event.sourceEvent}</td>
      <td>
        {entry.matches.map((m) => m.ruleName || m.ruleId).join(', ') || <span className="muted">—</span>}
      </td>
      <td>
        {entry.actions.map((a) => (
          <div key={`${a.ruleId}-${a.index}`} className={a.status} title={a.error ?? a.detail}>
            {a.kind}: {a.status}
            {a.error ? ` — ${a.error}` : ''}
          </div>
        ))}
      </td>
    </tr>
  );
}
