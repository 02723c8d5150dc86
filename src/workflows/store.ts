import { reqDone, withStore } from '../util/idb';

/** Rows of the workflow stores all carry `expiresAt` (indexed), so every store stays bounded. */
export interface Expiring {
  expiresAt: number;
}

export const getRow = <T>(store: string, key: string): Promise<T | undefined> =>
  withStore(store, 'readonly', (s) => reqDone(s.get(key)) as Promise<T | undefined>);

export const putRow = <T extends Expiring>(store: string, row: T): Promise<void> =>
  withStore(store, 'readwrite', async (s) => {
    await reqDone(s.put(row));
  });

export const deleteRow = (store: string, key: string): Promise<void> =>
  withStore(store, 'readwrite', async (s) => {
    await reqDone(s.delete(key));
  });

export const allRows = <T>(store: string): Promise<T[]> =>
  withStore(store, 'readonly', (s) => reqDone(s.getAll()) as Promise<T[]>);

/**
 * Deletes expired rows, then the oldest-expiring beyond `max` (the store's bound). Runs in one
 * transaction over the `expiresAt` index.
 */
export const prune = (store: string, now: number, max: number): Promise<number> =>
  withStore(store, 'readwrite', async (s) => {
    const index = s.index('expiresAt');
    let removed = 0;
    const expired = (await reqDone(index.getAllKeys(IDBKeyRange.upperBound(now)))) as IDBValidKey[];
    for (const k of expired) {
      s.delete(k);
      removed++;
    }
    const count = (await reqDone(s.count())) as number;
    if (count > max) {
      const oldest = (await reqDone(index.getAllKeys(undefined, count - max))) as IDBValidKey[];
      for (const k of oldest) {
        s.delete(k);
        removed++;
      }
    }
    return removed;
  });
