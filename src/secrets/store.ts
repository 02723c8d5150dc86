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
  if (managed.has(name)) throw new Error(`secret "${name}" is set by your organisation`);
  await withStore(STORES.secrets, 'readwrite', (s) => reqDone(s.put({ name, value, updatedAt: Date.now() })));
  cache = undefined;
}

export async function deleteSecret(name: string): Promise<void> {
  if (managed.has(name)) throw new Error(`secret "${name}" is set by your organisation`);
  await withStore(STORES.secrets, 'readwrite', (s) => reqDone(s.delete(name)));
  cache = undefined;
}

let cache: Map<string, string> | undefined;
/** Secrets pushed by admin policy: in memory only (the policy is their store), and they win. */
let managed = new Map<string, string>();

export function setManagedSecrets(values: Record<string, string>): void {
  managed = new Map(Object.entries(values));
  cache = undefined;
}

export async function allSecrets(): Promise<Map<string, string>> {
  if (cache) return cache;
  const rows = (await withStore(STORES.secrets, 'readonly', (s) => reqDone(s.getAll()))) as SecretRecord[];
  cache = new Map([...rows.map((r) => [r.name, r.value] as [string, string]), ...managed]);
  return cache;
}

/** Names only (values are write-only); managed ones are flagged and cannot be changed. */
export async function secretNames(): Promise<Array<{ name: string; updatedAt?: number; managed: boolean }>> {
  const rows = (await withStore(STORES.secrets, 'readonly', (s) => reqDone(s.getAll()))) as SecretRecord[];
  const user = rows
    .filter((r) => !managed.has(r.name))
    .map(({ name, updatedAt }) => ({ name, updatedAt, managed: false }));
  return [...[...managed.keys()].map((name) => ({ name, managed: true })), ...user];
}

export function isManagedSecret(name: string): boolean {
  return managed.has(name);
}
