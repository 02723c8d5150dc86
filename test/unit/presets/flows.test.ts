import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { previewAction } from '../../../src/actions/dry-run';
import { renderHttp } from '../../../src/actions/http';
import { eventScope, renderString } from '../../../src/actions/render';
import type { BridgeEvent } from '../../../src/events/model';
import { resolveRequest } from '../../../src/outbox/resolve';
import { FLOW_PRESETS, ruleFromPreset } from '../../../src/presets';
import type { Preset } from '../../../src/presets/types';
import { testCondition } from '../../../src/rules/conditions';
import { explainRule } from '../../../src/rules/matcher';
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

/** The conversation's two events: assigned (the workspace names the visitor), then closed (it does not). */
const event = (type: 'conversation.assigned' | 'conversation.closed', links: Record<string, string>) =>
  ({
    id: `e-${type}`,
    type,
    platform: 'ucontact',
    sourceEvent: type === 'conversation.closed' ? 'finishedInteraction' : 'assignedInteraction',
    receivedAt: '2026-11-29T10:05:00.000Z',
    conversation: {
      id: 'conv-1',
      transcript: TRANSCRIPT,
      messages: [
        { direction: 'in', author: 'Ada', text: 'Hello, my order is late', at: '2026-11-29T10:00:00Z' },
      ],
    },
    contact:
      type === 'conversation.closed'
        ? {}
        : { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0018' },
    links,
  }) as unknown as BridgeEvent;

interface StepResult {
  status: number;
  body: unknown;
  count?: number;
}

/**
 * The workflow contract (src/rules/schema.ts) played by hand, as the engine does: the rule's `when`,
 * each step's `if` over the event plus `steps` and `links`, the request rendered and resolved as the
 * outbox sends it, its result read back as `steps.<id>`, `remember` filling `links`. Only to check
 * the presets against the fixture CRM's documented shapes (the engine itself is src/workflows/).
 */
async function runFlow(preset: Preset, origin: string, visitorLink?: string) {
  const rule = RuleSchema.parse(
    pointAt(ruleFromPreset(preset, 'r1'), VENDOR_OF[preset.id] as Vendor, origin),
  );
  const links: Record<string, string> = visitorLink ? { contact: visitorLink } : {};
  const all: Record<string, StepResult> = {};
  const ran: string[] = [];
  for (const type of ['conversation.assigned', 'conversation.closed'] as const) {
    const steps: Record<string, StepResult | { skipped: true }> = {};
    if (!explainRule(rule, event(type, links)).matched) continue;
    for (const action of rule.then) {
      const id = action.id ?? '';
      const ctx = { ...event(type, links), steps } as unknown as BridgeEvent;
      if (!(action.if ?? []).every((c) => testCondition(ctx, c))) {
        steps[id] = { skipped: true };
        continue;
      }
      ran.push(id);
      if (action.kind === 'http') {
        const { request } = renderHttp(action, ctx, {
          names: preset.secrets,
          managed: [],
          ruleManaged: false,
        });
        const secrets = new Map(preset.secrets.map((n) => [n, FIXTURE_TOKEN]));
        const resolved = resolveRequest(request, secrets, () => false, false);
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
        const count = action.matches === undefined ? undefined : Array.isArray(list) ? list.length : 0;
        steps[id] = { status: res.status, body, count };
        all[id] = steps[id] as StepResult;
      }
      const after = { ...event(type, links), steps } as unknown as BridgeEvent;
      for (const [k, tpl] of Object.entries(action.remember ?? {})) {
        const v = renderString(tpl ?? '', eventScope(after), 'text').value;
        if (v) links[k] = v;
      }
    }
  }
  return { steps: all, ran, links };
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
    expect(rule.then.map((a) => a.id)).toEqual(['find', 'create', 'link', 'log']);
    expect(rule.when.events).toContain('conversation.closed');
    expect(Object.keys(preset.samples ?? {})).toEqual(['find', 'create', 'log']);
  });

  it.each(
    cases,
  )('%s: an unknown visitor is created and the transcript lands on the new contact', async (id, preset) => {
    const vendor = VENDOR_OF[id] as Vendor;
    const { ran, steps, links } = await runFlow(preset, server.origin);
    expect(ran).toEqual(['find', 'create', 'log']);
    expect(links).toEqual({
      contact: crm.contacts[vendor][0]?.id,
      conversation: crm.contacts[vendor][0]?.id,
    });
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
    const { ran } = await runFlow(preset, server.origin, known.id);
    expect(ran).toEqual(['link', 'log']);
    expect(crm.requests(vendor)).toHaveLength(1);
    expect(crm.notes[vendor].map((n) => n.contactId)).toEqual([known.id]);
  });

  it.each(
    cases,
  )('%s: the samples have the fixture’s shapes (ids where the templates read them)', async (id, preset) => {
    const vendor = VENDOR_OF[id] as Vendor;
    const { steps } = await runFlow(preset, server.origin);
    for (const action of (preset.rule.then as Action[]).filter((a) => a.kind === 'http')) {
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
    const ctx = {
      ...event('conversation.closed', { contact: '502', conversation: '502' }),
      steps: samples,
    } as unknown as BridgeEvent;
    for (const [i, action] of rule.then.entries()) {
      const dry = previewAction(action, ctx, preset.secrets, i);
      expect(dry.error).toBeUndefined();
      expect(JSON.stringify(dry.preview)).not.toContain(FIXTURE_TOKEN);
      if (action.id === 'log') expect(JSON.stringify(dry.preview)).toMatch(/502|Let me check/);
    }
  });
});
