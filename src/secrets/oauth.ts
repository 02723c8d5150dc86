import * as oauth from 'oauth4webapi';
import { type OAuthConfig, OAuthConfigSchema, type OAuthState } from './oauth-types';
import { allSecrets, getSecretRecord, putSecret, SECRET_NAME, type SecretRecord } from './store';

/**
 * OAuth 2 secrets (issue 17): a credential (refresh token or client credentials grant) whose access
 * token is what `{{ secrets.name }}` resolves to. Tokens are requested with oauth4webapi, only from the
 * token endpoint the credential names (never from event data), only with host permission for it, and
 * kept only in the secrets store (extension-origin IndexedDB), where the other secrets live.
 */
export interface TokenDeps {
  fetch: typeof fetch;
  now: () => number;
  /** Host permission for the token endpoint's origin, as for any CRM origin. */
  permitted: (origin: string) => Promise<boolean>;
}

/** An access token is refreshed this long before it expires. */
export const REFRESH_SKEW_MS = 60_000;
const TOKEN_TIMEOUT_MS = 15_000;

interface Tokens {
  access: string;
  refresh?: string;
  expiresAt?: number;
}

/** The grant's failure in plain words (never a token: the server's error code and description only). */
function plain(e: unknown): string {
  if (e instanceof oauth.ResponseBodyError) {
    const desc = e.error_description ? `: ${e.error_description.slice(0, 200)}` : '';
    return `the token endpoint refused the credential (${e.error}${desc})`;
  }
  if (e instanceof oauth.OperationProcessingError) {
    return `the token endpoint's answer is not a usable OAuth 2 token response (${e.message.slice(0, 200)})`;
  }
  if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return `the token endpoint did not answer within ${TOKEN_TIMEOUT_MS / 1000} s`;
  }
  return `could not reach the token endpoint (${(e as Error)?.message ?? String(e)})`;
}

/** One grant request; throws an Error in plain words. */
export async function requestTokens(config: OAuthConfig, deps: TokenDeps): Promise<Tokens> {
  const endpoint = new URL(config.tokenEndpoint);
  if (!(await deps.permitted(endpoint.origin))) {
    throw new Error(`no host permission for ${endpoint.origin}: grant it on the options page`);
  }
  const as: oauth.AuthorizationServer = { issuer: endpoint.origin, token_endpoint: endpoint.href };
  const client: oauth.Client = { client_id: config.clientId };
  const secret = config.clientSecret;
  const auth = !secret
    ? oauth.None()
    : config.auth === 'basic'
      ? oauth.ClientSecretBasic(secret)
      : oauth.ClientSecretPost(secret);
  const options = {
    [oauth.customFetch]: deps.fetch,
    // Plain HTTP only reaches a loopback token endpoint (the schema refuses any other).
    [oauth.allowInsecureRequests]: endpoint.protocol === 'http:',
    signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
  };
  const scope: Record<string, string> = config.scopes.trim() ? { scope: config.scopes.trim() } : {};
  try {
    const response =
      config.grant === 'refresh_token'
        ? await oauth.refreshTokenGrantRequest(as, client, auth, config.refreshToken ?? '', {
            ...options,
            additionalParameters: scope,
          })
        : await oauth.clientCredentialsGrantRequest(as, client, auth, scope, options);
    const tokens =
      config.grant === 'refresh_token'
        ? await oauth.processRefreshTokenResponse(as, client, response)
        : await oauth.processClientCredentialsResponse(as, client, response);
    const now = deps.now();
    return {
      access: tokens.access_token,
      refresh: tokens.refresh_token,
      expiresAt: typeof tokens.expires_in === 'number' ? now + tokens.expires_in * 1000 : undefined,
    };
  } catch (e) {
    throw new Error(plain(e));
  }
}

function record(name: string, config: OAuthConfig, tokens: Tokens, now: number): SecretRecord {
  const oauthState: OAuthState = {
    ...config,
    // A server that rotates refresh tokens sends a new one; otherwise the old one stays valid.
    refreshToken: tokens.refresh ?? config.refreshToken,
    expiresAt: tokens.expiresAt,
  };
  return { name, value: tokens.access, updatedAt: now, oauth: oauthState };
}

/**
 * Saves an OAuth 2 secret after obtaining its first access token, so a wrong endpoint, client or
 * refresh token is reported when it is typed, not at the first chat. Throws in plain words.
 */
export async function setOAuthSecret(name: string, input: unknown, deps: TokenDeps): Promise<void> {
  if (!SECRET_NAME.test(name)) throw new Error(`invalid secret name "${name}": letters, digits, _ and -`);
  const parsed = OAuthConfigSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    throw new Error(PROBLEM[field] ?? 'this OAuth 2 credential is incomplete');
  }
  const tokens = await requestTokens(parsed.data, deps);
  await putSecret(record(name, parsed.data, tokens, deps.now()));
  await allSecrets();
}

/** What is wrong with a typed credential, in plain words (never the validator's text). */
const PROBLEM: Record<string, string> = {
  grant: 'choose the refresh token or the client credentials grant',
  tokenEndpoint: 'the token endpoint must be an https:// address',
  clientId: 'a client id is needed',
  clientSecret: 'a client secret is needed for the client credentials grant',
  scopes: 'the scopes are too long',
  auth: 'choose how the client authenticates (in the body or in a header)',
  refreshToken: 'a refresh token is needed for the refresh token grant',
};

const inflight = new Map<string, Promise<string | undefined>>();

/**
 * The secret's usable access token: the stored one while it is more than a minute from expiry, else
 * a new one from the token endpoint. `rejected`: the token a CRM just answered 401 to; a new one is
 * requested unless another request already replaced it. One grant at a time per secret. Undefined
 * when no token can be had (the problem is kept on the secret, shown on the Secrets tab).
 */
export function accessToken(name: string, deps: TokenDeps, rejected?: string): Promise<string | undefined> {
  const running = inflight.get(name);
  if (running) return running;
  const run = (async () => {
    const current = await getSecretRecord(name);
    if (!current?.oauth) return undefined;
    const now = deps.now();
    const expiring =
      current.oauth.expiresAt !== undefined && current.oauth.expiresAt - now <= REFRESH_SKEW_MS;
    const refused = rejected !== undefined && rejected === current.value;
    if (current.value && !expiring && !refused) return current.value;
    try {
      const tokens = await requestTokens(current.oauth, deps);
      await putSecret(record(name, current.oauth, tokens, deps.now()));
      return tokens.access;
    } catch (e) {
      await putSecret({ ...current, oauth: { ...current.oauth, error: (e as Error).message } });
      return undefined;
    } finally {
      // Refill the shared map at once: the redactor and the outbox see the new token.
      await allSecrets();
    }
  })().finally(() => inflight.delete(name));
  inflight.set(name, run);
  return run;
}
