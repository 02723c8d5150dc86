// One IndexedDB migration per version step: a database created by the v1 layout is upgraded in place,
// keeping its data, and gains what v2 adds (the journal's `cid` index).
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';

async function openV1(factory: IDBFactory): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = factory.open('crm-bridge', 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      const journal = db.createObjectStore('journal', { keyPath: 'seq', autoIncrement: true });
      journal.createIndex('eventId', 'eventId');
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('status', 'status');
      db.createObjectStore('secrets', { keyPath: 'name' });
      db.createObjectStore('kv');
      journal.add({ kind: 'event', eventId: 'e1', at: 1 });
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
}

describe('IndexedDB migrations', () => {
  it('v1 → v2 adds the journal cid index and keeps existing entries', async () => {
    const factory = new IDBFactory();
    await openV1(factory);
    globalThis.indexedDB = factory;
    const { openDb, DB_VERSION } = await import('../../../src/util/idb');
    const db = await openDb();
    expect(db.version).toBe(DB_VERSION);
    const tx = db.transaction('journal', 'readonly');
    const store = tx.objectStore('journal');
    expect([...store.indexNames]).toEqual(['cid', 'eventId']);
    const all = await new Promise<unknown[]>((r) => {
      const req = store.getAll();
      req.onsuccess = () => r(req.result);
    });
    expect(all).toEqual([{ kind: 'event', eventId: 'e1', at: 1, seq: 1 }]);
  });

  it('v2 → v3 adds the gate, chains, links, transcripts and asks stores, each with an expiresAt index', async () => {
    const db = await (await import('../../../src/util/idb')).openDb();
    expect(db.version).toBe(3);
    for (const name of ['gate', 'chains', 'links', 'transcripts', 'asks']) {
      const store = db.transaction(name, 'readonly').objectStore(name);
      expect([...store.indexNames], name).toEqual(['expiresAt']);
    }
    expect([...db.objectStoreNames].sort()).toEqual(
      ['asks', 'chains', 'gate', 'journal', 'kv', 'links', 'outbox', 'secrets', 'transcripts'].sort(),
    );
  });
});
