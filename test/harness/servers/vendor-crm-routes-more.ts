import { known, matches, note, type Obj, obj, type Route, str } from './vendor-crm-util';

/** Bitrix24 REST over an incoming webhook: crm.contact.list, crm.duplicate.findbycomm, crm.contact.add, crm.timeline.comment.add. */
export const bitrix24: Route = (crm, method, url, body) => {
  if (method !== 'POST') return undefined;
  const m = url.pathname.split('/').pop() ?? '';
  const time = { start: 0, finish: 0, duration: 0 };
  const values = (v: unknown) => (Array.isArray(v) ? v.map((x) => str(obj(x).VALUE)) : []);
  if (m === 'crm.contact.list.json') {
    const f = obj(body.filter);
    const wanted = [str(f.PHONE), str(f.EMAIL)];
    const result = crm.contacts.bitrix24
      .filter((c) => wanted.some((v) => matches(c, v)))
      .map((c) => ({
        ID: c.id,
        NAME: c.name,
        PHONE: c.phone ? [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: c.phone, TYPE_ID: 'PHONE' }] : [],
        EMAIL: c.email ? [{ ID: '2', VALUE_TYPE: 'WORK', VALUE: c.email, TYPE_ID: 'EMAIL' }] : [],
      }));
    return { status: 200, body: { result, total: result.length, time } };
  }
  if (m === 'crm.duplicate.findbycomm.json') {
    const ids = crm.contacts.bitrix24
      .filter((c) => ((body.values as unknown[]) ?? []).some((v) => matches(c, str(v))))
      .map((c) => Number(c.id));
    return { status: 200, body: { result: ids.length ? { CONTACT: ids } : [], time } };
  }
  if (m === 'crm.contact.add.json') {
    const f = obj(body.fields);
    const c = crm.seed('bitrix24', {
      name: str(f.NAME),
      phone: values(f.PHONE)[0],
      email: values(f.EMAIL)[0],
    });
    return { status: 200, body: { result: Number(c.id), time } };
  }
  if (m === 'crm.timeline.comment.add.json') {
    const f = obj(body.fields);
    if (str(f.ENTITY_TYPE) !== 'contact' || !known(crm, 'bitrix24', str(f.ENTITY_ID)))
      return {
        status: 400,
        body: { error: 'ERROR_ENTITY_NOT_FOUND', error_description: 'entity not found' },
      };
    return {
      status: 200,
      body: { result: Number(note(crm, 'bitrix24', str(f.ENTITY_ID), str(f.COMMENT)).id), time },
    };
  }
};

/** Kommo API v4: GET /api/v4/contacts?query= (204 when nothing matches), POST /api/v4/contacts, POST /api/v4/contacts/notes. */
export const kommo: Route = (crm, method, url, _body, raw) => {
  const p = url.pathname;
  const list = Array.isArray(raw) ? raw.map(obj) : [];
  const field = (c: Obj, code: string) =>
    str(
      obj(
        ((obj(((c.custom_fields_values as unknown[]) ?? []).find((f) => obj(f).field_code === code))
          .values as unknown[]) ?? [])[0],
      ).value,
    );
  if (method === 'GET' && p === '/api/v4/contacts') {
    const q = url.searchParams.get('query') ?? '';
    const contacts = crm.contacts.kommo
      .filter((c) => matches(c, q))
      .map((c) => ({ id: Number(c.id), name: c.name, custom_fields_values: [] }));
    if (contacts.length === 0) return { status: 204 };
    return { status: 200, body: { _page: 1, _links: {}, _embedded: { contacts } } };
  }
  if (method === 'POST' && p === '/api/v4/contacts') {
    if (list.length === 0) return { status: 400, body: { title: 'Bad Request', status: 400 } };
    const contacts = list.map((c, i) => {
      const made = crm.seed('kommo', {
        name: str(c.name),
        phone: field(c, 'PHONE'),
        email: field(c, 'EMAIL'),
      });
      return { id: Number(made.id), request_id: String(i), _links: {} };
    });
    return { status: 200, body: { _links: {}, _embedded: { contacts } } };
  }
  // POST /api/v4/contacts/notes (entity_id in each note) or /api/v4/contacts/{id}/notes.
  const forOne = /^\/api\/v4\/contacts\/(\d+)\/notes$/.exec(p)?.[1];
  if (method === 'POST' && (p === '/api/v4/contacts/notes' || forOne)) {
    if (forOne) for (const n of list) n.entity_id = forOne;
    const bad = list.some((n) => n.note_type !== 'common' || !known(crm, 'kommo', str(n.entity_id)));
    if (list.length === 0 || bad) return { status: 400, body: { title: 'Bad Request', status: 400 } };
    const notes = list.map((n, i) => {
      const made = note(crm, 'kommo', str(n.entity_id), str(obj(n.params).text));
      return { id: Number(made.id), entity_id: Number(made.contactId), request_id: String(i), _links: {} };
    });
    return { status: 200, body: { _links: {}, _embedded: { notes } } };
  }
};

/**
 * "My own REST API": GET /api/contacts?phone=&email= (a JSON array), POST /api/contacts, POST
 * /api/contacts/{id}/activities, and GET /api/leads?phone=&email= (a JSON array of {id, name, status}).
 */
export const own: Route = (crm, method, url, body) => {
  const p = url.pathname;
  const wanted = [url.searchParams.get('phone') ?? '', url.searchParams.get('email') ?? ''];
  if (method === 'GET' && p === '/api/contacts')
    return { status: 200, body: crm.contacts.own.filter((c) => wanted.some((v) => matches(c, v))) };
  if (method === 'GET' && p === '/api/leads')
    return { status: 200, body: crm.leads.filter((l) => wanted.some((v) => matches({ ...l }, v))) };
  if (method === 'POST' && p === '/api/contacts') {
    return {
      status: 201,
      body: crm.seed('own', { name: str(body.name), email: str(body.email), phone: str(body.phone) }),
    };
  }
  const act = /^\/api\/contacts\/([^/]+)\/activities$/.exec(p);
  if (method === 'POST' && act) {
    const id = decodeURIComponent(act[1] ?? '');
    if (!known(crm, 'own', id)) return { status: 404, body: { error: 'no such contact' } };
    return { status: 201, body: note(crm, 'own', id, str(body.transcript)) };
  }
};
