// Issue 17: every workflow preset end to end in Chromium against its vendor's fixture API
// (test/harness/servers/vendor-crm.ts): a uContact call from an unknown number is found or created
// at assignment and its conversation logged as one note at the close; the caller's second
// conversation reuses the link (no search request). Needs the workflow engine (src/workflows/).
// Issue 21: the two Chatwoot round-trip presets against the demo OneChat dashboard (real ActionCable
// client), the fixture CRM's own API and the demo Chatwoot API: a conversation created in Chatwoot gets
// its CRM record's link as a private note and its lead status as a label, with the agent's token.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_PRESETS, ruleFromPreset } from '../../src/presets';
import { chatwootLeadLabelPreset, chatwootNotePreset } from '../../src/presets/chatwoot';
import { DEMO_API_TOKEN } from '../harness/servers/actioncable';
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

describe('Chatwoot round-trip presets end to end', () => {
  it('a conversation created in OneChat: the CRM contact is created and its link arrives as a private note, the lead status as a label, both with the api_access_token header', async () => {
    const { cable } = env.servers;
    const { api } = cable;
    expect(
      await send(env.browser, { type: 'secrets.set', name: 'chatwoot_token', value: DEMO_API_TOKEN }),
    ).toEqual({ ok: true });
    crm.leads.push({ id: '701', name: 'Grace', email: 'grace@example.com', status: 'Qualified' });
    api.accountLabels.add('lead-qualified');
    api.labels.set('1/91', ['vip']);
    await configure(env, {
      sites: [
        {
          id: 'onechat',
          name: 'OneChat',
          matches: [`${env.servers.workspace.origin}/*`],
          platforms: { onechat: {} },
        },
      ],
      rules: [
        pointAt(ruleFromPreset(chatwootNotePreset, 'cw-note'), 'own', server.origin),
        pointAt(ruleFromPreset(chatwootLeadLabelPreset, 'cw-label'), 'own', server.origin),
      ],
    });
    const page = await env.browser.ctx.newPage();
    await page.goto(`${env.servers.workspace.origin}/onechat/dashboard.html?client=presets`);
    const state = (p: Page) => p.evaluate(() => (window as unknown as { sim: { state: string } }).sim.state);
    await waitFor(async () => (await state(page)) === 'subscribed', 'dashboard subscribed');
    await waitFor(() => cable.subscriptions().some((s) => s.client === 'presets'), 'subscription seen');

    const created = (await cable.fixture('conversation_created')).data as {
      meta: { sender: Record<string, unknown> };
    };
    const sender = { ...created.meta.sender, name: 'Grace Hopper', email: 'grace@example.com' };
    await cable.broadcastFixture('conversation_created', { id: 91, meta: { ...created.meta, sender } });

    const at = (tail: string) => `/api/v1/accounts/1/conversations/91/${tail}`;
    const note = await waitFor(
      () => api.calls.find((c) => c.method === 'POST' && c.path === at('messages')),
      'the private note at the Chatwoot API',
    );
    const contact = crm.contacts.own.find((c) => c.email === 'grace@example.com');
    expect(contact?.name).toBe('Grace Hopper');
    expect(note).toMatchObject({
      token: DEMO_API_TOKEN,
      body: {
        content: `${server.origin}/own/contacts/${contact?.id} (CRM record of Grace Hopper)`,
        message_type: 'outgoing',
        private: true,
      },
    });

    await waitFor(() => api.labelsOf(1, 91).length === 2, 'the lead label at the Chatwoot API');
    expect(api.labelsOf(1, 91)).toEqual(['vip', 'lead-qualified']);
    const labelCalls = api.calls.filter((c) => c.path === at('labels'));
    expect(labelCalls.map((c) => [c.method, c.token, c.body])).toEqual([
      ['GET', DEMO_API_TOKEN, {}],
      ['POST', DEMO_API_TOKEN, { labels: ['vip', 'lead-qualified'] }],
    ]);
    // The CRM was asked with its own token; the Chatwoot token went nowhere else.
    const own = crm.requests('own');
    expect(own.map((r) => r.headers.authorization)).toEqual(own.map(() => `Bearer ${FIXTURE_TOKEN}`));
    expect(JSON.stringify(crm.received)).not.toContain(DEMO_API_TOKEN);
    await page.close();
  });
});
