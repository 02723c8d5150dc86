import type { Settings } from '../../config/settings';
import type { BridgeEvent, CaptureContext } from '../../events/model';
import type { PlatformId } from '../../events/types';
import type { AlsoWrite, Journal } from '../../journal/journal';
import type { EventEntry } from '../../journal/types';
import type { ContentSender } from '../../messaging/senders';
import { getPlatform } from '../../platforms';
import type { ContentMessage } from '../../protocol';
import type { RuleGate } from '../../rules/gate';
import type { RuleIndex } from '../../rules/matcher';
import { redactDeep } from '../../secrets/redact';
import { allSecrets } from '../../secrets/store';
import { STORES } from '../../util/idb';
import { type Dedupe, journalDuplicate, type Sighting } from '../dedupe';
import type { DurableDedupe } from '../dedupe-store';
import type { Feed } from '../feed';
import { platformAllowedAt } from '../sites';
import type { ActionStage } from './actions';
import { appendHeld } from './early';
import type { SerialQueue } from './queue';
import type { Rejections } from './rejections';

export type Capture = Extract<ContentMessage, { type: 'capture' }>;
type Normalised = ReturnType<NonNullable<ReturnType<typeof getPlatform>>['normalize']>;

export interface IngestDeps {
  queue: Pick<SerialQueue, 'enqueue'>;
  journal: Pick<Journal, 'append' | 'update' | 'byCid'>;
  dedupe: Dedupe<Sighting> & Partial<Pick<DurableDedupe, 'take'>>;
  gate: Pick<RuleGate, 'check'> & Partial<Pick<RuleGate, 'take'>>;
  feed: Pick<Feed, 'publish'>;
  rejections: Pick<Rejections, 'reject'>;
  actions: Pick<ActionStage, 'enqueue'> & Partial<Pick<ActionStage, 'prepare'>>;
  settings: () => Settings;
  rules: () => RuleIndex;
  /**
   * Workflows (src/background/workflows.ts): a message joins its conversation's transcript before the ack,
   * as a row of the event's journal transaction. A re-sent capture whose entry was written has its line
   * already: both were in one transaction.
   */
  transcriptRow?: (event: BridgeEvent) => AlsoWrite | undefined;
}

/** How far back a bridge's capture time is believed (its re-sends give up after about 40 s). */
export const CAPTURE_TIME_WINDOW_MS = 10 * 60_000;

/**
 * The event's `receivedAt`: the bridge's capture time when it is plausible (not in the future, not older
 * than the window), so a capture re-sent after a worker stop keeps its time (its transcript place, its
 * weak-id idempotency key); otherwise the worker's clock.
 */
export function captureTime(at: number | undefined, now: number): number {
  return at !== undefined && at <= now && now - at <= CAPTURE_TIME_WINDOW_MS ? at : now;
}

/** A capture on its way through the pipeline. */
interface Job {
  platform: PlatformId;
  payload: unknown;
  ctx: CaptureContext;
  cid?: string;
  /** Called once the capture is journaled (the bridge's ack). */
  journaled: () => void;
  resend: boolean;
}

/**
 * The capture pipeline, one stage per method, on one serial queue (journal order = capture order):
 * admit → normalise → (per event) dedupe → match → journal → actions.
 * Every event is journaled (state `processing`) before any action runs and `journaled` is called; the
 * action stage then runs its actions and marks it `done`. A worker stopped in between leaves
 * `processing` entries: a re-sent capture (same `cid`) or the next start resumes their actions.
 */
export class Ingest {
  /** Settles once the previous capture's actions were handed to the action stage (or its writes failed). */
  private previous: Promise<void> = Promise.resolve();

  constructor(private readonly deps: IngestDeps) {}

  /** A bridge capture; `journaled` acknowledges it (the bridge re-sends anything unacknowledged). */
  capture(msg: Capture, who: ContentSender, journaled: () => void, failed: () => void): void {
    this.deps.queue.enqueue(() =>
      this.admit(msg, who, journaled).catch((e: unknown) => {
        failed();
        throw e;
      }),
    );
  }

  /** A frame from the worker's own connection (direct mode): pseudo-tab -1, page = the install URL. */
  direct(platform: PlatformId, payload: unknown, installUrl: string, title: string): void {
    this.deps.queue.enqueue(async () => {
      if (this.deps.settings().paused) return;
      const page = { url: installUrl, title };
      const ctx = {
        receivedAt: Date.now(),
        origin: new URL(installUrl).origin,
        page,
        tabId: -1,
        frameId: -1,
      };
      await this.ingest({ platform, payload, ctx, journaled: () => undefined, resend: false });
    });
  }

  /** Stage 1: paused (dropped on purpose, acknowledged) or not configured for the sender's page (rejected). */
  async admit(msg: Capture, who: ContentSender, journaled: () => void): Promise<void> {
    const settings = this.deps.settings();
    if (settings.paused) return journaled();
    if (!platformAllowedAt(settings, who.url, msg.platform, msg.origin, msg.via)) {
      const reason = `${msg.platform} via ${msg.via} from ${msg.origin} is not configured for ${who.url}`;
      await this.deps.rejections.reject(
        { platform: msg.platform, origin: msg.origin, reason, count: 1 },
        who,
      );
      return journaled();
    }
    const ctx: CaptureContext = {
      receivedAt: captureTime(msg.at, Date.now()),
      origin: msg.origin,
      page: { url: who.url, title: who.tabTitle },
      tabId: who.tabId,
      frameId: who.frameId,
      documentId: who.documentId,
    };
    const job = { platform: msg.platform, payload: msg.payload, ctx, cid: msg.cid, journaled };
    return this.ingest({ ...job, resend: msg.resend === true });
  }

  /** Stages 2–6 for one capture. */
  async ingest(job: Job): Promise<void> {
    // Only a re-sent capture can have been journaled before (the first delivery's worker was stopped).
    const earlier = job.cid && job.resend ? await this.deps.journal.byCid(job.cid) : [];
    const result = normalise(job);
    if (!result) return job.journaled();
    if (!result.ok) {
      if (earlier.length === 0) await this.rejectInvalid(job, result);
      return job.journaled();
    }
    const appended: Array<Promise<unknown>> = [];
    const toRun: Array<[EventEntry, BridgeEvent]> = [];
    for (const event of result.events) {
      const seen = earlier.find((e): e is EventEntry => e.kind === 'event' && e.eventId === event.id);
      if (seen) {
        if (seen.state === 'processing') toRun.push([seen, event]);
        continue;
      }
      const now = Date.now();
      const sighting: Sighting = { ref: { eventId: event.id, tabId: event.tabId, at: now } };
      const duplicate = await this.dedupe(event, sighting, now, job.cid);
      if (duplicate) {
        appended.push(duplicate.done);
        continue;
      }
      const entry = this.match(event, now, job.cid);
      // The message joins its transcript in the entry's own transaction (both durable, or neither).
      const line = this.deps.transcriptRow?.(event);
      appended.push(this.journal(entry, sighting, line ? [line] : []));
      if (entry.state === 'processing') toRun.push([entry, event]);
    }
    // Actions start in capture order: a capture whose writes take longer (held for its early requests'
    // answers) must not let the next capture's actions overtake its own.
    const written = Promise.all(appended);
    const turn = this.previous.then(() => written);
    this.previous = turn.then(
      () => undefined,
      () => undefined,
    );
    void turn.then(
      () => {
        job.journaled();
        // Actions run on their own serial queue: a slow action (an agent command waiting for the
        // workspace's answer) must not hold up journaling the next captures.
        for (const [entry, event] of toRun)
          this.deps.actions.enqueue(entry, event, entry.cid === undefined || !job.resend);
      },
      (e: unknown) => console.error('[crm-bridge] journal write failed; the bridge will re-send', e),
    );
  }

  /** A payload the platform refuses is journaled as rejected, its sample redacted of stored secrets. */
  private async rejectInvalid(job: Job, result: Extract<Normalised, { ok: false }>): Promise<void> {
    // Samples are raw payloads: stored secret values in them (a pubsub_token) never reach the journal.
    const sample = redactDeep(job.payload, await allSecrets());
    const { reason, issues } = result;
    const r = {
      platform: job.platform,
      origin: job.ctx.origin,
      reason,
      issues,
      count: 1,
      sample,
      cid: job.cid,
    };
    await this.deps.rejections.reject(r, job.ctx);
  }

  /** Stage 3: a duplicate is journaled as one (never dropped silently); `done` once written. */
  private async dedupe(event: BridgeEvent, sighting: Sighting, now: number, cid?: string) {
    const first = this.deps.dedupe.check(event, sighting);
    if (!first) return undefined;
    const base = { at: now, eventId: event.id, tabId: event.tabId, event, cid };
    return journalDuplicate(this.deps.journal, { push: (e) => this.deps.feed.publish(e) }, first, base);
  }

  /** Stage 4: the rules that match and pass their gate; a rule that cannot be evaluated is a rule error. */
  match(event: BridgeEvent, now: number, cid?: string): EventEntry {
    const found = this.deps.rules().matchExplained(event);
    const runnable = found.rules.filter((r) => this.deps.gate.check(r, event, now) === undefined);
    return {
      kind: 'event',
      at: now,
      eventId: event.id,
      tabId: event.tabId,
      platform: event.platform,
      type: event.type,
      event,
      matches: runnable.map((r) => ({ ruleId: r.id, ruleName: r.name })),
      // A rule that could not be evaluated (a pattern RE2 refuses) is journaled as a rule error.
      actions: found.errors.map(({ rule, error }) => ({
        ruleId: rule.id,
        ruleName: rule.name,
        index: -1,
        kind: 'condition',
        status: 'failed' as const,
        error: `rule not evaluated: ${error}`,
        at: now,
      })),
      cid,
      state: runnable.length ? 'processing' : 'done',
    };
  }

  /**
   * Stage 5: persisted before any action runs. Not awaited by the caller: the next capture is
   * normalised while this batch is written (one ordered batch); the ack and the actions wait for it.
   * `rows`: more rows for the entry's transaction (the message's transcript).
   */
  private journal(entry: EventEntry, sighting: Sighting, rows: AlsoWrite[]): Promise<unknown> {
    // The rules' once/throttle marks are durable in the same transaction as the entry (issue 16).
    // So is the event's first sighting (cross-tab dedupe across worker restarts, dedupe-store.ts).
    const marks = [
      ...(this.deps.gate.take?.() ?? []).map((value) => ({ store: STORES.gate, value })),
      ...(this.deps.dedupe.take?.() ?? []),
      ...rows,
    ];
    // Http actions rendered now are sent at once; the entry (with their rows, or their delivered
    // outcomes when answered in time) is written once they are answered (src/background/pipeline/early.ts).
    const early = this.deps.actions.prepare?.(entry);
    const { written } = appendHeld(this.deps.journal, entry, marks, early);
    sighting.written = written;
    void written.then((s) => (sighting.ref.seq = s));
    return sighting.written.then(() => this.deps.feed.publish(entry));
  }
}

/** Stage 2: the platform's schema and normaliser (undefined: an unknown platform, acknowledged). */
export function normalise(job: Pick<Job, 'platform' | 'payload' | 'ctx'>): Normalised | undefined {
  const platform = getPlatform(job.platform);
  if (!platform) return undefined;
  try {
    return platform.normalize(job.payload, job.ctx);
  } catch (e) {
    return { ok: false, reason: `normaliser error: ${(e as Error).message}` };
  }
}
