import {
  BITRIX_CODE,
  type Vendor,
  type VendorContact,
  type VendorCrm,
  type VendorRequest,
} from './vendor-crm';
import { bitrix24, kommo, own } from './vendor-crm-routes-more';
import { type Answer, known, matches, note, obj, type Route, str } from './vendor-crm-util';

export type { Answer } from './vendor-crm-util';

function authorized(crm: VendorCrm, vendor: Vendor, req: VendorRequest, url: URL): boolean {
  const h = req.headers;
  switch (vendor) {
    case 'hubspot':
    case 'kommo':
    case 'own':
      return crm.accepts(h.authorization?.replace(/^Bearer /, ''));
    case 'pipedrive':
      return crm.accepts(h['x-api-token']);
    case 'zoho':
      return crm.accepts(h.authorization?.replace(/^Zoho-oauthtoken /, ''));
    case 'bitrix24':
      return url.pathname.startsWith(`/rest/1/${BITRIX_CODE}/`);
  }
}

export function routeVendor(
  crm: VendorCrm,
  vendor: Vendor,
  method: string,
  url: URL,
  req: VendorRequest,
): Answer {
  if (!authorized(crm, vendor, req, url)) {
    return vendor === 'bitrix24'
      ? {
          status: 401,
          body: { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' },
        }
      : { status: 401, body: { status: 'error', message: 'Authentication credentials not found' } };
  }
  const routes = { hubspot, pipedrive, zoho, bitrix24, kommo, own }[vendor];
  return (
    routes(crm, method, url, obj(req.body), req.body) ?? { status: 404, body: { error: 'no such endpoint' } }
  );
}

/** HubSpot CRM v3: search (POST …/contacts/search, `query` or filterGroups), create contact, create note. */
const hubspot: Route = (crm, method, url, body) => {
  const p = url.pathname;
  const view = (c: VendorContact) => ({
    id: c.id,
    properties: { email: c.email ?? null, phone: c.phone ?? null, firstname: c.name, hs_object_id: c.id },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    archived: false,
  });
  if (method === 'POST' && p === '/crm/v3/objects/contacts/search') {
    const values = [str(body.query)];
    for (const g of (body.filterGroups as unknown[]) ?? [])
      for (const f of (obj(g).filters as unknown[]) ?? []) values.push(str(obj(f).value));
    const results = crm.contacts.hubspot.filter((c) => values.some((v) => matches(c, v))).map(view);
    return { status: 200, body: { total: results.length, results } };
  }
  if (method === 'POST' && p === '/crm/v3/objects/contacts') {
    const props = obj(body.properties);
    if (!props.email && !props.phone && !props.firstname)
      return {
        status: 400,
        body: { status: 'error', category: 'VALIDATION_ERROR', message: 'no properties' },
      };
    const c = crm.seed('hubspot', {
      name: str(props.firstname),
      email: str(props.email),
      phone: str(props.phone),
    });
    return { status: 201, body: view(c) };
  }
  if (method === 'POST' && p === '/crm/v3/objects/notes') {
    const props = obj(body.properties);
    const assoc = obj(((body.associations as unknown[]) ?? [])[0]);
    const to = str(obj(assoc.to).id);
    const type = obj(((assoc.types as unknown[]) ?? [])[0]);
    if (!props.hs_timestamp || !known(crm, 'hubspot', to) || type.associationTypeId !== 202)
      return {
        status: 400,
        body: { status: 'error', category: 'VALIDATION_ERROR', message: 'invalid note' },
      };
    const n = note(crm, 'hubspot', to, str(props.hs_note_body));
    return { status: 201, body: { id: n.id, properties: { hs_note_body: n.text }, archived: false } };
  }
};

/** Pipedrive v1: GET /persons/search?term=&fields=, POST /persons, POST /notes. */
const pipedrive: Route = (crm, method, url, body) => {
  const p = url.pathname;
  const view = (c: VendorContact) => ({
    id: Number(c.id),
    type: 'person',
    name: c.name,
    phones: c.phone ? [c.phone] : [],
    emails: c.email ? [c.email] : [],
  });
  if (method === 'GET' && p === '/v1/persons/search') {
    const term = url.searchParams.get('term') ?? '';
    if (term.length < 2) return { status: 400, body: { success: false, error: 'term must be 2 characters' } };
    const items = crm.contacts.pipedrive
      .filter((c) => matches(c, term))
      .map((c) => ({ result_score: 1, item: view(c) }));
    return {
      status: 200,
      body: {
        success: true,
        data: { items },
        additional_data: { pagination: { start: 0, limit: 100, more_items_in_collection: false } },
      },
    };
  }
  if (method === 'POST' && p === '/v1/persons') {
    if (!str(body.name)) return { status: 400, body: { success: false, error: 'Name must be given.' } };
    const first = (v: unknown) => (Array.isArray(v) ? str(obj(v[0]).value) : str(v));
    const c = crm.seed('pipedrive', {
      name: str(body.name),
      email: first(body.email),
      phone: first(body.phone),
    });
    return {
      status: 201,
      body: { success: true, data: { ...view(c), email: [{ value: c.email, primary: true }] } },
    };
  }
  if (method === 'POST' && p === '/v1/notes') {
    const person = str(body.person_id);
    if (!str(body.content) || !known(crm, 'pipedrive', person))
      return { status: 400, body: { success: false, error: 'invalid note' } };
    const n = note(crm, 'pipedrive', person, str(body.content));
    return {
      status: 201,
      body: { success: true, data: { id: Number(n.id), content: n.text, person_id: Number(person) } },
    };
  }
};

/** Zoho CRM v7: GET /Contacts/search (criteria, email, phone; 204 when nothing matches), POST /Contacts, POST /Contacts/{id}/Notes. */
const zoho: Route = (crm, method, url, body) => {
  const p = url.pathname;
  const ok = (id: string) => ({
    code: 'SUCCESS',
    details: { id, Created_Time: '2026-01-01T00:00:00+00:00' },
    message: 'record added',
    status: 'success',
  });
  if (method === 'GET' && p === '/crm/v7/Contacts/search') {
    const values = [url.searchParams.get('email') ?? '', url.searchParams.get('phone') ?? ''];
    const criteria = url.searchParams.get('criteria') ?? '';
    for (const m of criteria.matchAll(/\((\w+):equals:((?:\\.|[^)\\])*)\)/g))
      values.push((m[2] ?? '').replace(/\\(.)/g, '$1'));
    const data = crm.contacts.zoho
      .filter((c) => values.some((v) => matches(c, v)))
      .map((c) => ({ id: c.id, Last_Name: c.name, Email: c.email ?? null, Phone: c.phone ?? null }));
    if (data.length === 0) return { status: 204 };
    return {
      status: 200,
      body: { data, info: { per_page: 200, count: data.length, page: 1, more_records: false } },
    };
  }
  const rows = (body.data as unknown[]) ?? [];
  if (method === 'POST' && p === '/crm/v7/Contacts') {
    const row = obj(rows[0]);
    if (!str(row.Last_Name))
      return {
        status: 400,
        body: {
          data: [{ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' }, status: 'error' }],
        },
      };
    const c = crm.seed('zoho', { name: str(row.Last_Name), email: str(row.Email), phone: str(row.Phone) });
    return { status: 201, body: { data: [ok(c.id)] } };
  }
  const notes = /^\/crm\/v7\/Contacts\/([^/]+)\/Notes$/.exec(p);
  if (method === 'POST' && notes) {
    const row = obj(rows[0]);
    const id = decodeURIComponent(notes[1] ?? '');
    if (!known(crm, 'zoho', id) || !str(row.Note_Content))
      return { status: 400, body: { data: [{ code: 'INVALID_DATA', status: 'error' }] } };
    return { status: 201, body: { data: [ok(note(crm, 'zoho', id, str(row.Note_Content)).id)] } };
  }
};
