import type { IncomingMessage } from 'node:http';
import { type Handler, type Listening, listen, readBody, sendJson } from './http';
import { type Answer, routeVendor } from './vendor-crm-routes';

/**
 * Fixture CRM for the presets (issue 17): one local server answering the documented request and
 * response shapes of HubSpot, Pipedrive, Zoho CRM, Bitrix24, Kommo and a plain "own REST API", each
 * under its own path prefix (`/hubspot/crm/v3/…`, `/kommo/api/v4/…`), plus an OAuth 2 token
 * endpoint (`/oauth/token`). It records every request for the tests' assertions. Like the real
 * APIs, it ignores Idempotency-Key: a request sent twice creates two records.
 * The doc section each route follows is cited in vendor-crm-routes.ts and in src/presets/flows-*.ts.
 */
export const VENDORS = ['hubspot', 'pipedrive', 'zoho', 'bitrix24', 'kommo', 'own'] as const;
export type Vendor = (typeof VENDORS)[number];

/** The origin each preset's URLs use; tests point them at `${server.origin}/${vendor}`. */
export const VENDOR_ORIGINS: Record<Vendor, string> = {
  hubspot: 'https://api.hubapi.com',
  pipedrive: 'https://api.pipedrive.com',
  zoho: 'https://www.zohoapis.com',
  bitrix24: 'https://your-portal.bitrix24.com',
  kommo: 'https://your-subdomain.kommo.com',
  own: 'https://crm.example.com',
};

export interface VendorRequest {
  vendor: Vendor | 'oauth';
  method: string;
  /** Path after the vendor prefix, with the query string. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

export interface VendorContact {
  id: string;
  name: string;
  email?: string;
  phone?: string;
}

export interface VendorNote {
  id: string;
  contactId: string;
  text: string;
}

/** The API key every vendor accepts (besides tokens the OAuth endpoint issued). */
export const FIXTURE_TOKEN = 'fixture-api-token';
/** Bitrix24 incoming-webhook code (part of the URL, as in the preset). */
export const BITRIX_CODE = 'your-webhook-code';
export const OAUTH_CLIENT = { id: 'fixture-client', secret: 'fixture-client-secret' };

export class VendorCrm {
  readonly received: VendorRequest[] = [];
  readonly contacts: Record<Vendor, VendorContact[]> = emptyBy(VENDORS);
  readonly notes: Record<Vendor, VendorNote[]> = emptyBy(VENDORS);
  /** The own API's leads (GET /api/leads?phone=&email=): the Chatwoot lead-status preset reads them. */
  readonly leads: Array<{ id: string; email?: string; phone?: string; name: string; status: string }> = [];
  /** OAuth 2: tokens issued (in order), those still valid, and the lifetime of the next ones. */
  readonly oauth = { issued: [] as string[], valid: new Set<string>(), expiresIn: 3600, refreshTokens: 0 };
  private seq = 100;

  nextId(): string {
    return String(++this.seq);
  }

  seed(vendor: Vendor, contact: Omit<VendorContact, 'id'> & { id?: string }): VendorContact {
    const c = { ...contact, id: contact.id ?? this.nextId() };
    this.contacts[vendor].push(c);
    return c;
  }

  /** The CRM stops accepting a token (it expired or was revoked server-side). */
  revoke(token: string): void {
    this.oauth.valid.delete(token);
  }

  requests(vendor: Vendor | 'oauth'): VendorRequest[] {
    return this.received.filter((r) => r.vendor === vendor);
  }

  accepts(token: string | undefined): boolean {
    return token === FIXTURE_TOKEN || (token !== undefined && this.oauth.valid.has(token));
  }

  handler(): Handler {
    return async (req, res, url) => {
      const [, prefix = '', ...rest] = url.pathname.split('/');
      const vendor =
        prefix === 'oauth' ? 'oauth' : (VENDORS as readonly string[]).includes(prefix) ? prefix : '';
      if (!vendor) return false;
      const text = req.method === 'GET' ? '' : await readBody(req);
      const headers = headersOf(req);
      const record: VendorRequest = {
        vendor: vendor as Vendor | 'oauth',
        method: req.method ?? 'GET',
        path: `/${rest.join('/')}${url.search}`,
        headers,
        body: parse(text, headers['content-type']),
        status: 0,
      };
      this.received.push(record);
      const answer: Answer =
        vendor === 'oauth'
          ? this.token(record.path, text)
          : routeVendor(this, vendor as Vendor, record.method, new URL(record.path, url.origin), record);
      record.status = answer.status;
      if (answer.body === undefined) {
        res.writeHead(answer.status);
        res.end();
      } else sendJson(res, answer.status, answer.body);
      return true;
    };
  }

  /** RFC 6749 §5: the token endpoint (refresh_token and client_credentials grants, client_secret_post). */
  private token(path: string, text: string): Answer {
    if (path !== '/token') return { status: 404, body: { error: 'not_found' } };
    const form = new URLSearchParams(text);
    if (form.get('client_id') !== OAUTH_CLIENT.id || form.get('client_secret') !== OAUTH_CLIENT.secret)
      return { status: 401, body: { error: 'invalid_client' } };
    const grant = form.get('grant_type');
    if (grant === 'refresh_token' && !form.get('refresh_token')?.startsWith('fixture-refresh'))
      return { status: 400, body: { error: 'invalid_grant' } };
    if (grant !== 'refresh_token' && grant !== 'client_credentials')
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    const access = `fixture-access-${this.oauth.issued.length + 1}`;
    this.oauth.issued.push(access);
    this.oauth.valid.add(access);
    return {
      status: 200,
      body: { access_token: access, token_type: 'Bearer', expires_in: this.oauth.expiresIn },
    };
  }

  start(host = '127.0.0.1'): Promise<Listening> {
    return listen(host, 0, [this.handler()]);
  }
}

function emptyBy<T>(keys: readonly Vendor[]): Record<Vendor, T[]> {
  return Object.fromEntries(keys.map((k) => [k, [] as T[]])) as Record<Vendor, T[]>;
}

function parse(text: string, type = ''): unknown {
  if (!text) return undefined;
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A preset's rule with its vendor origin replaced by the fixture server's (`${origin}/${vendor}`). */
export function pointAt<T>(rule: T, vendor: Vendor, origin: string): T {
  const from = VENDOR_ORIGINS[vendor];
  return JSON.parse(JSON.stringify(rule), (_k, v) =>
    typeof v === 'string' && v.startsWith(from) ? `${origin}/${vendor}${v.slice(from.length)}` : v,
  );
}
