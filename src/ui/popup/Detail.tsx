import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { EventEntry, JournalEntry, RejectedEntry } from '../../journal/types';
import { JsonTree } from '../shared/JsonTree';
import { ActionOutcomes } from './ActionOutcomes';
import { stamp } from './format';
import { RulesPanel } from './RulesPanel';
import { openOptions } from './TabInfo';
import { TrustButton } from './TrustOrigin';

/** `{note, expectTypes, raw}`: the shape of src/platforms/<id>/fixtures/*.json. */
export function fixtureOf(entry: EventEntry): { note: string; expectTypes: string[]; raw: unknown } {
  const e = entry.event;
  return {
    note: `${e.platform} ${e.sourceEvent} captured ${new Date(entry.at).toISOString()} from ${e.origin}`,
    expectTypes: [entry.type],
    raw: e.data,
  };
}

/** Detail of one journal entry; Escape or "Back" returns to the list. */
export function Detail({ entry, onBack }: { entry: JournalEntry; onBack: () => void }) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  return (
    <section
      className="detail"
      aria-label="Entry detail"
      data-testid="detail"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <div className="detail-bar">
        <button type="button" ref={back} onClick={onBack} data-testid="back">
          ← Back
        </button>
        <h2>{entry.kind === 'event' ? entry.type : 'Rejected message'}</h2>
        <span className="muted">
          {entry.platform ?? 'unknown platform'}
          {entry.kind === 'event' ? ` · ${entry.event.sourceEvent}` : ''} · #{entry.seq}
        </span>
        {entry.kind === 'event' && <CopyFixture entry={entry} />}
      </div>
      <div className="detail-body">
        {entry.kind === 'event' ? <EventDetail entry={entry} /> : <RejectedDetail entry={entry} />}
      </div>
    </section>
  );
}

function CopyFixture({ entry }: { entry: EventEntry }) {
  const [note, setNote] = useState('');
  const copy = () => {
    navigator.clipboard
      .writeText(JSON.stringify(fixtureOf(entry), null, 2))
      .then(() => setNote('Copied'))
      .catch((e: unknown) => setNote(`Copy failed: ${(e as Error).message ?? String(e)}`));
  };
  return (
    <span className="copy">
      <button type="button" className="small" onClick={copy} data-testid="copy-fixture">
        Copy as fixture
      </button>
      <span role="status" className="muted small-text">
        {note}
      </span>
    </span>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function EventDetail({ entry }: { entry: EventEntry }) {
  const e = entry.event;
  const contact = e.contact
    ? Object.entries(e.contact)
        .filter(([, v]) => v)
        .map(([k, v]) => `${k}: ${v}`)
        .join(' · ')
    : undefined;
  const dup = entry.duplicateOf;
  return (
    <>
      {dup && (
        <p className="card" data-testid="duplicate-of">
          Not processed: the same event from the same source was already captured
          {dup.seq === undefined ? '' : ` as entry #${dup.seq}`} (tab {dup.tabId}, {stamp(dup.at)}), so no
          rule ran again{dup.count && dup.count > 1 ? ` (received ${dup.count} times)` : ''}.{' '}
          <span className="mono break">{dup.eventId}</span>
        </p>
      )}
      <section className="card" aria-labelledby="fields-h">
        <h3 id="fields-h">Event</h3>
        <dl className="fields" data-testid="fields">
          <Field label="Received">{stamp(e.receivedAt)}</Field>
          <Field label="Message">
            {e.message && (
              <>
                <span className="pill muted">{e.message.direction}</span> {e.message.text}
              </>
            )}
          </Field>
          <Field label="Conversation">
            {e.conversation &&
              [e.conversation.id, e.conversation.channel, e.conversation.status].filter(Boolean).join(' · ')}
          </Field>
          <Field label="Contact">{contact}</Field>
          <Field label="Agent">
            {e.agent && [e.agent.name, e.agent.email, e.agent.id].filter(Boolean).join(' · ')}
          </Field>
          <Field label="Origin">
            <span className="mono">{e.origin}</span>
          </Field>
          <Field label="Page">
            <span className="mono break">{e.page.url}</span>
          </Field>
          <Field label="Tab / frame">{`${e.tabId} / ${e.frameId}`}</Field>
          <Field label="Event id">
            <span className="mono break">{e.id}</span>
          </Field>
        </dl>
      </section>
      <section className="card" aria-labelledby="actions-h">
        <h3 id="actions-h">Actions</h3>
        <ActionOutcomes entry={entry} />
      </section>
      <RulesPanel key={entry.seq} entry={entry} />
      <section className="card" aria-labelledby="raw-h">
        <h3 id="raw-h">Raw payload</h3>
        <JsonTree value={e.data} openDepth={3} testId="raw" />
      </section>
    </>
  );
}

function RejectedDetail({ entry }: { entry: RejectedEntry }) {
  const originProblem = /untrusted origin|not configured|not a configured/i.test(entry.reason);
  return (
    <>
      <section className="card" aria-labelledby="rej-h">
        <h3 id="rej-h">Why it was rejected</h3>
        <p className="bad reason" data-testid="reject-reason">
          {entry.reason}
        </p>
        {originProblem && (
          <p>
            If <span className="mono">{entry.origin}</span> is your agent workspace, add it to the site’s
            trusted origins.{' '}
            <button type="button" className="small" onClick={openOptions}>
              Open settings…
            </button>{' '}
            {entry.platform && entry.reason.startsWith('untrusted origin') && entry.tabId >= 0 ? (
              <TrustButton tabId={entry.tabId} platform={entry.platform} origin={entry.origin} />
            ) : null}
          </p>
        )}
        <dl className="fields">
          <Field label="Origin">
            <span className="mono">{entry.origin}</span>
          </Field>
          <Field label="Platform">{entry.platform}</Field>
          <Field label="Count">{entry.count > 1 ? `${entry.count} identical messages` : undefined}</Field>
          <Field label="When">{stamp(entry.at)}</Field>
          <Field label="Tab">{String(entry.tabId)}</Field>
        </dl>
      </section>
      {entry.issues && entry.issues.length > 0 && (
        <section className="card" aria-labelledby="issues-h">
          <h3 id="issues-h">Validation issues</h3>
          <ul className="issues mono" data-testid="issues">
            {entry.issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </section>
      )}
      {entry.sample !== undefined && (
        <section className="card" aria-labelledby="sample-h">
          <h3 id="sample-h">Payload sample</h3>
          <JsonTree value={entry.sample} openDepth={3} testId="raw" />
        </section>
      )}
    </>
  );
}
