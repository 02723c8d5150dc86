import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../src/outbox/outbox';
import type { AttemptReport } from '../../../src/outbox/types';
import { accessToken, REFRESH_SKEW_MS, setOAuthSecret, type TokenDeps } from '../../../src/secrets/oauth';
import { withOAuth } from '../../../src/secrets/oauth-fetch';
import { redact } from '../../../src/secrets/redact';
import { allSecrets, getSecretRecord, secretNames } from '../../../src/secrets/store';
import { reqDone, STORES, withStore } from '../../../src/util/idb';

const TOKEN_URL = 'https://auth.example/oauth/token';
const CRM_URL = 'https://crm.example/api/notes';

/** A fake authorization server and CRM behind one fetch stub; each token is valid until told otherwise. */
function world(opts: { expiresIn?: number; rotate?: boolean; tokenError?: string } = {}) {
  let now = 1_000_000;
  let issued = 0;
  const grants: Array<{ params: URLSearchParams; authorization: string | null }> = [];
  const crm: string[] = [];
  const valid = new Set<string>();
  const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    if (url === TOKEN_URL) {
      grants.push({
        params: new URLSearchParams(String(init?.body)),
        authorization: headers.get('authorization'),
      });
      if (opts.tokenError) {
        return Response.json({ error: opts.tokenError, error_description: 'nope' }, { status: 400 });
      }
      const access = `access-token-${++issued}`;
      valid.add(access);
      return Response.json({
        access_token: access,
        token_type: 'Bearer',
        expires_in: opts.expiresIn ?? 3600,
        ...(opts.rotate ? { refresh_token: `refresh-token-${issued}` } : {}),
      });
    }
    const auth = headers.get('authorization') ?? '';
    crm.push(auth);
    const ok = valid.has(auth.replace(/^Bearer /, ''));
    return new Response(JSON.stringify({ ok }), { status: ok ? 201 : 401 });
  }) as typeof fetch;
  const deps: TokenDeps = { fetch: fetchStub, now: () => now, permitted: async () => true };
  return {
    deps,
    grants,
    crm,
    revoke: (t: string) => valid.delete(t),
    advance: (ms: number) => {
      now += ms;
    },
    send: withOAuth(fetchStub, { now: () => now, permitted: async () => true }),
  };
}

const refreshConfig = {
  grant: 'refresh_token',
  tokenEndpoint: TOKEN_URL,
  clientId: 'client-1',
  clientSecret: 'client-secret-1',
  refreshToken: 'refresh-token-0',
  scopes: 'crm.objects.contacts.write',
};

const sendWith = (send: typeof fetch, token: string) =>
  send(CRM_URL, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{}' });

beforeEach(async () => {
  await withStore(STORES.secrets, 'readwrite', (s) => reqDone(s.clear()));
  await allSecrets();
});

describe('OAuth 2 secrets', () => {
  it('saving a refresh-token credential obtains the first access token (client_secret_post, scope)', async () => {
    const w = world();
    await setOAuthSecret('crm', refreshConfig, w.deps);
    expect(w.grants).toHaveLength(1);
    const p = w.grants[0]?.params;
    expect(Object.fromEntries(p ?? [])).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-token-0',
      client_id: 'client-1',
      client_secret: 'client-secret-1',
      scope: 'crm.objects.contacts.write',
    });
    expect((await allSecrets()).get('crm')).toBe('access-token-1');
    const [info] = await secretNames();
    expect(info).toMatchObject({ name: 'crm', kind: 'oauth2', expiresAt: 1_000_000 + 3_600_000 });
    expect(JSON.stringify(info)).not.toContain('token-');
  });

  it('client credentials with client_secret_basic send the secret in the Authorization header', async () => {
    const w = world();
    await setOAuthSecret(
      'crm',
      {
        grant: 'client_credentials',
        tokenEndpoint: TOKEN_URL,
        clientId: 'c',
        clientSecret: 's',
        auth: 'basic',
      },
      w.deps,
    );
    expect(w.grants[0]?.authorization).toBe(`Basic ${btoa('c:s')}`);
    expect(w.grants[0]?.params.get('grant_type')).toBe('client_credentials');
    expect(w.grants[0]?.params.has('client_secret')).toBe(false);
  });

  it.each([
    [{ ...refreshConfig, tokenEndpoint: 'http://auth.example/token' }, 'https://'],
    [{ ...refreshConfig, refreshToken: undefined }, 'refresh token is needed'],
    [{ ...refreshConfig, grant: 'client_credentials', clientSecret: undefined }, 'client secret is needed'],
    [{ ...refreshConfig, clientId: '' }, 'a client id is needed'],
  ])('refuses an invalid credential in plain words (%#)', async (config, text) => {
    const w = world();
    await expect(setOAuthSecret('crm', config, w.deps)).rejects.toThrow(text);
    expect(w.grants).toHaveLength(0);
    expect(await secretNames()).toEqual([]);
  });

  it('reports a refused grant without saving, and never a token', async () => {
    const w = world({ tokenError: 'invalid_grant' });
    await expect(setOAuthSecret('crm', refreshConfig, w.deps)).rejects.toThrow(
      'the token endpoint refused the credential (invalid_grant: nope)',
    );
    expect(await secretNames()).toEqual([]);
  });

  it('asks for no token without host permission for the token endpoint', async () => {
    const w = world();
    const deps = { ...w.deps, permitted: async () => false };
    await expect(setOAuthSecret('crm', refreshConfig, deps)).rejects.toThrow(
      'no host permission for https://auth.example',
    );
    expect(w.grants).toHaveLength(0);
  });

  it('refreshes a token that expires within a minute before the request is sent', async () => {
    const w = world({ rotate: true });
    await setOAuthSecret('crm', refreshConfig, w.deps);
    w.advance(3_600_000 - REFRESH_SKEW_MS + 1);
    const res = await sendWith(w.send, 'access-token-1');
    expect(res.status).toBe(201);
    expect(w.crm).toEqual(['Bearer access-token-2']);
    expect(w.grants.map((g) => g.params.get('refresh_token'))).toEqual([
      'refresh-token-0',
      'refresh-token-1',
    ]);
    // The rotated refresh token is kept for the next grant.
    expect((await getSecretRecord('crm'))?.oauth?.refreshToken).toBe('refresh-token-2');
  });

  it('a 401 is retried once with a fresh token; a second 401 is the answer', async () => {
    const w = world();
    await setOAuthSecret('crm', refreshConfig, w.deps);
    w.revoke('access-token-1');
    expect((await sendWith(w.send, 'access-token-1')).status).toBe(201);
    expect(w.crm).toEqual(['Bearer access-token-1', 'Bearer access-token-2']);
    expect(w.grants).toHaveLength(2);

    const never = world({ tokenError: 'invalid_grant' });
    const res = await sendWith(never.send, 'unknown-token-xyz');
    expect(res.status).toBe(401);
    expect(never.crm).toHaveLength(1);
  });

  it('two requests refused at once share one refresh', async () => {
    const w = world();
    await setOAuthSecret('crm', refreshConfig, w.deps);
    w.revoke('access-token-1');
    const results = await Promise.all([
      sendWith(w.send, 'access-token-1'),
      sendWith(w.send, 'access-token-1'),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    expect(w.grants).toHaveLength(2);
  });

  it('a failed refresh is kept on the secret in plain words; the request is sent with what there is', async () => {
    const w = world();
    await setOAuthSecret('crm', refreshConfig, w.deps);
    const failing = world({ tokenError: 'invalid_client' });
    expect(await accessToken('crm', failing.deps, 'access-token-1')).toBeUndefined();
    const [info] = await secretNames();
    expect(info?.error).toContain('invalid_client');
    expect((await allSecrets()).get('crm')).toBe('access-token-1');
  });

  it('requests without an OAuth token pass through untouched', async () => {
    const w = world();
    await setOAuthSecret('crm', refreshConfig, w.deps);
    await w.send(CRM_URL, { method: 'POST', headers: { 'x-api-key': 'plain-key' } });
    expect(w.crm).toEqual(['']);
    expect(w.grants).toHaveLength(1);
  });

  it('the shared secrets map (journal redactor) follows a refreshed token at once', async () => {
    const w = world();
    await setOAuthSecret('crm', refreshConfig, w.deps);
    const map = await allSecrets();
    w.revoke('access-token-1');
    await sendWith(w.send, 'access-token-1');
    expect(redact('echo access-token-2', map)).toBe('echo [secret:crm]');
  });

  it('the outbox delivers after a 401 through the OAuth fetch, once, with the same Idempotency-Key', async () => {
    const w = world();
    await setOAuthSecret('crm', refreshConfig, w.deps);
    w.revoke('access-token-1');
    const reports: AttemptReport[] = [];
    const keys: string[] = [];
    const base = w.send;
    const outbox = new Outbox({
      fetch: (async (url: string, init: RequestInit) => {
        keys.push((init.headers as Record<string, string>)['Idempotency-Key'] ?? '');
        return base(url, init);
      }) as typeof fetch,
      now: () => 1_000_000,
      random: () => 0,
      secrets: () => allSecrets(),
      isManaged: () => false,
      permitted: async () => true,
      report: (r) => {
        reports.push(r);
      },
      scheduleWake: () => undefined,
    });
    await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.clear()));
    await outbox.enqueue({
      id: 'key-1',
      journalSeq: 1,
      ruleId: 'r',
      ruleName: 'R',
      actionIndex: 0,
      eventId: 'e',
      orderKey: 'r|c',
      createdAt: 1,
      attempts: 0,
      nextAttemptAt: 0,
      status: 'pending',
      request: {
        method: 'POST',
        url: CRM_URL,
        headers: { Authorization: ['Bearer ', { secret: 'crm' }] },
        body: ['{}'],
        timeoutMs: 1000,
      },
    });
    await outbox.kick();
    expect(reports.map((r) => r.status)).toEqual(['ok']);
    expect(w.crm).toEqual(['Bearer access-token-1', 'Bearer access-token-2']);
  });
});
