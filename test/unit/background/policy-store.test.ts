// Issue 14 item 4: the last good admin policy (with its secrets) is kept in the extension origin's
// IndexedDB, never in chrome.storage.local, which content scripts can read. A storage.local written
// by the previous version (fixture) is scrubbed on upgrade, and its last good policy still applies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const SECRET = 'MANAGED-KEY-FROM-PREVIOUS-VERSION';
const previous = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/storage/local-previous.json'), 'utf8'),
) as Record<string, unknown>;

let managed: Record<string, unknown> = {};

beforeEach(() => {
  fakeBrowser.reset();
  // A fresh extension database per test (the module keeps one connection: reload it too).
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  managed = {};
  fakeBrowser.storage.managed.get = (async () => managed) as typeof fakeBrowser.storage.managed.get;
});

const load = async () => {
  const { PolicyManager } = await import('../../../src/background/policy');
  const pm = new PolicyManager();
  await pm.load();
  return pm;
};
const localDump = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

describe('last good policy storage', () => {
  it('a valid policy with secrets leaves no secret in storage.local', async () => {
    managed = { secrets: { crm_key: 'NEW-MANAGED-KEY' } };
    const pm = await load();
    expect(pm.policy.secrets).toEqual({ crm_key: 'NEW-MANAGED-KEY' });
    expect(await localDump()).not.toContain('NEW-MANAGED-KEY');
  });

  it('upgrade: the previous version’s storage.local is scrubbed and its last good policy still applies', async () => {
    await fakeBrowser.storage.local.set(previous);
    expect(await localDump()).toContain(SECRET);
    // An invalid policy now: the last good one (from the previous version) must stay in force.
    managed = { rules: [{ id: 'broken' }] };
    const pm = await load();
    expect(await localDump()).not.toContain(SECRET);
    expect(await fakeBrowser.storage.local.get('policyLastGood')).toEqual({});
    // The user's settings next to it are untouched.
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: previous.settings });
    expect(pm.policy.secrets).toEqual({ crm_key: SECRET });
    expect(pm.status.error).toMatch(/last valid policy stays in force/);
  });

  it('the last good policy survives a worker restart without storage.local', async () => {
    managed = { secrets: { crm_key: 'KEPT' } };
    await load();
    vi.resetModules(); // a new worker: module state gone, the extension database stays
    managed = { rules: [{ id: 'broken' }] };
    const pm = await load();
    expect(pm.policy.secrets).toEqual({ crm_key: 'KEPT' });
    expect(await localDump()).not.toContain('KEPT');
  });
});
