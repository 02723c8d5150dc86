import { reqDone, STORES, withStore } from '../util/idb';
import type { OAuthState } from './oauth-types';

/**
 * Named secrets (CRM API keys, tokens) in the extension origin's IndexedDB: content scripts run in the
 * page's origin and cannot open it (storage.local, by contrast, is readable by content scripts).
 * Values are write-only from the UI's point of view: nothing sends a value back to a page.
 * An OAuth 2 secret (src/secrets/oauth.ts) keeps its credential and tokens in the same record: its
 * `value` is the current access token, which is what `{{ secrets.name }}` resolves to.
 */
export interface SecretRecord {
  name: string;
  value: string;
  updatedAt: number;
  oauth?: OAuthState;
}

export interface SecretInfo {
  name: string;
  updatedAt?: number;
  managed: boolean;
  kind?: 'oauth2';
  /** OAuth 2: when the current access token expires, and the last refresh problem in plain words. */
  expiresAt?: number;
  error?: string;
}

export const SECRET_NAME = /^[A-Za-z_][\w-]{0,63}$/;

function checkName(name: string): void {
  if (!SECRET_NAME.test(name)) throw new Error(`invalid secret name "${name}": letters, digits, _ and -`);
  if (managed.has(name)) throw new Error(`secret "${name}" is set by your organisation`);
}

export async function setSecret(name: string, value: string): Promise<void> {
  await putSecret({ name, value, updatedAt: Date.now() });
}

/** Writes a whole record (an OAuth 2 secret with its state). */
export async function putSecret(record: SecretRecord): Promise<void> {
  checkName(record.name);
  await withStore(STORES.secrets, 'readwrite', (s) => reqDone(s.put(record)));
  stale = true;
}

export async function getSecretRecord(name: string): Promise<SecretRecord | undefined> {
  return withStore(
    STORES.secrets,
    'readonly',
    (s) => reqDone(s.get(name)) as Promise<SecretRecord | undefined>,
  );
}

/** Copies a user secret (with its OAuth state) under a new name; the value never leaves the worker. */
export async function copySecret(from: string, to: string): Promise<boolean> {
  const record = managed.has(from) ? undefined : await getSecretRecord(from);
  if (!record) return false;
  await putSecret({ ...record, name: to });
  return true;
}

export async function deleteSecret(name: string): Promise<void> {
  if (managed.has(name)) throw new Error(`secret "${name}" is set by your organisation`);
  await withStore(STORES.secrets, 'readwrite', (s) => reqDone(s.delete(name)));
  stale = true;
}

/**
 * One Map for the worker's life, refilled in place when the store changes: the journal redactor and
 * the outbox hold it, so an OAuth access token refreshed meanwhile is redacted and sent at once.
 */
const values = new Map<string, string>();
let stale = true;
/** Secrets pushed by admin policy: in memory only (the policy is their store), and they win. */
let managed = new Map<string, string>();

export function setManagedSecrets(entries: Record<string, string>): void {
  managed = new Map(Object.entries(entries));
  stale = true;
}

/** The OAuth 2 records among the stored secrets, refilled with `values` (read before every request). */
let oauth: SecretRecord[] = [];

export async function allSecrets(): Promise<Map<string, string>> {
  if (!stale) return values;
  stale = false;
  const rows = (await withStore(STORES.secrets, 'readonly', (s) => reqDone(s.getAll()))) as SecretRecord[];
  if (stale) return allSecrets();
  values.clear();
  for (const r of rows) values.set(r.name, r.value);
  for (const [k, v] of managed) values.set(k, v);
  oauth = rows.filter((r) => r.oauth);
  return values;
}

/**
 * The secrets as cached, without waiting: undefined when the store changed since they were read (then
 * `allSecrets()` reads it again). The action stage renders requests with it in the capture's turn.
 */
export function cachedSecrets(): ReadonlyMap<string, string> | undefined {
  return stale ? undefined : values;
}

/**
 * Records of the OAuth 2 secrets (the worker's refresh and retry logic), from the same cache as
 * `allSecrets()`: the outbox's fetch asks before every request, and an IndexedDB read there was one
 * round trip between a rendered action and its request (issue 16). Every write here marks it stale.
 */
export async function oauthRecords(): Promise<SecretRecord[]> {
  await allSecrets();
  return oauth.filter((r) => !managed.has(r.name));
}

/** Names only (values are write-only); managed ones are flagged and cannot be changed. */
export async function secretNames(): Promise<SecretInfo[]> {
  const rows = (await withStore(STORES.secrets, 'readonly', (s) => reqDone(s.getAll()))) as SecretRecord[];
  const user = rows
    .filter((r) => !managed.has(r.name))
    .map(({ name, updatedAt, oauth }): SecretInfo => {
      const info: SecretInfo = { name, updatedAt, managed: false };
      if (!oauth) return info;
      return { ...info, kind: 'oauth2', expiresAt: oauth.expiresAt, error: oauth.error };
    });
  return [...[...managed.keys()].map((name) => ({ name, managed: true })), ...user];
}

export function isManagedSecret(name: string): boolean {
  return managed.has(name);
}
