import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { previewAction } from '../../../src/actions/dry-run';
import { renderHttp } from '../../../src/actions/http';
import type { BridgeEvent } from '../../../src/events/model';
import { resolveRequest } from '../../../src/outbox/resolve';
import { FLOW_PRESETS, ruleFromPreset } from '../../../src/presets';
import type { Preset } from '../../../src/presets/types';
import { testCondition } from '../../../src/rules/conditions';
import { type Action, RuleSchema } from '../../../src/rules/schema';
import { getPath } from '../../../src/util/paths';
import type { Listening } from '../../harness/servers/http';
import { FIXTURE_TOKEN, pointAt, type Vendor, VendorCrm } from '../../harness/servers/vendor-crm';

const VENDOR_OF: Record<string, Vendor> = {
  'hubspot-flow': 'hubspot',
  'pipedrive-flow': 'pipedrive',
  'zoho-flow': 'zoho',
  'bitrix24-flow': 'bitrix24',
  'kommo-flow': 'kommo',
  'own-api-flow': 'own',
};
const TRANSCRIPT = '[10:00] visitor Ada: Hello, my order is late\n[10:01] agent Bob: Let me check';

const closed = (links: Record<string, string> = {}) =>
  ({
    id: 'e1',
    type: 'conversation.closed',
    platform: 'jivochat',
    sourceEvent: 'jivo_onChatClosed',
    receivedAt: '2026-11-29T10:05:00.000Z',
    conversation: {
      id: 'conv-1',
      transcript: TRANSCRIPT,
      messages: [
        { direction: 'in', author: 'Ada', text: 'Hello, my order is late', at: '2026-11-29T10:00:00Z' },
      ],
    },
    contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0018' },
    links,
  }) as unknown as BridgeEvent;

interface StepResult {
  status: number;
  body: unknown;
  count?: number;
}

/**
 * The workflow contract (src/rules/schema.ts) played by hand, as the engine does: each step's `if`
 * over the event plus `steps` and `links`, rendered and resolved as the outbox sends it, its result
 * read back as `steps.<id>`. Only to check the presets against the fixture CRM's documented shapes.
 */
async function runFlow(preset: Preset, origin: string, links: Record<string, string> = {}) {
  const rule = RuleSchema.parse({
    ...pointAt(ruleFromPreset(preset, 'r1'), VENDOR_OF[preset.id] as Vendor, origin),
  });
  const steps: Record<string, StepResult | { skipped: true }> = {};
  const ran: string[] = [];
  for (const action of rule.then) {
    if (action.kind !== 'http' || !action.id) throw new Error('flow steps are http steps with ids');
    const ctx = { ...closed(links), steps } as unknown as BridgeEvent;
    if (!(action.if ?? []).every((c) => testCondition(ctx, c))) {
      steps[action.id] = { skipped: true };
      continue;
    }
    const { request } = renderHttp(action, ctx, { names: preset.secrets, managed: [], ruleManaged: false });
    const resolved = resolveRequest(
      request,
      new Map(preset.secrets.map((s) => [s, FIXTURE_TOKEN])),
      () => false,
      false,
    );
    if ('refused' in resolved) throw new Error(resolved.refused);
    const res = await fetch(request.url, {
      method: request.method,
      headers: resolved.headers,
      body: resolved.body,
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    const list =
      action.matches === undefined ? undefined : action.matches ? getPath(body, action.matches) : body;
    steps[action.id] = {
      status: res.status,
      body,
      count: action.matches === undefined ? undefined : Array.isArray(list) ? list.length : 0,
    };
    ran.push(action.id);
  }
  return { steps, ran };
}

let crm: VendorCrm;
let server: Listening;
beforeAll(async () => {
  crm = new VendorCrm();
  server = await crm.start();
});
afterAll(() => server.close());
beforeEach(() => {
  crm.received.length = 0;
  for (const v of Object.keys(crm.contacts) as Vendor[]) {
    crm.contacts[v].length = 0;
    crm.notes[v].length = 0;
  }
});

const cases = FLOW_PRESETS.map((p) => [p.id, p] as const);

describe('workflow presets', () => {
  it.each(cases)('%s parses as a rule with find → create → log steps', (_id, preset) => {
    const rule = RuleSchema.parse(ruleFromPreset(preset, 'r1'));
    expect(rule.then.map((a) => a.id)).toEqual(['find', 'create', 'log']);
    expect(rule.when.events).toEqual(['conversation.closed']);
    expect(Object.keys(preset.samples ?? {})).toEqual(['find', 'create', 'log']);
  });

  it.each(
    cases,
  )('%s: an unknown visitor is created and the transcript lands on the new contact', async (id, preset) => {
    const vendor = VENDOR_OF[id] as Vendor;
    const { ran, steps } = await runFlow(preset, server.origin);
    expect(ran).toEqual(['find', 'create', 'log']);
    expect(crm.requests(vendor).map((r) => r.status)).toEqual(
      crm.requests(vendor).map((r) => (r.status >= 200 && r.status < 300 ? r.status : -1)),
    );
    expect(crm.contacts[vendor]).toHaveLength(1);
    const [contact] = crm.contacts[vendor];
    expect(contact?.email || contact?.phone).toBeTruthy();
    expect(crm.notes[vendor]).toHaveLength(1);
    expect(crm.notes[vendor][0]?.contactId).toBe(contact?.id);
    expect(crm.notes[vendor][0]?.text).toContain('Let me check');
    expect((steps.find as StepResult).count).toBe(0);
  });

  it.each(
    cases,
  )('%s: a known visitor is found (no create) and the note goes on the match', async (id, preset) => {
    const vendor = VENDOR_OF[id] as Vendor;
    const known = crm.seed(vendor, { name: 'Ada', email: 'ada@example.com', phone: '+442079460018' });
    const { ran, steps } = await runFlow(preset, server.origin);
    expect(ran).toEqual(['find', 'log']);
    expect((steps.find as StepResult).count).toBe(1);
    expect(crm.contacts[vendor]).toHaveLength(1);
    expect(crm.notes[vendor].map((n) => n.contactId)).toEqual([known.id]);
    // The find step's remember template reads the id from the vendor's answer.
    const remember = (preset.rule.then[0] as Action).remember?.contact ?? '';
    const path = /steps\.find\.(\S+) \}\}/.exec(remember)?.[1] ?? '';
    expect(String(getPath(steps.find, path))).toBe(known.id);
  });

  it.each(cases)('%s: a linked visitor makes no search request', async (id, preset) => {
    const vendor = VENDOR_OF[id] as Vendor;
    const known = crm.seed(vendor, { name: 'Ada', email: 'ada@example.com', phone: '+442079460018' });
    const { ran } = await runFlow(preset, server.origin, { contact: known.id });
    expect(ran).toEqual(['log']);
    expect(crm.requests(vendor)).toHaveLength(1);
    expect(crm.notes[vendor].map((n) => n.contactId)).toEqual([known.id]);
  });

  it.each(
    cases,
  )('%s: the samples have the fixture’s shapes (ids where the templates read them)', async (id, preset) => {
    const vendor = VENDOR_OF[id] as Vendor;
    const { steps } = await runFlow(preset, server.origin);
    for (const action of preset.rule.then as Action[]) {
      const sample = preset.samples?.[action.id ?? ''];
      const real = steps[action.id ?? ''] as StepResult;
      expect(Math.floor((sample?.status ?? 0) / 100)).toBe(Math.floor(real.status / 100));
      const rememberPath = /steps\.\w+\.(\S+) \}\}/.exec(action.remember?.contact ?? '')?.[1];
      if (action.id === 'create' && rememberPath) {
        expect(getPath({ body: sample?.body }, rememberPath)).toBeDefined();
        expect(String(getPath(real, rememberPath))).toBe(crm.contacts[vendor][0]?.id);
      }
    }
  });

  it.each(
    cases,
  )('%s: the dry run renders every step against the samples, secrets as references', (_id, preset) => {
    const samples = preset.samples ?? {};
    const rule = RuleSchema.parse(ruleFromPreset(preset, 'r1'));
    const ctx = { ...closed(), steps: samples } as unknown as BridgeEvent;
    for (const [i, action] of rule.then.entries()) {
      const dry = previewAction(action, ctx, preset.secrets, i);
      expect(dry.error).toBeUndefined();
      expect(JSON.stringify(dry.preview)).not.toContain(FIXTURE_TOKEN);
      if (action.id === 'log') expect(JSON.stringify(dry.preview)).toMatch(/502|Let me check/);
    }
  });
});
