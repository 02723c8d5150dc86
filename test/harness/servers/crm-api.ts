import type { IncomingMessage } from 'node:http';
import { type Handler, readBody, sendJson } from './http';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  at: number;
  /** What the API answered. */
  status: number;
}

export interface Fault {
  /** Answer with this status for the next `times` requests (matching `path` if set). */
  status: number;
  times: number;
  retryAfter?: string;
  delayMs?: number;
  path?: string;
  /**
   * Or for this long from now, however many requests come (a fault in time, not in count: a sender
   * that backs off, such as the outbox's circuit breaker, sends fewer requests while it lasts).
   */
  forMs?: number;
}

/**
 * The demo CRM's REST API. It stores what it receives (and shows it on the CRM page), records every
 * request for the tests, and can inject faults (503 ×3, 429 + Retry-After, slow answers). Writes with an
 * Idempotency-Key already stored are acknowledged without storing twice, like a real idempotent API.
 */
export class CrmApi {
  readonly received: ReceivedRequest[] = [];
  readonly notes: Array<{ id: number; idempotencyKey?: string; [k: string]: unknown }> = [];
  readonly contacts: Array<{
    id: string;
    name?: string;
    email?: string;
    phone?: string;
    [k: string]: unknown;
  }> = [
    { id: '4-1GQJDL78', name: 'John Doe', phone: '+1 555 0100', email: 'john@example.com' },
    { id: '4-1GQDLH42', name: 'Maria Garcia', phone: '+34 600 000 111', email: 'maria@example.com' },
  ];
  /** Health reports received at POST /api/health (once per Idempotency-Key). */
  readonly healthReports: Array<{ idempotencyKey?: string; body: unknown }> = [];
  private faults: Array<Fault & { until?: number }> = [];
  private seq = 0;

  /** Requests being answered right now, and the most seen at once (no pile-up under slow answers). */
  inFlight = 0;
  maxInFlight = 0;

  clearFaults(): void {
    this.faults = [];
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, until: fault.forMs === undefined ? undefined : Date.now() + fault.forMs });
  }

  reset(): void {
    this.received.length = 0;
    this.notes.length = 0;
    this.healthReports.length = 0;
    this.faults = [];
    this.maxInFlight = 0;
  }

  handler(): Handler {
    return async (req, res, url) => {
      if (!url.pathname.startsWith('/api/')) return false;
      const cors = {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': '*',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        res.end();
        return true;
      }
      // Test/demo introspection, not part of the "CRM" API.
      if (url.pathname === '/api/_received') {
        sendJson(res, 200, this.received, cors);
        return true;
      }
      if (url.pathname === '/api/_fault' && req.method === 'POST') {
        this.inject(JSON.parse(await readBody(req)) as Fault);
        sendJson(res, 200, { ok: true });
        return true;
      }
      if (url.pathname === '/api/_reset' && req.method === 'POST') {
        this.reset();
        sendJson(res, 200, { ok: true });
        return true;
      }

      const bodyText = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
      let body: unknown = bodyText;
      try {
        body = bodyText ? JSON.parse(bodyText) : undefined;
      } catch {
        /* keep text */
      }
      const record: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        headers: headersOf(req),
        body,
        at: Date.now(),
        status: 0,
      };
      this.received.push(record);
      if (req.method !== 'GET') {
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        res.on('close', () => this.inFlight--);
      }

      const now = Date.now();
      const fault = this.faults.find(
        (f) => (f.until === undefined ? f.times > 0 : now < f.until) && (!f.path || url.pathname === f.path),
      );
      if (fault && req.method !== 'GET') {
        if (fault.until === undefined) fault.times--;
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        record.status = fault.status;
        sendJson(
          res,
          fault.status,
          { error: 'injected fault' },
          { ...cors, ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) },
        );
        return true;
      }
      const status = this.route(req.method ?? 'GET', url, body, record.headers['idempotency-key']);
      record.status = status.status;
      sendJson(res, status.status, status.body, cors);
      return true;
    };
  }

  private route(
    method: string,
    url: URL,
    body: unknown,
    key: string | undefined,
  ): { status: number; body: unknown } {
    if (url.pathname === '/api/notes' && method === 'POST') {
      const existing = key ? this.notes.find((n) => n.idempotencyKey === key) : undefined;
      if (existing) return { status: 200, body: existing };
      const note = {
        id: ++this.seq,
        idempotencyKey: key,
        at: Date.now(),
        ...(isObj(body) ? body : { text: body }),
      };
      this.notes.push(note);
      return { status: 201, body: note };
    }
    if (url.pathname === '/api/notes' && method === 'GET') return { status: 200, body: this.notes };
    if (url.pathname === '/api/contacts' && method === 'GET') {
      const phone = url.searchParams.get('phone');
      const digits = (s?: string) => (s ?? '').replace(/\D/g, '');
      return {
        status: 200,
        body: phone ? this.contacts.filter((c) => digits(c.phone) === digits(phone)) : this.contacts,
      };
    }
    if (url.pathname === '/api/contacts' && method === 'POST') {
      const existing = key ? this.contacts.find((c) => c.idempotencyKey === key) : undefined;
      if (existing) return { status: 200, body: existing };
      const contact = { id: `C-${++this.seq}`, idempotencyKey: key, ...(isObj(body) ? body : {}) };
      this.contacts.push(contact);
      return { status: 201, body: contact };
    }
    // The admin's health endpoint (issue 19, docs/admin.md "Health report"): each report stored once per key.
    if (url.pathname === '/api/health' && method === 'POST') {
      if (!key || !this.healthReports.some((h) => h.idempotencyKey === key))
        this.healthReports.push({ idempotencyKey: key, body });
      return { status: 200, body: { ok: true } };
    }
    return { status: 404, body: { error: 'no such endpoint' } };
  }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') out[k] = v;
  return out;
}
