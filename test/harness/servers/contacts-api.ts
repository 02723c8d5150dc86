import { type Handler, type Listening, listen, readBody, sendJson } from './http';

export interface ContactsRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  status: number;
}

export interface Contact {
  id: string;
  name?: string;
  visitor?: string;
  email?: string;
  idempotencyKey?: string;
}

export interface ContactNote {
  id: number;
  contactId: string;
  text: string;
  idempotencyKey?: string;
  [k: string]: unknown;
}

/**
 * A small generic contacts CRM for the workflow tests (issue 17): search, create, notes on a contact.
 * `GET /api/v1/contacts?visitor=…|email=…` → `{ results: [...] }`; `POST /api/v1/contacts` (idempotent
 * on Idempotency-Key) → the contact; `POST /api/v1/contacts/:id/notes` (idempotent) → the note. `hold`
 * keeps answers to one path waiting until released (a worker can be stopped while a step is in flight).
 */
export class ContactsApi {
  readonly received: ContactsRequest[] = [];
  readonly contacts: Contact[] = [];
  readonly notes: ContactNote[] = [];
  private seq = 0;
  private held?: { path: string; waiting: Array<() => void> };

  reset(contacts: Contact[] = []): void {
    this.received.length = 0;
    this.notes.length = 0;
    this.contacts.splice(0, this.contacts.length, ...contacts);
    this.release();
  }

  /** Requests to `path` (pathname) wait until `release()`. */
  hold(path: string): void {
    this.held = { path, waiting: [] };
  }

  release(): void {
    const h = this.held;
    this.held = undefined;
    for (const go of h?.waiting ?? []) go();
  }

  searches(): ContactsRequest[] {
    return this.received.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/contacts?'));
  }

  handler(): Handler {
    return async (req, res, url) => {
      if (!url.pathname.startsWith('/api/v1/')) return false;
      const text = req.method === 'GET' ? '' : await readBody(req);
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const record = {
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        body,
        headers,
        status: 0,
      };
      this.received.push(record);
      const held = this.held;
      if (held && held.path === url.pathname) await new Promise<void>((r) => held.waiting.push(r));
      const answer = this.route(record.method, url, body, headers['idempotency-key']);
      record.status = answer.status;
      if (!res.destroyed) sendJson(res, answer.status, answer.body);
      return true;
    };
  }

  private route(method: string, url: URL, body: unknown, key?: string): { status: number; body: unknown } {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (url.pathname === '/api/v1/contacts' && method === 'GET') {
      const visitor = url.searchParams.get('visitor');
      const email = url.searchParams.get('email');
      const results = this.contacts.filter(
        (c) => (visitor && c.visitor === visitor) || (email && c.email === email),
      );
      return { status: 200, body: { results } };
    }
    if (url.pathname === '/api/v1/contacts' && method === 'POST') {
      const existing = key ? this.contacts.find((c) => c.idempotencyKey === key) : undefined;
      if (existing) return { status: 200, body: existing };
      const contact: Contact = { id: `C-${++this.seq}`, idempotencyKey: key, ...b };
      this.contacts.push(contact);
      return { status: 201, body: contact };
    }
    const note = /^\/api\/v1\/contacts\/([^/]+)\/notes$/.exec(url.pathname);
    if (note && method === 'POST') {
      const contactId = decodeURIComponent(note[1] ?? '');
      if (!this.contacts.some((c) => c.id === contactId))
        return { status: 404, body: { error: 'no such contact' } };
      const existing = key ? this.notes.find((n) => n.idempotencyKey === key) : undefined;
      if (existing) return { status: 200, body: existing };
      const created: ContactNote = {
        ...b,
        id: ++this.seq,
        contactId,
        text: String(b.text ?? ''),
        idempotencyKey: key,
      };
      this.notes.push(created);
      return { status: 201, body: created };
    }
    return { status: 404, body: { error: 'no such endpoint' } };
  }
}

/** Starts the contacts CRM on its own loopback port (the test build may reach any loopback origin). */
export async function startContactsApi(host = '127.0.0.1'): Promise<{ api: ContactsApi; server: Listening }> {
  const api = new ContactsApi();
  return { api, server: await listen(host, 0, [api.handler()]) };
}
