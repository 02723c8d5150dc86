import { runAction } from '../actions/run';
import type { BridgeEvent } from '../events/model';
import type { AlsoWrite, Journal } from '../journal/journal';
import type { Outbox } from '../outbox/outbox';
import type { AttemptReport } from '../outbox/types';
import type { Rule } from '../rules/schema';
import { allSecrets, isManagedSecret } from '../secrets/store';
import { STORES } from '../util/idb';
import { ASK_ALARM_PREFIX, type AskAnswer, listAsks } from '../workflows/asks';
import { chainId, isChain, WorkflowEngine } from '../workflows/engine';
import { closeAsk, openAsk, openAskWindow } from '../workflows/present';
import { withTranscript } from '../workflows/scope';
import { pruneTranscripts, transcriptLine } from '../workflows/transcript';
import type { Feed } from './feed';

/** How many transcript lines are written between two prunes of the store. */
const PRUNE_EVERY = 500;

export interface WorkflowsDeps {
  journal: Pick<Journal, 'update'>;
  feed: Pick<Feed, 'publish'>;
  outbox: () => Pick<Outbox, 'enqueue' | 'kick' | 'get'>;
}

/**
 * Composition of the workflow layer (src/workflows) for the worker: the chain engine, the transcript
 * fed by ingest, and the hooks the pipeline calls (start a chain, route an outbox report, enrich a
 * conversation.closed event with its transcript). Logic lives in src/workflows; this only wires it.
 */
export class Workflows {
  readonly engine: WorkflowEngine;

  constructor(deps: WorkflowsDeps) {
    this.engine = new WorkflowEngine({
      outbox: deps.outbox,
      journal: deps.journal,
      publish: (e) => deps.feed.publish(e),
      secrets: async () => {
        const names = [...(await allSecrets()).keys()];
        return { names, managed: names.filter(isManagedSecret) };
      },
      runInline: runAction,
      asks: { opened: openAsk, closed: closeAsk },
    });
  }

  isChain(rule: Rule): boolean {
    return isChain(rule);
  }

  chainId(rule: Rule, event: BridgeEvent): string {
    return chainId(rule, event);
  }

  /**
   * Starts a rule's chain for a journaled event (persisted before it returns). Its links are read by
   * the engine when the chain begins running, after the chains queued before it.
   */
  start(rule: Rule, event: BridgeEvent, seq: number) {
    return this.engine.start(rule, event, seq);
  }

  /** An outbox report: a chain step's result (other items are ignored). */
  report(r: AttemptReport): void {
    void this.engine.report(r);
  }

  /** After a restart: chains go on; a parked question past its deadline gets its default now. */
  async resume(): Promise<void> {
    // The transcript store's bound, at every worker start as well as every PRUNE_EVERY lines: a worker
    // rarely lives long enough to write 500 (it stops after 30 s idle).
    void pruneTranscripts().catch(() => undefined);
    await this.engine.resume();
    const now = Date.now();
    for (const ask of await listAsks()) if (ask.expiresAt <= now) void this.engine.answer(ask.id, undefined);
  }

  /** chrome.alarms: a parked question's deadline. */
  alarm(name: string): boolean {
    if (!name.startsWith(ASK_ALARM_PREFIX)) return false;
    void this.engine.answer(name.slice(ASK_ALARM_PREFIX.length), undefined);
    return true;
  }

  /** A click on a "needs you" notification opens the question's window. */
  notificationClicked(id: string): boolean {
    if (!id.startsWith(ASK_ALARM_PREFIX)) return false;
    void openAskWindow(id.slice(ASK_ALARM_PREFIX.length));
    return true;
  }

  answer(id: string, answer: AskAnswer): Promise<boolean> {
    return this.engine.answer(id, answer);
  }

  /** Transcript lines written by this worker since it last pruned the store. */
  private lines = 0;

  /**
   * Ingest hook: a message joins its conversation's transcript as one line in the event's own journal
   * transaction (both durable, or neither), keyed by the entry's seq. Every PRUNE_EVERY lines the store's
   * bound is kept, off the capture's path (its ack never waits for a prune).
   */
  transcriptRow(event: BridgeEvent): AlsoWrite | undefined {
    const line = transcriptLine(event);
    if (!line) return undefined;
    if (++this.lines >= PRUNE_EVERY) {
      this.lines = 0;
      void pruneTranscripts().catch(() => undefined);
    }
    return { store: STORES.transcriptLines, value: line };
  }

  /** `conversation.transcript` / `conversation.messages` on conversation.closed, for plain rules too. */
  enrich(event: BridgeEvent): Promise<BridgeEvent> {
    return event.type === 'conversation.closed' ? withTranscript(event) : Promise.resolve(event);
  }
}
