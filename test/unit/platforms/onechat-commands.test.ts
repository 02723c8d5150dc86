// OneChat commands back through Chatwoot's REST API (issue 21): documented paths and bodies, the token
// from a secret named literally by the rule, the host from the event's trusted origin.
import { describe, expect, it } from 'vitest';
import { renderRestCommand } from '../../../src/actions/rest-command';
import type { CaptureContext } from '../../../src/events/model';
import { onechat } from '../../../src/platforms/onechat';
import { type Action, RuleSchema } from '../../../src/rules/schema';

const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://chat.example',
  page: { url: 'https://chat.example/app/accounts/1/dashboard', title: 'OneChat' },
  tabId: 5,
  frameId: 0,
};
const raw = onechat.fixtures.find((f) => f.name === 'message_created')?.raw;
const event = (() => {
  const r = onechat.normalize(raw, ctx);
  if (!r.ok || !r.events[0]) throw new Error('fixture');
  return r.events[0];
})();
const access = { names: ['cw', 'org'], managed: ['org'], ruleManaged: false };
const action = (command: string, params: Record<string, unknown>) =>
  RuleSchema.parse({
    id: 'r',
    when: { events: ['message.created'] },
    then: [{ kind: 'agent-command', command, params }],
  }).then[0] as Extract<Action, { kind: 'agent-command' }>;
const render = (command: string, params: Record<string, unknown>, e = event, a = access) => {
  const spec = onechat.commands[command];
  if (!spec?.rest) throw new Error(command);
  return renderRestCommand(action(command, params), { ...spec, rest: spec.rest }, e, a);
};
const ids = {
  accountId: '{{ data.message.data.account_id }}',
  conversationId: '{{ conversation.id }}',
  tokenSecret: 'cw',
};
const PATH = 'https://chat.example/api/v1/accounts/1/conversations/';

describe('OneChat REST commands: documented paths and bodies', () => {
  it.each([
    [
      'private-note',
      { content: 'CRM: {{ message.text }}' },
      'messages',
      { content: 'CRM: hi', message_type: 'outgoing', private: true, content_type: 'text' },
    ],
    [
      'send-message',
      { content: 'Thanks' },
      'messages',
      { content: 'Thanks', message_type: 'outgoing', private: false, content_type: 'text' },
    ],
    ['set-labels', { labels: 'Qualified Lead, vip' }, 'labels', { labels: ['qualified-lead', 'vip'] }],
    ['set-labels', { labels: ['ab', ' b2 '] }, 'labels', { labels: ['ab', 'b2'] }],
    [
      'set-labels',
      { labels: ['Closed/Won!', 'Новый лид'] },
      'labels',
      { labels: ['closed-won', 'новый-лид'] },
    ],
    ['add-labels', { labels: 'vip' }, 'labels', { labels: ['vip'] }],
    ['remove-labels', { labels: ['VIP', 'billing'] }, 'labels', { labels: ['vip', 'billing'] }],
    ['assign', { assigneeId: '3' }, 'assignments', { assignee_id: 3 }],
    ['assign', { teamId: 2 }, 'assignments', { team_id: 2 }],
    ['set-status', { status: 'resolved' }, 'toggle_status', { status: 'resolved' }],
    [
      'set-status',
      { status: 'snoozed', snoozedUntil: 1700000000 },
      'toggle_status',
      { status: 'snoozed', snoozed_until: 1700000000 },
    ],
  ])('%s %j → POST …/%s', (command, params, tail, body) => {
    const r = render(command, { ...ids, ...params });
    if (!r.ok) throw new Error(r.error);
    const conversation = event.conversation?.id;
    expect(r.request).toMatchObject({ method: 'POST', url: `${PATH}${conversation}/${tail}` });
    expect(r.request.headers).toEqual({
      api_access_token: [{ secret: 'cw' }],
      'Content-Type': ['application/json'],
    });
    expect(JSON.parse(String(r.request.body?.[0]))).toEqual(body);
    // add/remove read the list first, on the same path and origin (src/actions/list-merge.ts).
    const op = { 'add-labels': 'add', 'remove-labels': 'remove' }[command];
    expect(r.request.merge).toEqual(op && { readUrl: r.request.url, list: 'payload', field: 'labels', op });
  });

  it('every OneChat command is a REST command (the dashboard page accepts none)', () => {
    expect(Object.keys(onechat.commands).sort()).toEqual([
      'add-labels',
      'assign',
      'private-note',
      'remove-labels',
      'send-message',
      'set-labels',
      'set-status',
    ]);
    for (const spec of Object.values(onechat.commands)) expect(spec.rest?.secretParam).toBe('tokenSecret');
  });
});

describe('OneChat REST commands: what event data can never do', () => {
  it('names the secret: a template in tokenSecret is refused before rendering', () => {
    const r = render('private-note', { ...ids, content: 'x', tokenSecret: '{{ message.text }}' });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/plain text \(not a template\)/) });
  });

  it('picks the host: the call goes to the event origin whatever the params say', () => {
    const r = render('private-note', { ...ids, content: 'x', accountId: '1/../../../evil' });
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid private-note params: accountId/),
    });
    const plain = render(
      'private-note',
      { ...ids, content: 'x' },
      { ...event, origin: 'http://chat.example' },
    );
    expect(plain).toMatchObject({ ok: false, error: expect.stringMatching(/not https/) });
    const loop = render(
      'private-note',
      { ...ids, content: 'x' },
      { ...event, origin: 'http://127.0.0.2:4000' },
    );
    expect(loop.ok && loop.request.url).toMatch(/^http:\/\/127\.0\.0\.2:4000\/api\/v1\//);
  });

  it('a secret not set, or the organisation’s secret in a user rule, is an outcome, not a request', () => {
    expect(render('private-note', { ...ids, content: 'x', tokenSecret: 'nope' })).toMatchObject({
      ok: false,
      error: 'private-note: the secret "nope" is not set',
    });
    expect(render('private-note', { ...ids, content: 'x', tokenSecret: 'org' })).toMatchObject({ ok: false });
    expect(
      render('private-note', { ...ids, content: 'x', tokenSecret: 'org' }, event, {
        ...access,
        ruleManaged: true,
      }).ok,
    ).toBe(true);
  });

  it.each([
    ['private-note', { content: '  ' }, /content/],
    ['set-labels', { labels: '!!' }, /labels\.0/],
    ['add-labels', { labels: ' , ' }, /one label at least/],
    ['remove-labels', { labels: ['x'] }, /labels\.0: a label/],
    ['assign', { assigneeId: 1, teamId: 2 }, /assigneeId or teamId/],
    ['set-status', { status: 'closed' }, /status/],
  ])('invalid %s params are a readable failure', (command, params, issue) => {
    const r = render(command, { ...ids, ...params });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(issue);
  });
});
