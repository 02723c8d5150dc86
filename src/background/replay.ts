import { dryRun } from '../actions/dry-run';
import { renderHttp } from '../actions/http';
import type { ActionOf } from '../actions/render';
import { renderedOf } from '../actions/rendered';
import type { BridgeEvent } from '../events/model';
import type { Journal } from '../journal/journal';
import type { ActionOutcome, EventEntry } from '../journal/types';
import { retryItems } from '../outbox/manual';
import type { Outbox } from '../outbox/outbox';
import type { OutboxItem } from '../outbox/types';
import { sourceOf } from '../platforms/kit';
import { diffEntry, type EventDiff, type ReplayTotals, totalsOf } from '../replay/diff';
import { REPLAY_MAX, type ReplayScope, selectEntries } from '../replay/select';
import type { Rule } from '../rules/schema';
import { allSecrets, isManagedSecret } from '../secrets/store';
import { isChain } from '../workflows/engine';
import { withTranscript } from '../workflows/scope';
import type { Feed } from './feed';

export interface ReplayDeps {
  journal: Pick<Journal, 'recent' | 'get' | 'update'>;
  outbox: Pick<Outbox, 'enqueue' | 'kick' | 'sending' | 'synced'>;
  feed: Pick<Feed, 'publish'>;
  rules: () => readonly Rule[];
  now?: () => number;
}

/** How far back the time-range, last-n and failed selections look in the journal. */
const LOOK_BACK = 5000;

/**
 * Replay (issue 20): journaled events run through the current rules in the worker, dry (nothing is sent),
 * diffed against what ran (src/replay/diff.ts); `send` delivers only what the diff says is new, changed
 * or an identical request that failed, through the outbox. Workflow rules (chains) are not replayed:
 * their steps depend on answers from the CRM at the time.
 */
export class Replay {
  constructor(private readonly deps: ReplayDeps) {}

  private async entries(scope: ReplayScope): Promise<EventEntry[]> {
    if (scope.kind !== 'seqs') return selectEntries(await this.deps.journal.recent(LOOK_BACK), scope);
    const got = await Promise.all(scope.seqs.slice(0, REPLAY_MAX).map((s) => this.deps.journal.get(s)));
    const found = got.filter((e) => e !== undefined).sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
    return selectEntries(found, scope);
  }

  private async diffs(scope: ReplayScope) {
    const names = [...(await allSecrets()).keys()];
    const managed = names.filter(isManagedSecret);
    const rules = this.deps.rules().filter((r) => !isChain(r));
    const out: Array<{ entry: EventEntry; event: BridgeEvent; diff: EventDiff }> = [];
    for (const entry of await this.entries(scope)) {
      // As the action stage does: a closed conversation's event carries its transcript.
      const event = entry.type === 'conversation.closed' ? await withTranscript(entry.event) : entry.event;
      out.push({ entry, event, diff: diffEntry(entry, event, dryRun(rules, event, names, managed)) });
    }
    return { out, rules, names, managed };
  }

  async run(scope: ReplayScope): Promise<{ diffs: EventDiff[]; totals: ReplayTotals }> {
    const diffs = (await this.diffs(scope)).out.map((d) => d.diff);
    return { diffs, totals: totalsOf(diffs) };
  }

  /**
   * "Send the changes" for these events: the diff is computed again here (the page's copy is not
   * trusted), and each action it marks to send is journaled as queued, then put in the outbox.
   */
  async send(seqs: number[]): Promise<{ count: number }> {
    const now = (this.deps.now ?? Date.now)();
    const { out, rules, names, managed } = await this.diffs({ kind: 'seqs', seqs });
    const items: OutboxItem[] = [];
    const retry = new Map<string, OutboxItem>();
    for (const { entry, event, diff } of out) {
      const seq = entry.seq as number;
      const fresh: ActionOutcome[] = [];
      const again = new Set<string>();
      for (const a of diff.actions) {
        const rule = rules.find((r) => r.id === a.ruleId);
        const action = rule?.then[a.index];
        if (!a.sendKey || !rule || action?.kind !== 'http') continue;
        const access = { names, managed, ruleManaged: rule.managed };
        const { request } = renderHttp(action as ActionOf<'http'>, event, access);
        const item: OutboxItem = {
          id: a.sendKey,
          journalSeq: seq,
          ruleId: rule.id,
          ruleName: rule.name,
          actionIndex: a.index,
          eventId: event.id,
          orderKey: `${rule.id}|${sourceOf(event)}|${event.conversation?.id ?? event.id}`,
          createdAt: now,
          attempts: 0,
          nextAttemptAt: now,
          ruleManaged: rule.managed,
          status: 'pending',
          request,
        };
        if (entry.actions.some((o) => o.outboxId === a.sendKey)) {
          again.add(a.sendKey);
          retry.set(a.sendKey, item);
          continue;
        }
        items.push(item);
        fresh.push({
          ruleId: rule.id,
          ruleName: rule.name,
          index: a.index,
          kind: 'http',
          status: 'queued',
          outboxId: a.sendKey,
          detail: `${request.method} ${request.url}`,
          rendered: renderedOf(a.after),
          replay: true,
          at: now,
        });
      }
      if (fresh.length === 0 && again.size === 0) continue;
      // Journaled before the outbox has them: a report always finds its outcome.
      const updated = await this.deps.journal.update(seq, (e) => {
        if (e.kind !== 'event') return;
        for (const o of e.actions)
          if (o.outboxId && again.has(o.outboxId))
            Object.assign(o, { status: 'queued', error: undefined, at: now });
        e.actions.push(...fresh);
      });
      if (updated) this.deps.feed.publish(updated);
    }
    // An identical request that failed goes again under its own key: back to the queue if still there,
    // queued anew otherwise.
    const moved = new Set((await retryItems(this.deps.outbox, [...retry.keys()], now)).map((i) => i.id));
    let count = moved.size;
    for (const [id, item] of retry) if (!moved.has(id)) items.push(item);
    for (const item of items) if (await this.deps.outbox.enqueue(item)) count++;
    if (count > 0) void this.deps.outbox.kick();
    return { count };
  }
}
