import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { EventEntry, JournalEntry, RejectedEntry } from '../../journal/types';
import { platformLabel } from '../../platforms/agent';
import { t, tn } from '../../util/i18n';
import { plainError } from '../shared/errors';
import { JsonTree } from '../shared/JsonTree';
import { ActionOutcomes } from './ActionOutcomes';
import { stamp } from './format';
import { LogNow } from './LogNow';
import { RulesPanel } from './RulesPanel';
import { SaveAsTest } from './SaveAsTest';
import { openSettingsFor, openSites } from './settingsLink';
import { TrustButton } from './TrustOrigin';
import { useIntegrator } from './useIntegrator';

/** Labels of the contact's fields and of a message's direction, in the UI's language. */
const CONTACT_FIELD = {
  platformId: () => t('popup.contactField.platformId'),
  externalId: () => t('popup.contactField.externalId'),
  crmId: () => t('popup.contactField.crmId'),
  name: () => t('popup.contactField.name'),
  email: () => t('popup.contactField.email'),
  phone: () => t('popup.contactField.phone'),
};
const DIRECTION = {
  inbound: () => t('popup.direction.inbound'),
  outbound: () => t('popup.direction.outbound'),
  internal: () => t('popup.direction.internal'),
};

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
export function Detail({
  entry,
  onBack,
  onReplay,
  stateOf,
  onOpen,
}: {
  entry: JournalEntry;
  onBack: () => void;
  /** Opens the replay (issue 20) on this event. */
  onReplay?: (seq: number) => void;
  /** The words for another entry's outcome (the "Log this conversation now" run). */
  stateOf?: (seq: number) => string | undefined;
  onOpen?: (seq: number) => void;
}) {
  const back = useRef<HTMLButtonElement>(null);
  const integrator = useIntegrator();
  useEffect(() => back.current?.focus(), []);
  return (
    <section
      className="detail"
      aria-label={t('popup.detail.ariaLabel')}
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
          {t('popup.detail.back')}
        </button>
        <h2>{entry.kind === 'event' ? entry.type : t('popup.detail.rejectedTitle')}</h2>
        <span className="muted">
          {entry.platform ? platformLabel(entry.platform) : t('popup.detail.unknownPlatform')}
          {entry.kind === 'event' ? ` · ${entry.event.sourceEvent}` : ''} · #{entry.seq}
        </span>
        {integrator && entry.kind === 'event' && <CopyFixture entry={entry} />}
        {onReplay && entry.kind === 'event' && entry.seq !== undefined && (
          <button type="button" className="small" onClick={() => onReplay(entry.seq as number)}>
            {t('replay.thisEvent')}
          </button>
        )}
      </div>
      <div className="detail-body">
        {entry.kind === 'event' ? (
          <>
            <LogNow entry={entry} stateOf={stateOf} onOpen={onOpen} />
            <SaveAsTest entry={entry} />
            <EventDetail entry={entry} integrator={integrator} />
          </>
        ) : (
          <RejectedDetail entry={entry} integrator={integrator} />
        )}
      </div>
    </section>
  );
}

function CopyFixture({ entry }: { entry: EventEntry }) {
  const [note, setNote] = useState('');
  const copy = () => {
    navigator.clipboard
      .writeText(JSON.stringify(fixtureOf(entry), null, 2))
      .then(() => setNote(t('popup.detail.copied')))
      .catch((e: unknown) =>
        setNote(t('popup.detail.copyFailed', { error: plainError((e as Error).message ?? String(e)) })),
      );
  };
  return (
    <span className="copy">
      <button type="button" className="small" onClick={copy} data-testid="copy-fixture">
        {t('popup.detail.copyFixture')}
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

function EventDetail({ entry, integrator }: { entry: EventEntry; integrator: boolean }) {
  const e = entry.event;
  const contact = e.contact
    ? Object.entries(e.contact)
        .filter(([, v]) => v)
        .map(([k, v]) => `${k in CONTACT_FIELD ? CONTACT_FIELD[k as keyof typeof CONTACT_FIELD]() : k}: ${v}`)
        .join(' · ')
    : undefined;
  const dup = entry.duplicateOf;
  const received = dup?.count && dup.count > 1 ? ` ${tn('popup.detail.receivedTimes', dup.count)}` : '';
  return (
    <>
      {dup && (
        <p className="card" data-testid="duplicate-of">
          {dup.seq === undefined
            ? t('popup.detail.duplicate', { tab: dup.tabId, when: stamp(dup.at), received })
            : t('popup.detail.duplicateOf', {
                seq: dup.seq,
                tab: dup.tabId,
                when: stamp(dup.at),
                received,
              })}{' '}
          <span className="mono break">{dup.eventId}</span>
        </p>
      )}
      <section className="card" aria-labelledby="fields-h">
        <h3 id="fields-h">{t('popup.detail.event')}</h3>
        <dl className="fields" data-testid="fields">
          <Field label={t('popup.detail.received')}>{stamp(e.receivedAt)}</Field>
          <Field label={t('popup.detail.message')}>
            {e.message && (
              <>
                <span className="pill muted">{DIRECTION[e.message.direction]()}</span> {e.message.text}
              </>
            )}
          </Field>
          <Field label={t('popup.detail.conversation')}>
            {e.conversation &&
              [e.conversation.id, e.conversation.channel, e.conversation.status].filter(Boolean).join(' · ')}
          </Field>
          <Field label={t('popup.detail.contact')}>{contact}</Field>
          <Field label={t('popup.detail.agent')}>
            {e.agent && [e.agent.name, e.agent.email, e.agent.id].filter(Boolean).join(' · ')}
          </Field>
          <Field label={t('popup.detail.origin')}>
            <span className="mono">{e.origin}</span>
          </Field>
          <Field label={t('popup.detail.page')}>
            <span className="mono break">{e.page.url}</span>
          </Field>
          {integrator && <Field label={t('popup.detail.tabFrame')}>{`${e.tabId} / ${e.frameId}`}</Field>}
          {integrator && (
            <Field label={t('popup.detail.eventId')}>
              <span className="mono break">{e.id}</span>
            </Field>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="actions-h">
        <h3 id="actions-h">{t('popup.detail.actions')}</h3>
        <ActionOutcomes entry={entry} />
      </section>
      <RulesPanel key={entry.seq} entry={entry} />
      <section className="card" aria-labelledby="raw-h">
        <h3 id="raw-h">{t('popup.detail.rawPayload')}</h3>
        <JsonTree value={e.data} openDepth={3} testId="raw" />
      </section>
    </>
  );
}

function RejectedDetail({ entry, integrator }: { entry: RejectedEntry; integrator: boolean }) {
  const originProblem = /untrusted origin|not configured|not a configured/i.test(entry.reason);
  return (
    <>
      <section className="card" aria-labelledby="rej-h">
        <h3 id="rej-h">{t('popup.detail.whyRejected')}</h3>
        <p className="bad reason" data-testid="reject-reason">
          {entry.reason}
        </p>
        {originProblem && (
          <p>
            {t('popup.detail.trustHint', { origin: entry.origin })}{' '}
            <button
              type="button"
              className="small"
              onClick={() => (entry.tabId >= 0 ? void openSettingsFor(entry.tabId) : openSites(undefined))}
              data-testid="open-site-settings"
            >
              {t('popup.detail.openSettings')}
            </button>{' '}
            {entry.platform && entry.reason.startsWith('untrusted origin') && entry.tabId >= 0 ? (
              <TrustButton tabId={entry.tabId} platform={entry.platform} origin={entry.origin} />
            ) : null}
          </p>
        )}
        <dl className="fields">
          <Field label={t('popup.detail.origin')}>
            <span className="mono">{entry.origin}</span>
          </Field>
          <Field label={t('popup.detail.platform')}>{entry.platform && platformLabel(entry.platform)}</Field>
          <Field label={t('popup.detail.count')}>
            {entry.count > 1 ? tn('popup.detail.identical', entry.count) : undefined}
          </Field>
          <Field label={t('popup.detail.when')}>{stamp(entry.at)}</Field>
          {integrator && <Field label={t('popup.detail.tab')}>{String(entry.tabId)}</Field>}
        </dl>
      </section>
      {entry.issues && entry.issues.length > 0 && (
        <section className="card" aria-labelledby="issues-h">
          <h3 id="issues-h">{t('popup.detail.issues')}</h3>
          <ul className="issues mono" data-testid="issues">
            {entry.issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </section>
      )}
      {entry.sample !== undefined && (
        <section className="card" aria-labelledby="sample-h">
          <h3 id="sample-h">{t('popup.detail.sample')}</h3>
          <JsonTree value={entry.sample} openDepth={3} testId="raw" />
        </section>
      )}
    </>
  );
}
