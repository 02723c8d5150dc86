// What the latency benchmark measures inside the extension's service worker: IndexedDB and permission
// round trips (workerProbe), calls per event (countWorkerCalls), and when fetch() is called (recordFetches).
import type { Launched } from '../../test/harness/browser';
import { round, sleep } from './stats';

/**
 * Counts, in the worker, the IndexedDB transactions (by store and mode), fetch() calls and
 * permissions.contains calls made while `run` delivers `events` events, by wrapping those functions on
 * the worker's global for that phase only (after the measurement). Per event.
 */
export async function countWorkerCalls(
  browser: Launched,
  run: () => Promise<unknown>,
  events: number,
): Promise<Record<string, number>> {
  const w = await browser.worker();
  await w.evaluate(`(() => {
    const c = (globalThis.__crmbCount = {});
    const bump = (k) => { c[k] = (c[k] || 0) + 1; };
    const tx = IDBDatabase.prototype.transaction;
    const f = globalThis.fetch;
    const pc = chrome.permissions.contains;
    globalThis.__crmbRestore = () => {
      IDBDatabase.prototype.transaction = tx;
      globalThis.fetch = f;
      chrome.permissions.contains = pc;
    };
    IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
      bump('idb ' + [].concat(names).join('+') + ' ' + (mode || 'readonly'));
      return tx.call(this, names, mode, ...rest);
    };
    globalThis.fetch = function (...a) { bump('fetch'); return f.apply(this, a); };
    chrome.permissions.contains = function (...a) { bump('permissions.contains'); return pc.apply(this, a); };
  })()`);
  await run();
  await sleep(500);
  const counts = (await w.evaluate(
    '(() => { globalThis.__crmbRestore(); return globalThis.__crmbCount; })()',
  )) as Record<string, number>;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, round(v / events, 2)]));
}

/**
 * Records, in the extension's worker, when fetch() is called for each request (epoch ms, the worker's
 * high-resolution clock), keyed by the request's `m` query parameter; `collect` reads them and restores.
 */
export async function recordFetches(browser: Launched): Promise<() => Promise<Map<string, number>>> {
  const w = await browser.worker();
  await w.evaluate(`(() => {
    const f = globalThis.fetch;
    const at = (globalThis.__crmbFetchAt = []);
    globalThis.__crmbFetchRestore = () => { globalThis.fetch = f; };
    globalThis.fetch = function (input, ...rest) {
      const t = performance.timeOrigin + performance.now();
      try { at.push([new URL(String(input instanceof Request ? input.url : input)).searchParams.get('m'), t]); } catch {}
      return f.call(this, input, ...rest);
    };
  })()`);
  return async () => {
    const rows = (await w.evaluate(
      '(() => { globalThis.__crmbFetchRestore(); return globalThis.__crmbFetchAt; })()',
    )) as Array<[string | null, number]>;
    const out = new Map<string, number>();
    for (const [m, t] of rows) if (m && !out.has(m)) out.set(m, t);
    return out;
  };
}

export interface Probe {
  idbReadwrite: number;
  idbReadonly: number;
  permissionsContains: number;
}

/**
 * In the extension's worker: median duration of sequential IndexedDB transactions (one put; one get) on
 * a scratch database, and of chrome.permissions.contains — the round trips the pipeline makes before
 * its fetch.
 */
export async function workerProbe(browser: Launched): Promise<Probe> {
  const w = await browser.worker();
  return (await w.evaluate(`(async () => {
    const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('crmb-bench-probe', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('s', { keyPath: 'k' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = (mode, fn) => new Promise((resolve, reject) => {
      const t = db.transaction('s', mode);
      const r = fn(t.objectStore('s'));
      t.oncomplete = () => resolve(r.result);
      t.onerror = () => reject(t.error);
    });
    const rw = [], ro = [], perm = [];
    for (let i = 0; i < 60; i++) {
      let t = performance.now();
      await tx('readwrite', (s) => s.put({ k: i % 5, text: 'x'.repeat(500), i }));
      rw.push(performance.now() - t);
      t = performance.now();
      await tx('readonly', (s) => s.get(i % 5));
      ro.push(performance.now() - t);
      t = performance.now();
      await chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] });
      perm.push(performance.now() - t);
    }
    db.close();
    await new Promise((r) => { const d = indexedDB.deleteDatabase('crmb-bench-probe'); d.onsuccess = d.onerror = d.onblocked = r; });
    return { idbReadwrite: med(rw), idbReadonly: med(ro), permissionsContains: med(perm) };
  })()`)) as Probe;
}
