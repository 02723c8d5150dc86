// Issue 17: every workflow preset end to end in Chromium against its vendor's fixture API
// (test/harness/servers/vendor-crm.ts): a uContact call from an unknown number is found or created
// at assignment and its conversation logged as one note at the close; the caller's second
// conversation reuses the link (no search request). Needs the workflow engine (src/workflows/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_PRESETS, ruleFromPreset } from '../../src/presets';
import type { Listening } from '../harness/servers/http';
import { FIXTURE_TOKEN, pointAt, type Vendor, VendorCrm } from '../harness/servers/vendor-crm';
import { crmSite } from './fixtures';
import { configure, type Env, emit, openCrm, send, startEnv, waitFor, workspaceDetected } from './setup';

const VENDOR_OF: Record<string, Vendor> = {
  'hubspot-flow': 'hubspot',
  'pipedrive-flow': 'pipedrive',
  'zoho-flow': 'zoho',
  'bitrix24-flow': 'bitrix24',
  'kommo-flow': 'kommo',
  'own-api-flow': 'own',
};

let env: Env;
let crm: VendorCrm;
let server: Listening;

beforeAll(async () => {
  env = await startEnv();
  crm = new VendorCrm();
  server = await crm.start();
  for (const name of new Set(FLOW_PRESETS.flatMap((p) => p.secrets)))
    expect(await send(env.browser, { type: 'secrets.set', name, value: FIXTURE_TOKEN })).toEqual({
      ok: true,
    });
});

afterAll(async () => {
  await server?.close();
  await env?.close();
});

/** The vendor's search request (the find step), told apart from create and note requests. */
const isSearch = (vendor: Vendor, r: { method: string; path: string }) =>
  vendor === 'bitrix24'
    ? r.path.includes('crm.contact.list')
    : vendor === 'hubspot'
      ? r.path.endsWith('/contacts/search')
      : r.method === 'GET';

describe('workflow presets end to end', () => {
  it.each(
    FLOW_PRESETS.map((p, i) => [p.id, p, i] as const),
  )('%s: find or create at assignment, one note at close; the second conversation needs no search', async (id, preset, i) => {
    const vendor = VENDOR_OF[id] as Vendor;
    const phone = `+4420794600${10 + i}`;
    await configure(env, {
      sites: [
        crmSite(env.servers, {
          name: 'Demo CRM',
          platforms: { ucontact: { origins: [env.servers.workspace.origin] } },
        }),
      ],
      rules: [pointAt(ruleFromPreset(preset, `flow-${id}`), vendor, server.origin)],
    });
    const { page, frame } = await openCrm(env, 'ucontact', 'ucontact');
    await workspaceDetected(env, 'ucontact', env.servers.crm.origin);

    // (a) An unknown caller: searched, created, and one note on the new contact at the close.
    await emit(frame, 'assignedInteraction', {
      guid: `${id}-1`,
      campaign: 'c',
      channel: 'whatsapp',
      clientId: phone,
    });
    await waitFor(() => crm.contacts[vendor].length === 1, `${id}: contact created`);
    await emit(frame, 'finishedInteraction', { guid: `${id}-1`, finishDate: '2026-11-29 10:05:00' });
    await waitFor(() => crm.notes[vendor].length === 1, `${id}: note logged`);
    const [contact] = crm.contacts[vendor];
    expect(contact?.phone?.replace(/\D/g, '')).toBe(phone.replace(/\D/g, ''));
    expect(crm.notes[vendor][0]?.contactId).toBe(contact?.id);
    const searches = () => crm.requests(vendor).filter((r) => isSearch(vendor, r));
    expect(searches()).toHaveLength(1);

    // (b) The same caller again: the remembered link, no search, the note on the same contact.
    await emit(frame, 'assignedInteraction', {
      guid: `${id}-2`,
      campaign: 'c',
      channel: 'whatsapp',
      clientId: phone,
    });
    await emit(frame, 'finishedInteraction', { guid: `${id}-2`, finishDate: '2026-11-29 11:05:00' });
    await waitFor(() => crm.notes[vendor].length === 2, `${id}: second note logged`);
    expect(crm.notes[vendor].map((n) => n.contactId)).toEqual([contact?.id, contact?.id]);
    expect(searches()).toHaveLength(1);
    expect(crm.contacts[vendor]).toHaveLength(1);
    expect(crm.requests(vendor).every((r) => r.status >= 200 && r.status < 300)).toBe(true);
    await page.close();
  });
});
