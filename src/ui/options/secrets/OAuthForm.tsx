import { useState } from 'react';
import { t } from '../../../util/i18n';
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
      onDone('', { ok: false, error: t('options.oauth.needsAccess') });
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
    onDone(t('options.oauth.saved', { name }), r);
  };

  return (
    <form
      className="card add-secret oauth"
      aria-label={t('options.oauth.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) void save();
      }}
    >
      <h3>{t('options.oauth.title')}</h3>
      <p className="muted">{t('options.oauth.lead', { example: '{{ secrets.name }}' })}</p>
      <label>
        {t('options.oauth.name')}
        <input
          value={name}
          placeholder="zoho_token"
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          data-testid="oauth-name"
        />
      </label>
      <label>
        {t('options.oauth.grant')}
        <select
          value={grant}
          onChange={(e) => setGrant(e.target.value as typeof grant)}
          data-testid="oauth-grant"
        >
          <option value="refresh_token">{t('options.oauth.refreshToken')}</option>
          <option value="client_credentials">{t('options.oauth.clientCredentials')}</option>
        </select>
      </label>
      <label>
        {t('options.oauth.tokenEndpoint')}
        <input
          value={tokenEndpoint}
          placeholder="https://accounts.zoho.com/oauth/v2/token"
          autoComplete="off"
          onChange={(e) => setEndpoint(e.target.value)}
          data-testid="oauth-endpoint"
        />
      </label>
      <label>
        {t('options.oauth.clientId')}
        <input
          value={clientId}
          autoComplete="off"
          onChange={(e) => setClientId(e.target.value)}
          data-testid="oauth-client-id"
        />
      </label>
      <label>
        {t('options.oauth.clientSecret')}
        <input
          type="password"
          value={clientSecret}
          autoComplete="off"
          onChange={(e) => setClientSecret(e.target.value)}
          data-testid="oauth-client-secret"
        />
      </label>
      <label>
        {t('options.oauth.clientAuth')}
        <select value={auth} onChange={(e) => setAuth(e.target.value as typeof auth)}>
          <option value="post">{t('options.oauth.authPost', { method: 'client_secret_post' })}</option>
          <option value="basic">{t('options.oauth.authBasic', { method: 'client_secret_basic' })}</option>
        </select>
      </label>
      <label>
        {t('options.oauth.scopes')}
        <input
          value={scopes}
          placeholder="ZohoCRM.modules.ALL"
          autoComplete="off"
          onChange={(e) => setScopes(e.target.value)}
        />
      </label>
      {grant === 'refresh_token' ? (
        <label>
          {t('options.oauth.refreshToken')}
          <input
            type="password"
            value={refreshToken}
            autoComplete="off"
            onChange={(e) => setRefreshToken(e.target.value)}
            data-testid="oauth-refresh-token"
          />
        </label>
      ) : null}
      {tokenEndpoint && !origin ? <span className="bad">{t('options.oauth.httpsOnly')}</span> : null}
      <button type="submit" className="btn primary" disabled={!ready || busy} data-testid="oauth-add">
        {busy ? t('options.oauth.requesting') : t('options.oauth.save')}
      </button>
    </form>
  );
}
