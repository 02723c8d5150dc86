import type { Journal } from '../../journal/journal';
import type { ActionOutcome } from '../../journal/types';
import { discardItems, resendItem, retryItems } from '../../outbox/manual';
import type { Outbox } from '../../outbox/outbox';
import { deliveryPage } from '../../outbox/page';
import type { OutboxItem } from '../../outbox/types';
import type { PageRequest, PageResponses } from '../../protocol';
import { allSecrets } from '../../secrets/store';
import type { Feed } from '../feed';

/**
 * The Deliveries view's requests (issue 16). Routed from handlers/pages.ts, so only our own extension
 * pages reach them (router.ts: classifySender, then PageRequestSchema validates each request).
 */
export interface DeliveriesDeps {
  outbox: Pick<Outbox, 'all' | 'sending' | 'synced' | 'kick'>;
  journal: Pick<Journal, 'update'>;
  feed: Pick<Feed, 'publish'>;
  now?: () => number;
}

type Type = 'deliveries.list' | 'deliveries.retry' | 'deliveries.discard' | 'deliveries.resend';
type Handler<K extends Type> = (
  req: Extract<PageRequest, { type: K }>,
) => PageResponses[K] | Promise<PageResponses[K]>;

/** Writes `mutate` onto each item's action outcome in the journal and publishes the entries changed. */
async function markOutcomes(
  d: DeliveriesDeps,
  items: readonly OutboxItem[],
  mutate: (a: ActionOutcome) => void,
): Promise<void> {
  for (const item of items) {
    const entry = await d.journal.update(item.journalSeq, (e) => {
      const a = e.kind === 'event' ? e.actions.find((x) => x.outboxId === item.id) : undefined;
      if (a) mutate(a);
    });
    if (entry) d.feed.publish(entry);
  }
}

export function deliveriesHandlers(d: DeliveriesDeps): { [K in Type]: Handler<K> } {
  const now = d.now ?? Date.now;
  return {
    // One page, filtered here: the view polls it every 2 s, so it never carries the whole outbox.
    'deliveries.list': async (req) => {
      const { type: _, ...page } = req;
      const secrets = await allSecrets();
      return { ...deliveryPage(await d.outbox.all(), d.outbox.sending(), secrets, page), now: now() };
    },
    'deliveries.retry': async (req) => {
      if (!req.all && !req.ids) return { ok: false, error: 'Nothing to retry: no delivery was selected.' };
      const moved = await retryItems(d.outbox, req.all ? 'failed' : (req.ids ?? []), now());
      // The popup shows them queued again at once; the drain starts after, so its reports come later.
      await markOutcomes(d, moved, (a) => {
        Object.assign(a, { status: 'queued', error: undefined, nextAttemptAt: undefined, at: now() });
      });
      if (moved.length > 0) void d.outbox.kick();
      return { ok: true, count: moved.length };
    },
    // Recorded as discarded on the journal's action outcome (not "matched" as if nothing had happened).
    'deliveries.discard': async (req) => {
      const dropped = await discardItems(d.outbox, req.ids);
      await markOutcomes(d, dropped, (a) => {
        Object.assign(a, { status: 'discarded', nextAttemptAt: undefined, at: now() });
      });
      return { ok: true, count: dropped.length };
    },
    'deliveries.resend': async (req) => {
      const r = await resendItem(d.outbox, req.id, req.body, now());
      if (!r.ok) return r;
      await markOutcomes(d, [r.item], (a) => {
        Object.assign(a, { status: 'queued', error: undefined, detail: 'edited and resent', at: now() });
      });
      void d.outbox.kick();
      return { ok: true };
    },
  };
}
