// What the agent does to the outbox by hand (Deliveries view, issue 16): retry, discard, edit and
// resend. Each change is one IndexedDB transaction over the items, then mirrored into the Outbox; an
// item whose request is on the wire is left alone (its attempt is about to write it).
import type { Segment } from '../templates/segments';
import { reqDone, STORES, withStore } from '../util/idb';
import { checkEditedBody, toPending, upgradedBody, withEditedBody } from './manage';
import type { Outbox } from './outbox';
import type { OutboxItem } from './types';

export type ManagedOutbox = Pick<Outbox, 'sending' | 'synced'>;

/**
 * Applies `change` to the listed items (or every failed one): the new item, 'delete', or undefined to
 * leave it. Resolves with the items changed, as they were before.
 */
export async function modifyItems(
  outbox: ManagedOutbox,
  which: readonly string[] | 'failed',
  change: (item: OutboxItem) => OutboxItem | 'delete' | undefined,
): Promise<Array<{ id: string; before: OutboxItem; after?: OutboxItem }>> {
  const onWire = outbox.sending();
  const done = await withStore(STORES.outbox, 'readwrite', async (s) => {
    const items =
      which === 'failed'
        ? ((await reqDone(s.getAll())) as OutboxItem[]).filter((i) => i.status === 'dead')
        : ((await Promise.all([...new Set(which)].map((id) => reqDone(s.get(id))))) as Array<
            OutboxItem | undefined
          >);
    const out: Array<{ id: string; before: OutboxItem; after?: OutboxItem }> = [];
    for (const before of items) {
      if (!before || onWire.has(before.id)) continue;
      const after = change(before);
      if (after === undefined) continue;
      if (after === 'delete') await reqDone(s.delete(before.id));
      else await reqDone(s.put(after));
      out.push({ id: before.id, before, after: after === 'delete' ? undefined : after });
    }
    return out;
  });
  outbox.synced(done);
  return done;
}

/**
 * Retry by hand: back to pending, due now, with a fresh budget; the key and the attempt history kept.
 * The caller kicks the drain once it has recorded the change (so no attempt report lands before it).
 */
export async function retryItems(
  outbox: ManagedOutbox,
  which: readonly string[] | 'failed',
  now: number,
): Promise<OutboxItem[]> {
  return (await modifyItems(outbox, which, (i) => toPending(i, now, 'retry'))).map((d) => d.before);
}

/** Drops the listed items; resolves with those dropped. */
export async function discardItems(outbox: ManagedOutbox, ids: readonly string[]): Promise<OutboxItem[]> {
  return (await modifyItems(outbox, ids, () => 'delete')).map((d) => d.before);
}

/**
 * Replaces a failed item's body with an edited one (manage.ts checkEditedBody: it may not refer to a
 * secret the original body did not), to be sent with the same Idempotency-Key when the caller kicks.
 */
export async function resendItem(
  outbox: ManagedOutbox,
  id: string,
  edited: readonly Segment[],
  now: number,
): Promise<{ ok: true; item: OutboxItem } | { ok: false; error: string }> {
  let error = 'This delivery is no longer failed (it was delivered, discarded or retried meanwhile).';
  const done = await modifyItems(outbox, [id], (item) => {
    if (item.status !== 'dead') return undefined;
    const checked = checkEditedBody(upgradedBody(item), edited);
    if ('error' in checked) {
      error = checked.error;
      return undefined;
    }
    return withEditedBody(item, checked.body, now);
  });
  const after = done[0]?.after;
  return after ? { ok: true, item: after } : { ok: false, error };
}
