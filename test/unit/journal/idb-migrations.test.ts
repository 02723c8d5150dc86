// One IndexedDB migration per version step: a database created by the v1 layout is upgraded in place,
// keeping its data, and gains what each step adds: v2 the journal's `cid` index, v3 the workflow stores,
// v4 one transcript row per message (v3's per-conversation rows moved over, in order, then dropped).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';

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

/** A v3 database (the layout at DB_VERSION 3) holding one conversation's transcript row. */
async function openV3WithTranscript(factory: IDBFactory): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = factory.open('crm-bridge', 3);
    req.onupgradeneeded = () => {
      const db = req.result;
      const journal = db.createObjectStore('journal', { keyPath: 'seq', autoIncrement: true });
      journal.createIndex('eventId', 'eventId');
      journal.createIndex('cid', 'cid');
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('status', 'status');
      db.createObjectStore('secrets', { keyPath: 'name' });
      db.createObjectStore('kv');
      for (const name of ['gate', 'links', 'transcripts'])
        db.createObjectStore(name, { keyPath: 'key' }).createIndex('expiresAt', 'expiresAt');
      for (const name of ['chains', 'asks'])
        db.createObjectStore(name, { keyPath: 'id' }).createIndex('expiresAt', 'expiresAt');
      req.transaction?.objectStore('transcripts').put({
        key: 'roxchat|c1',
        platform: 'roxchat',
        conversationId: 'c1',
        messages: [
          { at: 10, direction: 'inbound', author: 'Ann', text: 'first' },
          { at: 10, direction: 'outbound', author: 'Bo', text: 'second, same time' },
          { at: 20, direction: 'inbound', author: 'Ann', text: 'third' },
        ],
        seen: ['a', 'b', 'c'],
        updatedAt: 20,
        expiresAt: 99,
      });
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

  it('v2 → v3 adds the gate, chains, links and asks stores, each with an expiresAt index', async () => {
    const db = await (await import('../../../src/util/idb')).openDb();
    expect(db.version).toBe(4);
    for (const name of ['gate', 'chains', 'links', 'transcriptLines', 'asks']) {
      const store = db.transaction(name, 'readonly').objectStore(name);
      expect([...store.indexNames], name).toEqual(['expiresAt']);
    }
    expect([...db.objectStoreNames].sort()).toEqual(
      ['asks', 'chains', 'gate', 'journal', 'kv', 'links', 'outbox', 'secrets', 'transcriptLines'].sort(),
    );
  });

  it('v3 → v4 moves each conversation’s messages to one row each, in order, and drops the v3 store', async () => {
    const factory = new IDBFactory();
    await openV3WithTranscript(factory);
    const before = globalThis.indexedDB;
    globalThis.indexedDB = factory;
    globalThis.IDBKeyRange ??= IDBKeyRange;
    vi.resetModules();
    try {
      const { openDb } = await import('../../../src/util/idb');
      const { readTranscript } = await import('../../../src/workflows/transcript');
      const db = await openDb();
      expect(db.version).toBe(4);
      expect([...db.objectStoreNames]).not.toContain('transcripts');
      expect(await readTranscript('roxchat|c1')).toEqual({
        messages: [
          { at: 10, direction: 'inbound', author: 'Ann', text: 'first' },
          { at: 10, direction: 'outbound', author: 'Bo', text: 'second, same time' },
          { at: 20, direction: 'inbound', author: 'Ann', text: 'third' },
        ],
      });
      const lines = await new Promise<Array<{ id: number; expiresAt: number }>>((r) => {
        const req = db.transaction('transcriptLines').objectStore('transcriptLines').getAll();
        req.onsuccess = () => r(req.result);
      });
      expect(lines.map((l) => [l.id, l.expiresAt])).toEqual([
        [-3, 99],
        [-2, 99],
        [-1, 99],
      ]);
      db.close();
    } finally {
      globalThis.indexedDB = before;
    }
  });
});
