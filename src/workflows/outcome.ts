import type { runAction } from '../actions/run';
import type { Journal } from '../journal/journal';
import type { ActionOutcome, JournalEntry } from '../journal/types';
import type { Action } from '../rules/schema';
import type { ChainRecord } from './types';

export type Outcome = Awaited<ReturnType<typeof runAction>>;

/** One journal outcome per step (once: a resumed step replaces its outcome instead of adding one). */
export async function journalOutcome(
  deps: { journal: Pick<Journal, 'update'>; publish: (e: JournalEntry) => void },
  chain: ChainRecord,
  index: number,
  action: Action,
  o: Outcome,
  at: number,
): Promise<void> {
  const entry = await deps.journal.update(chain.journalSeq, (e) => {
    if (e.kind !== 'event') return;
    const mine = (a: ActionOutcome) => a.ruleId === chain.rule.id && a.index === index;
    const existing = e.actions.find(mine);
    const next: ActionOutcome = {
      ruleId: chain.rule.id,
      ruleName: chain.rule.name,
      index,
      kind: action.id ? `${action.kind} (${action.id})` : action.kind,
      at,
      ...o,
    };
    if (existing) Object.assign(existing, next);
    else e.actions.push(next);
  });
  if (entry) deps.publish(entry);
}
