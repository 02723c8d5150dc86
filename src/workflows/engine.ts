import { idempotencyKey, renderHttp } from '../actions/http';
import type { RunContext, runAction } from '../actions/run';
import type { BridgeEvent } from '../events/model';
import type { Journal } from '../journal/journal';
import type { ActionOutcome, JournalEntry } from '../journal/types';
import type { Outbox } from '../outbox/outbox';
import type { AttemptReport } from '../outbox/types';
import { sourceOf } from '../platforms/kit';
import { describeCondition, testCondition } from '../rules/conditions';
import type { Action, Rule } from '../rules/schema';
import { renderTemplate } from '../templates/engine';
import { STORES } from '../util/idb';
import { rememberLink } from './links';
import { stepResult } from './result';
import { chainScope } from './scope';
import { allRows, getRow, prune, putRow } from './store';
import { clearTranscript, transcriptKey } from './transcript';
import type { ChainRecord, StepResult } from './types';

export const CHAIN_LIMITS = { max: 5000, ttlMs: 7 * 86_400_000, doneTtlMs: 86_400_000 };

/** A rule whose actions carry step ids runs as a chain (issue 17). */
export const isChain = (rule: Rule): boolean => rule.then.some((a) => a.id !== undefined);

/** One chain per rule and event occurrence (the same key space as the steps' Idempotency-Keys). */
export const chainId = (rule: Rule, event: BridgeEvent): string =>
  `chain-${idempotencyKey(rule.id, event, -1)}`;

type Outcome = Awaited<ReturnType<typeof runAction>>;

export interface EngineDeps {
  outbox: () => Pick<Outbox, 'enqueue' | 'kick' | 'get'>;
  journal: Pick<Journal, 'update'>;
  publish: (e: JournalEntry) => void;
  secrets: () => Promise<{ names: string[]; managed: string[] }>;
  /** Runs a non-http step inline (src/actions/run.ts runAction). */
  runInline: (action: Action, ctx: RunContext) => Promise<Outcome>;
  /** Steps the engine cannot run itself (ask-agent, a find step with several matches): see asks.ts. */
  park?: (chain: ChainRecord, action: Action) => Promise<boolean>;
  now?: () => number;
}

/**
 * The workflow engine: runs a chain's steps in order. Each http step goes through the durable outbox
 * with its own Idempotency-Key; the chain record (store `chains`) is written before each step is queued,
 * so a worker stopped anywhere resumes at the step it had reached. Other steps run inline.
 */
export class WorkflowEngine {
  private tail: Promise<unknown> = Promise.resolve();

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
    for (const c of await allRows<ChainRecord>(STORES.chains)) {
      if (c.state !== 'running' && c.state !== 'waiting') continue;
      void this.serial(async () => {
        const chain = await getRow<ChainRecord>(STORES.chains, c.id);
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
      if (action && (await this.deps.park?.(chain, action))) return;
      if (action) await this.remember(chain, action);
      chain.step++;
      await this.advance(chain.id, chain);
    });
  }

  /** Continues a chain the agent has answered (asks.ts): `result` for the parked step, then on. */
  resumeParked(id: string, apply: (chain: ChainRecord) => void): Promise<void> {
    return this.serial(async () => {
      const chain = await getRow<ChainRecord>(STORES.chains, id);
      if (chain?.state !== 'parked') return;
      apply(chain);
      chain.state = 'running';
      const action = chain.rule.then[chain.step];
      if (action) await this.remember(chain, action);
      chain.step++;
      await this.advance(chain.id, chain);
    });
  }

  private save(chain: ChainRecord): Promise<void> {
    chain.updatedAt = this.now();
    return putRow(STORES.chains, chain);
  }

  /** Runs steps from `chain.step` until one waits on the outbox, parks, or the chain ends. */
  private async advance(id: string, loaded?: ChainRecord): Promise<void> {
    const chain = loaded ?? (await getRow<ChainRecord>(STORES.chains, id));
    if (chain?.state !== 'running') return;
    const steps = chain.rule.then;
    while (chain.step < steps.length) {
      const index = chain.step;
      const action = steps[index] as Action;
      const scope = await chainScope(chain);
      const failed = action.if?.find((c) => !safeTest(scope, c));
      if (failed) {
        const why = `skipped: ${describeCondition(failed)} did not hold`;
        if (action.id) chain.results[action.id] = { skipped: true, why };
        chain.step++;
        await this.save(chain);
        await this.outcome(chain, index, action, { status: 'skipped', detail: why });
        continue;
      }
      if (action.kind === 'http') return this.queue(chain, index, action, scope);
      if ((action.kind as string) === 'ask-agent') {
        chain.state = 'parked';
        await this.save(chain);
        if (await this.deps.park?.(chain, action)) return;
        chain.state = 'running';
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
      await this.remember(chain, action);
      chain.step++;
      await this.save(chain);
      await this.outcome(chain, index, action, outcome);
    }
    await this.finish(chain, 'done');
  }

  private async queue(
    chain: ChainRecord,
    index: number,
    action: Extract<Action, { kind: 'http' }>,
    scope: BridgeEvent,
  ) {
    const secrets = await this.deps.secrets();
    const { rule, event } = chain;
    let rendered: ReturnType<typeof renderHttp>;
    try {
      rendered = renderHttp(action, scope, {
        names: secrets.names,
        managed: secrets.managed,
        ruleManaged: rule.managed,
      });
    } catch (e) {
      await this.outcome(chain, index, action, { status: 'failed', error: (e as Error).message });
      return this.finish(chain, 'failed');
    }
    const id = idempotencyKey(rule.id, event, index);
    chain.state = 'waiting';
    chain.waiting = id;
    await this.save(chain); // before the step is queued: a worker stopped now re-queues the same key
    const missing = rendered.missing.length ? ` (empty: ${[...new Set(rendered.missing)].join(', ')})` : '';
    const detail = `${rendered.request.method} ${rendered.request.url}${missing}`;
    await this.outcome(chain, index, action, { status: 'queued', outboxId: id, detail });
    const now = this.now();
    await this.deps.outbox().enqueue({
      id,
      journalSeq: chain.journalSeq,
      ruleId: rule.id,
      ruleName: rule.name,
      actionIndex: index,
      eventId: event.id,
      orderKey: `${rule.id}|${sourceOf(event)}|${event.conversation?.id ?? event.id}|${chain.id}`,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      ruleManaged: rule.managed,
      status: 'pending',
      request: rendered.request,
      chain: { id: chain.id, step: index },
    });
    void this.deps.outbox().kick();
  }

  /** A step's `remember`: its templates over the chain context become this event's record links. */
  private async remember(chain: ChainRecord, action: Action): Promise<void> {
    if (!action.remember) return;
    const scope = await chainScope(chain);
    for (const kind of ['contact', 'conversation'] as const) {
      const tpl = action.remember[kind];
      if (!tpl) continue;
      const value = safeRender(tpl, scope);
      if (value && (await rememberLink(chain.event, kind, value, chain.rule.id))) chain.links[kind] = value;
    }
  }

  private async finish(chain: ChainRecord, state: 'done' | 'failed'): Promise<void> {
    chain.state = state;
    chain.waiting = undefined;
    chain.expiresAt = this.now() + CHAIN_LIMITS.doneTtlMs;
    await this.save(chain);
    // The close has been delivered: its transcript is no longer needed.
    const key = transcriptKey(chain.event);
    if (state === 'done' && key && chain.event.type === 'conversation.closed') await clearTranscript(key);
  }

  /** One journal outcome per step (once: a resumed step does not add a second). */
  private async outcome(chain: ChainRecord, index: number, action: Action, o: Outcome): Promise<void> {
    const entry = await this.deps.journal.update(chain.journalSeq, (e) => {
      if (e.kind !== 'event') return;
      const mine = (a: ActionOutcome) => a.ruleId === chain.rule.id && a.index === index;
      const existing = e.actions.find(mine);
      const next: ActionOutcome = {
        ruleId: chain.rule.id,
        ruleName: chain.rule.name,
        index,
        kind: action.id ? `${action.kind} (${action.id})` : action.kind,
        at: this.now(),
        ...o,
      };
      if (existing) Object.assign(existing, next);
      else e.actions.push(next);
    });
    if (entry) this.deps.publish(entry);
  }
}

function safeTest(scope: object, c: Parameters<typeof testCondition>[1]): boolean {
  try {
    return testCondition(scope, c);
  } catch {
    return false;
  }
}

function safeRender(tpl: string, scope: object): string {
  try {
    return renderTemplate(tpl, scope as Record<string, unknown>, 'text').value.trim();
  } catch {
    return '';
  }
}
