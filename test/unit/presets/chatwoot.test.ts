// Issue 21: the Chatwoot round-trip presets. Their agent-command steps rendered as the worker renders
// them over a chain scope (the event, `steps.*`, `links.*`): the CRM's answer (a record id, a lead
// status) only fills the note's text or one sanitised label; the host is always the event's origin
// and the token a reference to the secret the preset names.
import { describe, expect, it } from 'vitest';
import { renderRestCommand } from '../../../src/actions/rest-command';
import type { BridgeEvent, CaptureContext } from '../../../src/events/model';
import { onechat } from '../../../src/platforms/onechat';
import { chatwootLeadLabelPreset, chatwootNotePreset } from '../../../src/presets/chatwoot';
import type { Preset } from '../../../src/presets/types';
import { testCondition } from '../../../src/rules/conditions';
import { type Action, RuleSchema } from '../../../src/rules/schema';

const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://chat.example',
  page: { url: 'https://chat.example/app/accounts/1/dashboard', title: 'OneChat' },
  tabId: 5,
  frameId: 0,
};
/** The seed's conversation.created (conversation 7, account 1) as the chain scope sees it. */
const scope = (extra: { steps?: unknown; links?: Record<string, string> }): BridgeEvent => {
  const raw = onechat.fixtures.find((f) => f.name === 'conversation_created')?.raw;
  const r = onechat.normalize(raw, ctx);
  if (!r.ok || !r.events[0]) throw new Error('fixture');
  return { ...r.events[0], steps: {}, links: {}, ...extra } as BridgeEvent;
};
const step = (preset: Preset, id: string) => {
  const rule = RuleSchema.parse({ ...preset.rule, id: 'r' });
  const action = rule.then.find((a) => a.id === id);
  if (action?.kind !== 'agent-command') throw new Error(id);
  return action as Extract<Action, { kind: 'agent-command' }>;
};
const render = (action: Extract<Action, { kind: 'agent-command' }>, event: BridgeEvent) => {
  const spec = onechat.commands[action.command];
  if (!spec?.rest) throw new Error(action.command);
  const r = renderRestCommand(action, { ...spec, rest: spec.rest }, event, {
    names: ['crm_token', 'chatwoot_token'],
    managed: [],
    ruleManaged: false,
  });
  if (!r.ok) throw new Error(r.error);
  return { ...r.request, json: JSON.parse(String(r.request.body?.[0])) };
};
const CONVERSATION = 'https://chat.example/api/v1/accounts/1/conversations/7';

describe('lead status → one Chatwoot label, whatever the CRM answers', () => {
  const label = step(chatwootLeadLabelPreset, 'label');
  it.each([
    ['Qualified', 'lead-qualified'],
    ['Closed/Won!', 'lead-closed-won'],
    ['hot, vip, urgent', 'lead-hot-vip-urgent'],
    ['Em negociação', 'lead-em-negociação'],
    ['https://evil.example/api', 'lead-https-evil-example-api'],
    ['{{ secrets.chatwoot_token }}', 'lead--secrets-chatwoot_token'], // the text, never rendered again
    [42, 'lead-42'],
  ])('status %j → %j, add-labels on the event origin with the token by reference', (status, expected) => {
    const request = render(label, scope({ steps: { lead: { body: [{ id: '701', status }] } } }));
    expect(request.json).toEqual({ labels: [expected] });
    expect(request.url).toBe(`${CONVERSATION}/labels`);
    expect(request.merge).toEqual({ readUrl: request.url, list: 'payload', field: 'labels', op: 'add' });
    expect(request.headers.api_access_token).toEqual([{ secret: 'chatwoot_token' }]);
  });

  it.each([
    ['no lead', []],
    ['a lead without a status', [{ id: '701' }]],
    ['an empty status', [{ id: '701', status: '' }]],
  ])('%s: the label step does not run', (_why, body) => {
    const event = scope({ steps: { lead: { body } } });
    expect((label.if ?? []).every((c) => testCondition(event, c))).toBe(false);
  });
});

describe('CRM record link → private note', () => {
  const note = step(chatwootNotePreset, 'note');
  it.each([
    ['502', 'https://crm.example.com/contacts/502 (CRM record of white-shadow-394)'],
    ['../../x?y', 'https://crm.example.com/contacts/../../x?y (CRM record of white-shadow-394)'],
  ])('record %j: a private note on the event origin, the id only in its text', (id, content) => {
    const request = render(note, scope({ links: { contact: id, conversation: id } }));
    expect(request.url).toBe(`${CONVERSATION}/messages`);
    expect(request.json).toEqual({ content, message_type: 'outgoing', private: true, content_type: 'text' });
    expect(request.headers.api_access_token).toEqual([{ secret: 'chatwoot_token' }]);
  });

  it('runs only once the conversation has a CRM record', () => {
    const has = (links: Record<string, string>) =>
      (note.if ?? []).every((c) => testCondition(scope({ links }), c));
    expect(has({})).toBe(false);
    expect(has({ conversation: '502' })).toBe(true);
  });
});
