// Minimal promise wrapper over IndexedDB in the extension origin (worker and extension pages).
// Content scripts run in the page's origin, so nothing stored here is reachable from them.

export const DB_NAME = 'crm-bridge';
export const DB_VERSION = 2;
export const STORES = { journal: 'journal', outbox: 'outbox', secrets: 'secrets', kv: 'kv' } as const;

let dbPromise: Promise<IDBDatabase> | undefined;

export function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = (event) => {
      const db = req.result;
      const tx = req.transaction;
      // One step per version, so any older database is brought up step by step
      // (test/unit/journal/idb-migrations.test.ts opens a v1 database and upgrades it).
      if (event.oldVersion < 1) {
        const journal = db.createObjectStore(STORES.journal, { keyPath: 'seq', autoIncrement: true });
        journal.createIndex('eventId', 'eventId', { unique: false });
        const outbox = db.createObjectStore(STORES.outbox, { keyPath: 'id' });
        outbox.createIndex('status', 'status', { unique: false });
        db.createObjectStore(STORES.secrets, { keyPath: 'name' });
        db.createObjectStore(STORES.kv);
      }
      if (event.oldVersion < 2 && tx) {
        // v2: captures carry the bridge's capture id, so a capture re-sent after the worker died is
        // recognised instead of journaled twice.
        tx.objectStore(STORES.journal).createIndex('cid', 'cid', { unique: false });
      }
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => {
        db.close();
        dbPromise = undefined;
      };
      resolve(db);
    };
    req.onerror = () => {
      dbPromise = undefined;
      reject(req.error);
    };
  });
  return dbPromise;
}

export function reqDone<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function txDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

export async function withStore<T>(
  name: string,
  mode: IDBTransactionMode,
  fn: (store: IDBObjectStore) => Promise<T> | T,
): Promise<T> {
  const db = await openDb();
  const tx = db.transaction(name, mode);
  const result = await fn(tx.objectStore(name));
  await txDone(tx);
  return result;
}
