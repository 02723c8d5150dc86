// Issue 17 (f): an OAuth 2 secret's access token is refreshed before it expires, and once on a 401,
// checked at the fixture CRM and its token endpoint (test/harness/servers/vendor-crm.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../harness/servers/http';
import { OAUTH_CLIENT, VendorCrm } from '../harness/servers/vendor-crm';
import { crmSettings, roxMessage } from './fixtures';
import { configure, type Env, emit, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

let env: Env;
let crm: VendorCrm;
let server: Listening;

const contactPosts = () => crm.requests('own').filter((r) => r.method === 'POST');

beforeAll(async () => {
  env = await startEnv();
  crm = new VendorCrm();
  server = await crm.start();
  // The first token is already within a minute of expiry: the first request needs a new one.
  crm.oauth.expiresIn = 30;
  const saved = await send<{ ok: boolean; error?: string }>(env.browser, {
    type: 'secrets.setOAuth',
    name: 'crm',
    config: {
      grant: 'refresh_token',
      tokenEndpoint: `${server.origin}/oauth/token`,
      clientId: OAUTH_CLIENT.id,
      clientSecret: OAUTH_CLIENT.secret,
      refreshToken: 'fixture-refresh-1',
      scopes: 'contacts',
    },
  });
  expect(saved).toEqual({ ok: true });
  crm.oauth.expiresIn = 3600;
  await configure(
    env,
    crmSettings(env.servers, [
      {
        id: 'oauth-note',
        name: 'Message → contact (OAuth 2)',
        when: { events: ['message.created'] },
        then: [
          {
            kind: 'http',
            method: 'POST',
            url: `${server.origin}/own/api/contacts`,
            headers: { Authorization: 'Bearer {{ secrets.crm }}' },
            body: { type: 'json', value: { name: '{{ message.text }}' } },
          },
        ],
      },
    ]),
  );
});

afterAll(async () => {
  await server?.close();
  await env?.close();
});

describe('OAuth 2 secrets', () => {
  it('refresh an expiring token before the request, and retry a 401 once with a fresh token', async () => {
    const { page, frame } = await openCrm(env);
    await workspaceDetected(env, 'roxchat', env.servers.crm.origin);

    // Saving the credential obtained token 1, which expires within the minute: refreshed first.
    await emit(frame, 'newMessageAdded', roxMessage('first of the shift', 1));
    await waitFor(() => crm.contacts.own.find((c) => c.name === 'first of the shift'), 'first delivered');
    expect(contactPosts().map((r) => [r.headers.authorization, r.status])).toEqual([
      ['Bearer fixture-access-2', 201],
    ]);
    const grants = crm.requests('oauth');
    expect(grants.map((g) => (g.body as Record<string, string>).grant_type)).toEqual([
      'refresh_token',
      'refresh_token',
    ]);
    expect(
      grants.every((g) => (g.body as Record<string, string>).refresh_token === 'fixture-refresh-1'),
    ).toBe(true);

    // Mid-shift the CRM stops accepting token 2 (revoked, or expired early): one 401, one refresh,
    // the same request again with token 3, accepted.
    crm.revoke('fixture-access-2');
    await emit(frame, 'newMessageAdded', roxMessage('after the revocation', 2));
    await waitFor(() => crm.contacts.own.find((c) => c.name === 'after the revocation'), 'second delivered');
    const second = contactPosts().filter((r) => (r.body as { name: string }).name === 'after the revocation');
    expect(second.map((r) => [r.headers.authorization, r.status])).toEqual([
      ['Bearer fixture-access-2', 401],
      ['Bearer fixture-access-3', 201],
    ]);
    expect(second[0]?.headers['idempotency-key']).toBe(second[1]?.headers['idempotency-key']);
    expect(crm.requests('oauth')).toHaveLength(3);

    // No token in what the pages can read; the journal shows the reference, not the value.
    for (const req of [{ type: 'journal.export' }, { type: 'outbox.list' }, { type: 'secrets.list' }]) {
      const text = JSON.stringify(await send(env.browser, req));
      expect(text).not.toMatch(/fixture-access-\d|fixture-refresh|fixture-client-secret/);
    }
    const listed = await send<{ secrets: Array<{ name: string; kind?: string }> }>(env.browser, {
      type: 'secrets.list',
    });
    expect(listed.secrets).toEqual([expect.objectContaining({ name: 'crm', kind: 'oauth2' })]);
    await page.close();
  });
});
