import { useState } from 'react';
import { request } from '../../api';
import { requestHosts } from '../permissions';

type Result = { ok: boolean; error?: string };

/** As the worker's secret store (src/secrets/store.ts). */
const SECRET_NAME = /^[A-Za-z_][\w-]{0,63}$/;

/** The token endpoint's origin for the host permission prompt, or undefined when it is not a URL. */
function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.origin}/*` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds an OAuth 2 secret (issue 17): the worker requests the first access token when it is saved,
 * then keeps it fresh. Nothing typed here is ever shown again.
 */
export function OAuthForm({ onDone }: { onDone(text: string, r: Result): void }) {
  const [name, setName] = useState('');
  const [grant, setGrant] = useState<'refresh_token' | 'client_credentials'>('refresh_token');
  const [tokenEndpoint, setEndpoint] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [scopes, setScopes] = useState('');
  const [refreshToken, setRefreshToken] = useState('');
  const [auth, setAuth] = useState<'post' | 'basic'>('post');
  const [busy, setBusy] = useState(false);
  const origin = originOf(tokenEndpoint);
  const ready =
    SECRET_NAME.test(name) &&
    !!origin &&
    !!clientId &&
    (grant === 'refresh_token' ? !!refreshToken : !!clientSecret);

  const save = async () => {
    if (!origin) return;
    // First in the click handler: the browser shows the prompt only inside the user gesture.
    const granted = await requestHosts([origin]);
    if (!granted) {
      onDone('', { ok: false, error: 'CRM Bridge needs access to the token endpoint to request tokens.' });
      return;
    }
    setBusy(true);
    const config = {
      grant,
      tokenEndpoint,
      clientId,
      scopes,
      auth,
      ...(clientSecret ? { clientSecret } : {}),
      ...(grant === 'refresh_token' ? { refreshToken } : {}),
    };
    const r = await request({ type: 'secrets.setOAuth', name, config });
    setBusy(false);
    if (r.ok) {
      setClientSecret('');
      setRefreshToken('');
      setName('');
    }
    onDone(`OAuth 2 secret “${name}” saved; its first access token was obtained.`, r);
  };

  return (
    <form
      className="card add-secret oauth"
      aria-label="Add an OAuth 2 secret"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) void save();
      }}
    >
      <h3>Add an OAuth 2 secret</h3>
      <p className="muted">
        CRM Bridge requests access tokens from the token endpoint below, refreshes them before they expire and
        once when the CRM refuses one, and uses the current one wherever a rule says {'{{ secrets.name }}'}.
      </p>
      <label>
        Name
        <input
          value={name}
          placeholder="zoho_token"
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          data-testid="oauth-name"
        />
      </label>
      <label>
        Grant
        <select
          value={grant}
          onChange={(e) => setGrant(e.target.value as typeof grant)}
          data-testid="oauth-grant"
        >
          <option value="refresh_token">Refresh token</option>
          <option value="client_credentials">Client credentials</option>
        </select>
      </label>
      <label>
        Token endpoint
        <input
          value={tokenEndpoint}
          placeholder="https://accounts.zoho.com/oauth/v2/token"
          autoComplete="off"
          onChange={(e) => setEndpoint(e.target.value)}
          data-testid="oauth-endpoint"
        />
      </label>
      <label>
        Client id
        <input
          value={clientId}
          autoComplete="off"
          onChange={(e) => setClientId(e.target.value)}
          data-testid="oauth-client-id"
        />
      </label>
      <label>
        Client secret
        <input
          type="password"
          value={clientSecret}
          autoComplete="off"
          onChange={(e) => setClientSecret(e.target.value)}
          data-testid="oauth-client-secret"
        />
      </label>
      <label>
        Client authentication
        <select value={auth} onChange={(e) => setAuth(e.target.value as typeof auth)}>
          <option value="post">In the request body (client_secret_post)</option>
          <option value="basic">In an Authorization header (client_secret_basic)</option>
        </select>
      </label>
      <label>
        Scopes
        <input
          value={scopes}
          placeholder="ZohoCRM.modules.ALL"
          autoComplete="off"
          onChange={(e) => setScopes(e.target.value)}
        />
      </label>
      {grant === 'refresh_token' ? (
        <label>
          Refresh token
          <input
            type="password"
            value={refreshToken}
            autoComplete="off"
            onChange={(e) => setRefreshToken(e.target.value)}
            data-testid="oauth-refresh-token"
          />
        </label>
      ) : null}
      {tokenEndpoint && !origin ? (
        <span className="bad">The token endpoint must be an https:// address.</span>
      ) : null}
      <button type="submit" className="btn primary" disabled={!ready || busy} data-testid="oauth-add">
        {busy ? 'Requesting a token…' : 'Save and get a token'}
      </button>
    </form>
  );
}
