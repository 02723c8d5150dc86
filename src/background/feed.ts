import type { JournalEntry } from '../journal/types';

/** Who listens to the worker's live changes (the badge, the inspector ports). */
export interface FeedListener {
  entry?(entry: JournalEntry): void;
  tab?(tabId: number): void;
}

/**
 * The worker's change feed: the pipeline publishes journal entries and tab changes, subscribers react.
 * Nothing published here points back at its producer (no back-reference to the composition root).
 */
export class Feed {
  private readonly listeners: FeedListener[] = [];
  subscribe(listener: FeedListener): void {
    this.listeners.push(listener);
  }
  publish(entry: JournalEntry): void {
    for (const l of this.listeners) l.entry?.(entry);
  }
  publishTab(tabId: number): void {
    for (const l of this.listeners) l.tab?.(tabId);
  }
}
