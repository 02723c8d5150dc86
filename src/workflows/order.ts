import { STORES } from '../util/idb';
import { allRows, getRow } from './store';
import { transcriptKey } from './transcript';
import type { ChainRecord } from './types';

/** States in which a chain still holds its conversation: the next chain of it waits. */
const HOLDING: ReadonlySet<ChainRecord['state']> = new Set(['running', 'waiting', 'held']);

/** One conversation's chains run one after another: `platform|conversationId` (none: no order). */
export const orderKey = (chain: Pick<ChainRecord, 'event'>): string | undefined => transcriptKey(chain.event);

/**
 * Chains of one conversation in order (issue 17, the preset race): a chain that begins while an earlier
 * chain of the same conversation is still running or waiting on the CRM is `held` behind it (`after`)
 * until that one finishes or parks; so the close's chain sees what the assignment's chain remembered.
 * The order is durable: `held`, `after` and `ordered` are on the chain records (store `chains`); this
 * index of them is rebuilt from the store once per worker life, and is only touched from the engine's
 * serial queue.
 */
export class ConversationOrder {
  /** Conversation → the last chain of it that was ordered (began running, or was held). */
  private tails?: Map<string, string>;
  /** Chain id → the chain held behind it. */
  private readonly behind = new Map<string, string>();

  private async load(): Promise<Map<string, string>> {
    if (this.tails) return this.tails;
    const tails = new Map<string, string>();
    const rows = (await allRows<ChainRecord>(STORES.chains))
      .filter((c) => c.ordered && HOLDING.has(c.state))
      .sort((a, b) => a.createdAt - b.createdAt);
    for (const c of rows) {
      const key = orderKey(c);
      if (key) tails.set(key, c.id);
      if (c.state === 'held' && c.after) this.behind.set(c.after, c.id);
    }
    this.tails = tails;
    return tails;
  }

  /**
   * Called once per chain, when it would begin running: the id of the earlier chain of its
   * conversation it must wait for (the caller then saves it as `held` behind it), or undefined.
   */
  async waitFor(chain: ChainRecord): Promise<string | undefined> {
    const key = orderKey(chain);
    if (!key) return undefined;
    const tails = await this.load();
    const prev = tails.get(key);
    tails.set(key, chain.id);
    if (!prev || prev === chain.id) return undefined;
    const before = await getRow<ChainRecord>(STORES.chains, prev);
    if (!before || !HOLDING.has(before.state)) return undefined;
    this.behind.set(prev, chain.id);
    return prev;
  }

  /** A chain finished or parked: the id of the chain held behind it, if any (to run now). */
  async release(chain: ChainRecord): Promise<string | undefined> {
    const tails = await this.load();
    const key = orderKey(chain);
    if (key && tails.get(key) === chain.id) tails.delete(key);
    const next = this.behind.get(chain.id);
    this.behind.delete(chain.id);
    return next;
  }

  /** After a restart: a held chain whose earlier chain no longer holds the conversation may run. */
  async free(held: ChainRecord): Promise<boolean> {
    if (!held.after) return true;
    const before = await getRow<ChainRecord>(STORES.chains, held.after);
    return !before || !HOLDING.has(before.state);
  }
}
