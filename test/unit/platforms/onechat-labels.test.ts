// Issue 21: add-labels / remove-labels through Chatwoot's API, which can only replace a conversation's
// labels. The outbox reads the list (GET …/labels → {payload}) at every attempt and posts the merged
// list: the merge itself, the two-request sequence, and a retry that reads again.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { mergeList } from '../../../src/actions/list-merge';
import { renderRestCommand } from '../../../src/actions/rest-command';
import type { CaptureContext } from '../../../src/events/model';
import { Outbox } from '../../../src/outbox/outbox';
import type { AttemptReport, OutboxItem } from '../../../src/outbox/types';
import { onechat } from '../../../src/platforms/onechat';
import { labelOf } from '../../../src/platforms/onechat/commands';
import { type Action, RuleSchema } from '../../../src/rules/schema';
import { reqDone, STORES, withStore } from '../../../src/util/idb';

const ctx: CaptureContext = {
  receivedAt: 1,
  origin: 'https://chat.example',
  page: { url: 'https://chat.example/app/accounts/1/dashboard', title: 'OneChat' },
  tabId: 5,
  frameId: 0,
};
const event = (() => {
  const raw = onechat.fixtures.find((f) => f.name === 'message_created')?.raw;
  const r = onechat.normalize(raw, ctx);
  if (!r.ok || !r.events[0]) throw new Error('fixture');
  return r.events[0];
})();
const LABELS = `https://chat.example/api/v1/accounts/1/conversations/${event.conversation?.id}/labels`;
const TOKEN = 'cw-token-value';

/** The outbox item an add-labels / remove-labels action queues (as src/actions/run.ts builds it). */
function queued(command: 'add-labels' | 'remove-labels', labels: unknown, id = 'k1'): OutboxItem {
  const action = RuleSchema.parse({
    id: 'r',
    when: { events: ['message.created'] },
    then: [
      {
        kind: 'agent-command',
        command,
        params: { accountId: 1, conversationId: '{{ conversation.id }}', tokenSecret: 'cw', labels },
      },
    ],
  }).then[0] as Extract<Action, { kind: 'agent-command' }>;
  const spec = onechat.commands[command];
  if (!spec?.rest) throw new Error(command);
  const r = renderRestCommand(action, { ...spec, rest: spec.rest }, event, {
    names: ['cw'],
    managed: [],
    ruleManaged: false,
  });
  if (!r.ok) throw new Error(r.error);
  return {
    id,
    journalSeq: 1,
    ruleId: 'r',
    ruleName: 'R',
    actionIndex: 0,
    eventId: event.id,
    orderKey: 'r|c',
    createdAt: 1_000_000,
    attempts: 0,
    nextAttemptAt: 0,
    status: 'pending',
    request: r.request,
  };
}

interface Wire {
  method: string;
  url: string;
  token?: string;
  body?: unknown;
}

/**
 * A Chatwoot conversation's labels behind a fake fetch: GET answers {payload}, POST replaces the list.
 * `answers` overrides the next responses in order (status, or status + body text; null: as Chatwoot).
 */
function chatwoot(labels: string[], answers: Array<number | [number, string] | null> = []) {
  const state = { labels: [...labels] };
  const wire: Wire[] = [];
  const reports: AttemptReport[] = [];
  let now = 1_000_000;
  const fetch = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    wire.push({ method: String(init.method), url, token: headers.api_access_token, body });
    const next = answers.shift() ?? undefined;
    if (next !== undefined) {
      const [status, text] = Array.isArray(next) ? next : [next, '{}'];
      if (status === 0) throw new TypeError('Failed to fetch');
      return new Response(text, { status });
    }
    if (init.method === 'POST') state.labels = (body as { labels: string[] }).labels;
    return new Response(JSON.stringify({ payload: state.labels }), { status: 200 });
  }) as typeof globalThis.fetch;
  const outbox = new Outbox({
    fetch,
    now: () => now,
    // A full backoff delay: a retry waits for `later()` instead of running in the same drain.
    random: () => 0.999,
    secrets: async () => new Map([['cw', TOKEN]]),
    isManaged: () => false,
    permitted: async () => true,
    report: (r) => {
      reports.push({ ...r, item: { ...r.item } });
    },
    scheduleWake: () => undefined,
  });
  return { state, wire, reports, outbox, later: () => (now += 60_000) };
}

beforeEach(async () => {
  await withStore(STORES.outbox, 'readwrite', (s) => reqDone(s.clear()));
});

describe('label merge', () => {
  it.each([
    ['add', ['support'], ['vip', 'billing'], ['support', 'vip', 'billing']],
    ['add', ['vip', 'support'], ['support', 'new'], ['vip', 'support', 'new']],
    ['add', [], ['vip', 'vip'], ['vip']],
    ['add', ['a1', 'b2'], ['b2'], ['a1', 'b2']],
    ['remove', ['support', 'vip', 'billing'], ['billing'], ['support', 'vip']],
    ['remove', ['support', 'vip'], ['absent'], ['support', 'vip']],
    ['remove', ['vip'], ['vip', 'vip'], []],
    ['remove', [], ['vip'], []],
  ] as const)('%s %j with %j → %j', (op, current, values, expected) => {
    expect(mergeList(current, values, op)).toEqual(expected);
  });

  it.each([
    ['Qualified Lead', 'qualified-lead'],
    ['  Closed/Won! ', 'closed-won'],
    ['Новый лид', 'новый-лид'],
    ['Em negociação', 'em-negociação'],
    ['https://evil.example/x', 'https-evil-example-x'],
    ['{{ secrets.cw }}', 'secrets-cw'],
    ['a,b', 'a-b'],
    ['_-lead_', 'lead_'],
    ['!!', ''],
  ])('labelOf(%j) = %j', (text, label) => {
    expect(labelOf(text)).toBe(label);
  });
});

describe('add-labels / remove-labels through the outbox: read, then post the merged list', () => {
  it.each([
    ['add-labels', ['support'], 'Vip, billing', ['support', 'vip', 'billing']],
    ['add-labels', ['vip'], ['VIP'], ['vip']],
    ['remove-labels', ['support', 'vip', 'billing'], 'billing', ['support', 'vip']],
    ['remove-labels', ['support'], ['billing'], ['support']],
  ] as const)('%s on %j with %j leaves %j', async (command, before, labels, after) => {
    const cw = chatwoot([...before]);
    await cw.outbox.enqueue(queued(command, labels));
    await cw.outbox.kick();
    expect(cw.wire).toEqual([
      { method: 'GET', url: LABELS, token: TOKEN, body: undefined },
      { method: 'POST', url: LABELS, token: TOKEN, body: { labels: after } },
    ]);
    expect(cw.state.labels).toEqual(after);
    expect(cw.reports.map((r) => r.status)).toEqual(['ok']);
  });

  it('a retry reads the list again: a label added meanwhile by someone else is kept', async () => {
    const cw = chatwoot(['support'], [null, 503]);
    await cw.outbox.enqueue(queued('add-labels', ['vip']));
    await cw.outbox.kick();
    expect(cw.reports.map((r) => r.status)).toEqual(['retrying']);
    cw.state.labels = ['support', 'urgent']; // another agent labels the conversation meanwhile
    cw.later();
    await cw.outbox.kick();
    expect(cw.wire.map((w) => [w.method, w.body])).toEqual([
      ['GET', undefined],
      ['POST', { labels: ['support', 'vip'] }],
      ['GET', undefined],
      ['POST', { labels: ['support', 'urgent', 'vip'] }],
    ]);
    expect(cw.state.labels).toEqual(['support', 'urgent', 'vip']);
  });

  it.each([
    ['the conversation is gone (404): dead-lettered, nothing posted', [404], 'dead', 404],
    ['a wrong token (401): dead-lettered, nothing posted', [401], 'dead', 401],
    ['the server fails (500): retried', [500], 'retrying', 500],
    [
      'an answer that is not the list (a login page): retried as a bad gateway',
      [[200, '<html>']],
      'retrying',
      502,
    ],
    ['a list of something else: retried as a bad gateway', [[200, '{"payload":[1,2]}']], 'retrying', 502],
    ['the network fails: retried', [0], 'retrying', undefined],
  ] as const)('reading fails: %s', async (_why, answers, status, httpStatus) => {
    const cw = chatwoot(['support'], [...answers] as Array<number | [number, string]>);
    await cw.outbox.enqueue(queued('remove-labels', ['support']));
    await cw.outbox.kick();
    expect(cw.wire.map((w) => w.method)).toEqual(['GET']);
    expect(cw.state.labels).toEqual(['support']);
    expect(cw.reports.map((r) => [r.status, r.httpStatus])).toEqual([[status, httpStatus]]);
  });

  it('a body edited by hand into something without a labels list is refused, not guessed', async () => {
    const cw = chatwoot(['support']);
    const item = queued('add-labels', ['vip']);
    await cw.outbox.enqueue({ ...item, request: { ...item.request, body: ['{"labels":"vip"}'] } });
    await cw.outbox.kick();
    expect(cw.wire).toEqual([]);
    expect(cw.reports[0]).toMatchObject({ status: 'dead', httpStatus: 400 });
  });
});
