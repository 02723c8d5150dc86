// Minimal promise wrapper over IndexedDB in the extension origin (worker and extension pages).
// Content scripts run in the page's origin, so nothing stored here is reachable from them.

export const DB_NAME = 'crm-bridge';
export const DB_VERSION = 3;
export const STORES = {
  journal: 'journal',
  outbox: 'outbox',
  secrets: 'secrets',
  kv: 'kv',
  /** v3: durable `once` / throttle / dedupe marks, keyed by their gate key, with an `expiresAt` index. */
  gate: 'gate',
  /** v3: multi-step workflow chains in flight (keyed by chain id). */
  chains: 'chains',
  /** v3: record links (platform + contact/conversation id → CRM record), with an `expiresAt` index. */
  links: 'links',
  /** v3: per-conversation transcripts (keyed by platform + conversation id), with an `expiresAt` index. */
  transcripts: 'transcripts',
  /** v3: questions parked for the agent (pick a match, wrap-up form), keyed by ask id. */
  asks: 'asks',
} as const;

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
      if (event.oldVersion < 3) {
        // v3: state that must outlive the worker (issue 16: once/throttle; issue 17: workflows).
        // Every row carries `expiresAt` so the stores stay bounded (pruned by index range).
        for (const name of [STORES.gate, STORES.links, STORES.transcripts]) {
          db.createObjectStore(name, { keyPath: 'key' }).createIndex('expiresAt', 'expiresAt', {
            unique: false,
          });
        }
        db.createObjectStore(STORES.chains, { keyPath: 'id' }).createIndex('expiresAt', 'expiresAt', {
          unique: false,
        });
        db.createObjectStore(STORES.asks, { keyPath: 'id' }).createIndex('expiresAt', 'expiresAt', {
          unique: false,
        });
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
