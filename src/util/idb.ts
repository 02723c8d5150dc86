// Minimal promise wrapper over IndexedDB in the extension origin (worker and extension pages).
// Content scripts run in the page's origin, so nothing stored here is reachable from them.

export const DB_NAME = 'crm-bridge';
export const DB_VERSION = 4;
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
  /**
   * v4: transcripts, one row per message, keyPath [conversation key, capture time, id], with an
   * `expiresAt` index (v3's `transcripts`, one row per conversation rewritten at each message, is moved
   * here and dropped).
   */
  transcriptLines: 'transcriptLines',
  /** v3: questions parked for the agent (pick a match, wrap-up form), keyed by ask id. */
  asks: 'asks',
} as const;

let dbPromise: Promise<IDBDatabase> | undefined;

/** v3's transcript store: one row per conversation (src/workflows/types.ts before v4). */
const V3_TRANSCRIPTS = 'transcripts';
interface V3Transcript {
  key: string;
  messages: Array<{ at: number; direction: string; author: string; text: string }>;
  expiresAt: number;
}

/**
 * v4: a transcript is one row per message (issue 16: a message is one small put in its event's journal
 * transaction instead of a read and rewrite of its whole conversation). v3's rows are moved over, each
 * message under a negative id in its old order (new lines' ids are journal seqs, from 1), then dropped.
 */
function upgradeTranscripts(db: IDBDatabase, tx: IDBTransaction): void {
  const lines = db.createObjectStore(STORES.transcriptLines, { keyPath: ['key', 'at', 'id'] });
  lines.createIndex('expiresAt', 'expiresAt', { unique: false });
  if (!db.objectStoreNames.contains(V3_TRANSCRIPTS)) return;
  const all = tx.objectStore(V3_TRANSCRIPTS).getAll();
  all.onsuccess = () => {
    for (const row of all.result as V3Transcript[])
      row.messages.forEach((m, i) => {
        const id = i - row.messages.length;
        lines.put({ key: row.key, id, ...m, expiresAt: row.expiresAt });
      });
    db.deleteObjectStore(V3_TRANSCRIPTS);
  };
}

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
        for (const name of [STORES.gate, STORES.links, V3_TRANSCRIPTS]) {
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
      if (event.oldVersion < 4 && tx) upgradeTranscripts(db, tx);
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
