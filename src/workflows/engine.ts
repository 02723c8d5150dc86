import { idempotencyKey } from '../actions/http';
import type { RunContext } from '../actions/run';
import type { BridgeEvent } from '../events/model';
import type { Journal } from '../journal/journal';
import type { JournalEntry } from '../journal/types';
import type { Outbox } from '../outbox/outbox';
import type { AttemptReport } from '../outbox/types';
import { describeCondition } from '../rules/conditions';
import type { Action, Rule } from '../rules/schema';
import { STORES } from '../util/idb';
import {
  type AskAnswer,
  type AskRecord,
  applyAnswer,
  deleteAsk,
  getAsk,
  pickAsk,
  putAsk,
  wrapupAsk,
} from './asks';
import { readLinks, rememberStep } from './links';
import { ConversationOrder } from './order';
import { journalOutcome, type Outcome } from './outcome';
import { stepResult } from './result';
import { chainScope } from './scope';
import { holds, stepItem } from './step';
import { allRows, getRow, prune, putRow } from './store';
import { clearTranscript, transcriptKey } from './transcript';
import type { ChainRecord, StepResult } from './types';

export const CHAIN_LIMITS = { max: 5000, ttlMs: 7 * 86_400_000, doneTtlMs: 86_400_000 };

/** A rule whose actions carry step ids runs as a chain (issue 17). */
export const isChain = (rule: Rule): boolean => rule.then.some((a) => a.id !== undefined);

/** One chain per rule and event occurrence (the same key space as the steps' Idempotency-Keys). */
export const chainId = (rule: Rule, event: BridgeEvent): string =>
  `chain-${idempotencyKey(rule.id, event, -1)}`;

type HttpStep = Extract<Action, { kind: 'http' }>;

export interface EngineDeps {
  outbox: () => Pick<Outbox, 'enqueue' | 'kick' | 'get'>;
  journal: Pick<Journal, 'update'>;
  publish: (e: JournalEntry) => void;
  secrets: () => Promise<{ names: string[]; managed: string[] }>;
  /** Runs a non-http step inline (src/actions/run.ts runAction). */
  runInline: (action: Action, ctx: RunContext) => Promise<Outcome>;
  /** Shows a parked question to the agent and sets its timeout alarm; `closed` clears them. */
  asks: { opened: (ask: AskRecord) => Promise<void>; closed: (ask: AskRecord) => Promise<void> };
  now?: () => number;
}

/**
 * The workflow engine: runs a chain's steps in order. Each http step goes through the durable outbox
 * with its own Idempotency-Key; the chain record (store `chains`) is written before each step is queued,
 * so a worker stopped anywhere resumes at the step it had reached. Other steps run inline.
 */
export class WorkflowEngine {
  private tail: Promise<unknown> = Promise.resolve();
  /** Chains of one conversation run one after another (durable: `held` / `after` on the records). */
  private readonly order = new ConversationOrder();

  constructor(private readonly deps: EngineDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Chains are advanced one at a time (a report and a resume never race on one record). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch((e: unknown) => console.error('[crm-bridge] workflow step failed', e));
    return run;
  }

  /** Settles once every queued chain step has run (tests). */
  idle(): Promise<unknown> {
    return this.tail;
  }

  /** Starts (or finds) the chain of `rule` for an event; persisted before this returns. */
  async start(rule: Rule, event: BridgeEvent, journalSeq: number, links = {}): Promise<Outcome> {
    const id = chainId(rule, event);
    const existing = await getRow<ChainRecord>(STORES.chains, id);
    if (!existing) {
      const now = this.now();
      await putRow<ChainRecord>(STORES.chains, {
        id,
        rule,
        journalSeq,
        event,
        step: 0,
        state: 'running',
        results: {},
        links,
        wrapup: {},
        createdAt: now,
        updatedAt: now,
        expiresAt: now + CHAIN_LIMITS.ttlMs,
      });
      void prune(STORES.chains, now, CHAIN_LIMITS.max);
    }
    void this.serial(() => this.advance(id));
    return { status: 'ok', detail: `workflow of ${rule.then.length} steps (${id})` };
  }

  /** After a restart: every chain still running or awaiting a step goes on where it was. */
  async resume(): Promise<void> {
    const rows = (await allRows<ChainRecord>(STORES.chains)).sort((a, b) => a.createdAt - b.createdAt);
    for (const c of rows) {
      if (c.state !== 'running' && c.state !== 'waiting' && c.state !== 'held') continue;
      void this.serial(async () => {
        const chain = await getRow<ChainRecord>(STORES.chains, c.id);
        // Held behind a chain that ended while the worker was stopped (before releasing it): runs now.
        if (chain?.state === 'held' && (await this.order.free(chain))) chain.state = 'running';
        if (chain?.state === 'waiting' && chain.waiting) {
          // The item is still in the outbox: its report will come. Gone without a report reaching the
          // chain: queued again with the same Idempotency-Key (the CRM answers without acting twice).
          if (await this.deps.outbox().get(chain.waiting)) return;
          chain.state = 'running';
        }
        if (chain?.state === 'running') await this.advance(chain.id, chain);
      });
    }
  }

  /** An outbox report: an awaited step's result; the chain goes on. */
  report(r: AttemptReport): Promise<void> | undefined {
    const ref = r.item.chain;
    if (!ref || r.status === 'retrying') return undefined;
    return this.serial(async () => {
      const chain = await getRow<ChainRecord>(STORES.chains, ref.id);
      if (chain?.state !== 'waiting' || chain.waiting !== r.item.id) return;
      if (r.status === 'dead') return this.finish(chain, 'failed');
      const action = chain.rule.then[chain.step];
      const result = stepResult(
        r.httpStatus,
        r.response,
        action?.kind === 'http' ? action.matches : undefined,
      );
      if (action?.id) chain.results[action.id] = result;
      chain.state = 'running';
      chain.waiting = undefined;
      if (action?.kind === 'http' && action.onMany === 'ask' && (result.count ?? 0) > 1)
        return this.park(chain, pickAsk(chain, action, result, this.now()));
      if (action) await rememberStep(chain, action);
      chain.step++;
      await this.advance(chain.id, chain);
    });
  }

  /** The agent's answer (or, undefined, the timeout): the chain goes on with the choice or `wrapup.*`. */
  answer(id: string, answer: AskAnswer | undefined): Promise<boolean> {
    return this.serial(async () => {
      const ask = await getAsk(id);
      if (!ask) return false;
      await deleteAsk(id);
      await this.deps.asks.closed(ask);
      const chain = await getRow<ChainRecord>(STORES.chains, ask.chainId);
      if (chain?.state !== 'parked' || chain.step !== ask.step) return false;
      const action = chain.rule.then[chain.step] as Action;
      const { detail, stop } = applyAnswer(chain, ask, answer);
      if (action.kind === 'ask-agent')
        await this.outcome(chain, chain.step, action, { status: 'ok', detail });
      if (stop) {
        await this.outcome(chain, chain.step, action, { status: 'skipped', detail });
        await this.finish(chain, 'done');
        return true;
      }
      chain.state = 'running';
      await rememberStep(chain, action);
      chain.step++;
      await this.advance(chain.id, chain);
      return true;
    });
  }

  /** Parks the chain on a question for the agent (persisted first, then shown, with its timeout). */
  private async park(chain: ChainRecord, ask: AskRecord): Promise<void> {
    chain.state = 'parked';
    await this.save(chain);
    await putAsk(ask);
    await this.deps.asks.opened(ask);
    await this.release(chain);
  }

  /** The chain no longer holds its conversation (finished or parked): the one held behind it runs. */
  private async release(chain: ChainRecord): Promise<void> {
    const next = await this.order.release(chain);
    const held = next ? await getRow<ChainRecord>(STORES.chains, next) : undefined;
    if (held?.state !== 'held') return;
    held.state = 'running';
    held.after = undefined;
    await this.save(held); // before it runs: a worker stopped now resumes it as running
    void this.serial(() => this.advance(held.id));
  }

  private save(chain: ChainRecord): Promise<void> {
    chain.updatedAt = this.now();
    return putRow(STORES.chains, chain);
  }

  /** Runs steps from `chain.step` until one waits on the outbox, parks, or the chain ends. */
  private async advance(id: string, loaded?: ChainRecord): Promise<void> {
    const chain = loaded ?? (await getRow<ChainRecord>(STORES.chains, id));
    if (chain?.state !== 'running') return;
    // An earlier chain of the same conversation still running or waiting on the CRM goes first (its
    // find/create/link is what this one reads); decided once per chain, durably.
    if (!chain.ordered) {
      chain.ordered = true;
      const after = await this.order.waitFor(chain);
      if (after) {
        chain.state = 'held';
        chain.after = after;
        await this.save(chain);
        const detail = 'waiting for the earlier workflow of this conversation';
        return this.outcome(chain, 0, chain.rule.then[0] as Action, { status: 'queued', detail });
      }
    }
    // Links are read when the chain begins running (after the earlier chains of its conversation), not
    // when its event arrived: the close sees what the assignment's find/create/link remembered.
    if (!chain.linksRead) {
      chain.links = { ...(await readLinks(chain.event, this.now())), ...chain.links };
      chain.linksRead = true;
    }
    const steps = chain.rule.then;
    while (chain.step < steps.length) {
      const index = chain.step;
      const action = steps[index] as Action;
      const scope = await chainScope(chain);
      const failed = action.if?.find((c) => !holds(scope, c));
      if (failed) {
        const why = `skipped: ${describeCondition(failed)} did not hold`;
        if (action.id) chain.results[action.id] = { skipped: true, why };
        chain.step++;
        await this.save(chain);
        await this.outcome(chain, index, action, { status: 'skipped', detail: why });
        continue;
      }
      if (action.kind === 'http') return this.queue(chain, index, action, scope);
      if (action.kind === 'ask-agent') {
        await this.outcome(chain, index, action, { status: 'queued', detail: 'waiting for the agent' });
        return this.park(chain, wrapupAsk(chain, action, scope, this.now()));
      }
      const secrets = await this.deps.secrets();
      const outcome = await this.deps.runInline(action, {
        event: scope,
        rule: chain.rule,
        index,
        journalSeq: chain.journalSeq,
        outbox: this.deps.outbox() as Outbox,
        secretNames: secrets.names,
        managedSecrets: secrets.managed,
      });
      if (action.id) chain.results[action.id] = { ok: outcome.status === 'ok' } satisfies StepResult;
      await rememberStep(chain, action);
      chain.step++;
      await this.save(chain);
      await this.outcome(chain, index, action, outcome);
    }
    await this.finish(chain, 'done');
  }

  private async queue(chain: ChainRecord, index: number, action: HttpStep, scope: BridgeEvent) {
    let step: ReturnType<typeof stepItem>;
    try {
      step = stepItem(chain, index, action, scope, await this.deps.secrets(), this.now());
    } catch (e) {
      await this.outcome(chain, index, action, { status: 'failed', error: (e as Error).message });
      return this.finish(chain, 'failed');
    }
    chain.state = 'waiting';
    chain.waiting = step.item.id;
    await this.save(chain); // before the step is queued: a worker stopped now re-queues the same key
    await this.outcome(chain, index, action, {
      status: 'queued',
      outboxId: step.item.id,
      detail: step.detail,
    });
    await this.deps.outbox().enqueue(step.item);
    void this.deps.outbox().kick();
  }

  private async finish(chain: ChainRecord, state: 'done' | 'failed'): Promise<void> {
    chain.state = state;
    chain.waiting = undefined;
    chain.expiresAt = this.now() + CHAIN_LIMITS.doneTtlMs;
    await this.save(chain);
    await this.release(chain);
    // The close has been delivered: its transcript is no longer needed.
    const key = transcriptKey(chain.event);
    if (state === 'done' && key && chain.event.type === 'conversation.closed') await clearTranscript(key);
  }

  private outcome(chain: ChainRecord, index: number, action: Action, o: Outcome): Promise<void> {
    return journalOutcome(this.deps, chain, index, action, o, this.now());
  }
}
