import { httpItem, runAction } from '../../actions/run';
import type { Settings } from '../../config/settings';
import type { BridgeEvent } from '../../events/model';
import type { Journal } from '../../journal/journal';
import type { ActionOutcome, EventEntry } from '../../journal/types';
import type { Outbox } from '../../outbox/outbox';
import type { AttemptReport, OutboxItem } from '../../outbox/types';
import { allSecrets, cachedSecrets, isManagedSecret } from '../../secrets/store';
import type { Feed } from '../feed';
import type { Workflows } from '../workflows';
import { applyReport, early, type Prepared } from './early';
import { SerialQueue } from './queue';

export interface ActionsDeps {
  journal: Pick<Journal, 'get' | 'update' | 'unfinished'>;
  feed: Pick<Feed, 'publish'>;
  outbox: () => Pick<Outbox, 'kick' | 'enqueue'> & Partial<Pick<Outbox, 'queued' | 'adopt'>>;
  settings: () => Settings;
  /** Rules whose actions carry step ids run as workflow chains (src/background/workflows.ts). */
  workflows?: Pick<Workflows, 'isChain' | 'start' | 'enrich'>;
}

/** journalSeq of an item rendered before its entry has one (set when the entry is written; sorts last). */
const UNWRITTEN = Number.MAX_SAFE_INTEGER;

/**
 * The action stage: runs the matched rules' actions of journaled events on one serial queue (a slow
 * action, an agent command waiting for its workspace, never holds up journaling), resumes them after a
 * restart, and writes outbox reports onto the journal.
 *
 * No race between the two writers: while an entry's actions run, reports for that entry wait until its
 * outcomes are written (an outbox item can be delivered before then: it is persisted inside runAction).
 */
export class ActionStage {
  private readonly queue = new SerialQueue('actions');
  /** Journal seq → settles once that entry's outcomes are written. */
  private readonly writing = new Map<number, Promise<void>>();
  /**
   * Entries the stage has still to run: queued or running, or left to it by `prepare` and not yet
   * handed over (ingest enqueues them once written). The fast path runs only when this is 0.
   */
  private backlog = 0;
  /** Entries `prepare` left to the stage and counted in `backlog` before `enqueue`. */
  private readonly owed = new WeakSet<EventEntry>();

  constructor(private readonly deps: ActionsDeps) {}

  /**
   * Queues an entry's actions; `fresh`: the entry was just journaled by this worker (no re-read).
   * From here until its outcomes are written, outbox reports for the entry wait (see `report`).
   */
  enqueue(entry: EventEntry, live?: BridgeEvent, fresh = false): void {
    const seq = entry.seq;
    if (seq === undefined) return;
    let settle!: () => void;
    const mine = new Promise<void>((r) => (settle = r));
    const before = this.writing.get(seq);
    const all = before ? before.then(() => mine) : mine;
    this.writing.set(seq, all);
    if (!this.owed.delete(entry)) this.backlog++;
    this.queue.enqueue(() =>
      this.run(entry, live, fresh).finally(() => {
        if (this.writing.get(seq) === all) this.writing.delete(seq);
        this.backlog--;
        settle();
      }),
    );
  }

  /**
   * Latency at the physical floor (issue 16, docs/architecture.md): renders the entry's http actions in
   * the capture's own turn, before the entry is written. Their outcomes go into the entry, their outbox
   * rows into the same IndexedDB transaction (the journal's `also` rows), and `start` sends them while
   * that transaction runs. An entry whose actions are all http is written `done`: the stage never runs
   * it. Anything else (other kinds, workflow chains, a template error, secrets or the outbox not loaded
   * yet) is left to the stage as before. Undefined: nothing rendered here.
   */
  prepare(entry: EventEntry): Prepared | undefined {
    // Order per conversation: while an earlier entry is still owed to the stage (its items not yet in the
    // outbox), a later one rendered here could be sent first. It waits its turn in the stage instead.
    const fast = this.backlog === 0 ? this.render(entry) : undefined;
    if (entry.state === 'processing') {
      this.owed.add(entry);
      this.backlog++;
    }
    return fast;
  }

  private render(entry: EventEntry): Prepared | undefined {
    const secrets = cachedSecrets();
    const outbox = this.deps.outbox();
    const wf = this.deps.workflows;
    // enrich() adds the transcript to a closed conversation (asynchronously): the stage renders those.
    if (!secrets || !outbox.adopt || entry.seq !== undefined || entry.event.type === 'conversation.closed')
      return undefined;
    const names = [...secrets.keys()];
    const managedSecrets = names.filter(isManagedSecret);
    const items: OutboxItem[] = [];
    const outcomes: ActionOutcome[] = [];
    let rest = false;
    for (const m of entry.matches) {
      const rule = this.deps.settings().rules.find((r) => r.id === m.ruleId);
      if (!rule) continue;
      if (wf?.isChain(rule)) rest = true;
      else
        for (const [index, action] of rule.then.entries()) {
          if (action.kind !== 'http') {
            rest = true;
            continue;
          }
          const ctx = { event: entry.event, rule, index, journalSeq: UNWRITTEN, secretNames: names };
          let r: ReturnType<typeof httpItem>;
          try {
            r = httpItem(action, { ...ctx, managedSecrets });
          } catch {
            rest = true; // the stage renders it again and journals the error
            continue;
          }
          const queued = outbox.queued?.(r.item.id);
          if (queued === undefined) return undefined;
          if (!queued) items.push(r.item);
          outcomes.push({
            ruleId: rule.id,
            ruleName: rule.name,
            index,
            kind: 'http',
            at: Date.now(),
            ...r.outcome,
          });
        }
    }
    if (outcomes.length === 0) return undefined;
    entry.actions.push(...outcomes);
    if (!rest) entry.state = 'done';
    return early(entry, items, (items, written, absorb) => outbox.adopt?.(items, written, absorb));
  }

  /** After a restart: finish the actions of events journaled just before the worker stopped. */
  async resume(): Promise<void> {
    for (const entry of await this.deps.journal.unfinished()) {
      if (entry.kind === 'event') this.enqueue(entry);
    }
  }

  /** Settles once every queued run has finished (tests). */
  idle(): Promise<unknown> {
    return this.queue.idle();
  }

  /**
   * Runs the matched rules' actions not yet recorded on the entry, then marks it done. `live` is the
   * event as captured; the journal holds a copy with secret values redacted, used only when resuming
   * after a restart (the live object is gone by then).
   */
  async run(stale: EventEntry, live?: BridgeEvent, fresh = false): Promise<void> {
    const seq = stale.seq;
    if (seq === undefined) return;
    await this.runActions(seq, stale, live, fresh);
  }

  private async runActions(seq: number, stale: EventEntry, live: BridgeEvent | undefined, fresh: boolean) {
    // Re-read unless just journaled: a resend and the start-up resume may both have queued this entry.
    const entry = fresh ? stale : await this.deps.journal.get(seq);
    if (entry?.kind !== 'event' || entry.state === 'done') return;
    const names = [...(await allSecrets()).keys()];
    const managedSecrets = names.filter(isManagedSecret);
    const outbox = this.deps.outbox();
    let queued = false;
    const outcomes: ActionOutcome[] = [];
    const wf = this.deps.workflows;
    const event = wf ? await wf.enrich(live ?? entry.event) : (live ?? entry.event);
    for (const m of entry.matches) {
      const rule = this.deps.settings().rules.find((r) => r.id === m.ruleId);
      if (!rule) continue;
      if (wf?.isChain(rule)) {
        if (entry.actions.some((a) => a.ruleId === rule.id)) continue;
        const o = await wf.start(rule, live ?? entry.event, seq);
        outcomes.push({
          ruleId: rule.id,
          ruleName: rule.name,
          index: -1,
          kind: 'workflow',
          at: Date.now(),
          ...o,
        });
        continue;
      }
      for (const [index, action] of rule.then.entries()) {
        if (entry.actions.some((a) => a.ruleId === rule.id && a.index === index)) continue;
        // http actions are persisted in the outbox inside runAction, before anything is sent.
        const outcome = await runAction(action, {
          event,
          rule,
          index,
          journalSeq: seq,
          outbox: outbox as Outbox,
          secretNames: names,
          managedSecrets,
        });
        queued ||= outcome.status === 'queued';
        outcomes.push({
          ruleId: rule.id,
          ruleName: rule.name,
          index,
          kind: action.kind,
          at: Date.now(),
          ...outcome,
        });
      }
    }
    // Deliver now: the items are already persisted; their reports wait for the write below.
    if (queued) void outbox.kick();
    // One journal write for all outcomes (a burst of events must not cost a write per action).
    const updated = await this.deps.journal.update(seq, (e) => {
      if (e.kind !== 'event') return;
      e.actions.push(...outcomes);
      e.state = 'done';
    });
    if (updated) this.deps.feed.publish(updated);
  }

  /** An outbox attempt's result, written onto its action outcome (after that outcome is journaled). */
  report(r: AttemptReport): Promise<void> | undefined {
    const pending = this.writing.get(r.item.journalSeq);
    // Not awaited by the outbox when deferred: its delivery loop must not wait for slow actions.
    if (pending) return void pending.then(() => this.apply(r));
    return this.apply(r);
  }

  private async apply(r: AttemptReport): Promise<void> {
    let found = false;
    const entry = await this.deps.journal.update(r.item.journalSeq, (e) => {
      const a = e.kind === 'event' ? e.actions.find((x) => x.outboxId === r.item.id) : undefined;
      if (a) applyReport(a, r);
      found = a !== undefined;
    });
    if (found && entry) this.deps.feed.publish(entry);
  }
}
