import { accessToken, type TokenDeps } from './oauth';
import { oauthRecords } from './store';

/**
 * The outbox's fetch with OAuth 2 secrets kept valid (issue 17), with no change to the outbox: a
 * request whose headers carry an OAuth secret's access token (spliced in by the rule's
 * `{{ secrets.name }}` reference, src/outbox/resolve.ts) gets
 *  - a new token first when the stored one expires within a minute (or has expired meanwhile);
 *  - on a 401, one forced refresh and one more attempt with the new token (same Idempotency-Key);
 *    a second 401 is the CRM's answer and the outbox dead-letters it as usual.
 * Only the outgoing headers are looked at, for the exact token the store holds (8+ characters);
 * tokens never go anywhere but the request the rule already sends them in.
 */
export function withOAuth(base: typeof fetch, deps: Omit<TokenDeps, 'fetch'>): typeof fetch {
  const tokenDeps: TokenDeps = { ...deps, fetch: base };
  return async (input, init) => {
    const headers = init?.headers;
    if (!isPlain(headers)) return base(input, init);
    const used = (await oauthRecords()).filter(
      (r) => r.value.length >= 8 && Object.values(headers).some((v) => v.includes(r.value)),
    );
    if (used.length === 0) return base(input, init);

    let sent = headers;
    const tokens = new Map(used.map((r) => [r.name, r.value]));
    const swap = async (rejected: boolean): Promise<boolean> => {
      let changed = false;
      for (const [name, old] of tokens) {
        const fresh = await accessToken(name, tokenDeps, rejected ? old : undefined);
        if (!fresh || fresh === old) continue;
        sent = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, v.split(old).join(fresh)]));
        tokens.set(name, fresh);
        changed = true;
      }
      return changed;
    };

    await swap(false);
    const first = await base(input, { ...init, headers: sent });
    if (first.status !== 401 || !(await swap(true))) return first;
    await first.body?.cancel().catch(() => undefined);
    return base(input, { ...init, headers: sent });
  };
}

function isPlain(h: HeadersInit | undefined): h is Record<string, string> {
  return typeof h === 'object' && h !== null && !(h instanceof Headers) && !Array.isArray(h);
}
