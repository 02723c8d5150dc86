import { reqDone, STORES, withStore } from '../util/idb';

/**
 * Named secrets (CRM API keys, tokens) in the extension origin's IndexedDB: content scripts run in the
 * page's origin and cannot open it (storage.local, by contrast, is readable by content scripts).
 * Values are write-only from the UI's point of view: nothing sends a value back to a page.
 */
export interface SecretRecord {
  name: string;
  value: string;
  updatedAt: number;
}

export const SECRET_NAME = /^[A-Za-z_][\w-]{0,63}$/;

export async function setSecret(name: string, value: string): Promise<void> {
  if (!SECRET_NAME.test(name)) throw new Error(`invalid secret name "${name}": letters, digits, _ and -`);
  await withStore(STORES.secrets, 'readwrite', (s) => reqDone(s.put({ name, value, updatedAt: Date.now() })));
  cache = undefined;
}

export async function deleteSecret(name: string): Promise<void> {
  await withStore(STORES.secrets, 'readwrite', (s) => reqDone(s.delete(name)));
  cache = undefined;
}

let cache: Map<string, string> | undefined;

export async function allSecrets(): Promise<Map<string, string>> {
  if (cache) return cache;
  const rows = (await withStore(STORES.secrets, 'readonly', (s) => reqDone(s.getAll()))) as SecretRecord[];
  cache = new Map(rows.map((r) => [r.name, r.value]));
  return cache;
}

export async function secretNames(): Promise<Array<{ name: string; updatedAt: number }>> {
  const rows = (await withStore(STORES.secrets, 'readonly', (s) => reqDone(s.getAll()))) as SecretRecord[];
  return rows.map(({ name, updatedAt }) => ({ name, updatedAt }));
}
