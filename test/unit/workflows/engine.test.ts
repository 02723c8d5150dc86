// The workflow engine (src/workflows): steps in order through a fake outbox, `if` skips journaled with
// why, results and links read by later steps, resume after a lost report, transcript bounds.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/events/model';
import type { ActionOutcome, JournalEntry } from '../../../src/journal/types';
import type { OutboxItem } from '../../../src/outbox/types';
import { type RuleInput, RuleSchema } from '../../../src/rules/schema';
import { STORES } from '../../../src/util/idb';
import { WorkflowEngine } from '../../../src/workflows/engine';
import { readLinks } from '../../../src/workflows/links';
import { chooseMatch, stepResult } from '../../../src/workflows/result';
import { allRows, deleteRow, putRow } from '../../../src/workflows/store';
import { readTranscript, TRANSCRIPT_LIMITS } from '../../../src/workflows/transcript';
import { appendMessage } from '../builders';

const API = 'https://crm.example';
let n = 0;
const event = (o: Partial<BridgeEvent> = {}): BridgeEvent => ({
  id: `roxchat:chatClosedByOperator:k:${++n}`,
  platform: 'roxchat',
  type: 'conversation.closed',
  sourceEvent: 'chatClosedByOperator',
  receivedAt: 1000 + n,
  origin: 'https://w.example',
  page: { url: 'https://crm.example/', title: '' },
  tabId: 1,
  frameId: 0,
  conversation: { id: `chat-${n}` },
  contact: { platformId: `visitor-${n}` },
  data: {},
  ...o,
});

const flow: RuleInput = {
  id: 'flow',
  when: { events: ['conversation.closed'] },
  then: [
    {
      kind: 'http',
      id: 'find',
      method: 'GET',
      if: [{ op: 'equals', path: 'links.contact', value: null }],
      url: `${API}/contacts?visitor={{ contact.platformId }}`,
      matches: 'results',
      remember: { contact: '{{ steps.find.body.results.0.id }}' },
    },
    {
      kind: 'http',
      id: 'create',
      if: [
        { op: 'equals', path: 'links.contact', value: null },
        { op: 'equals', path: 'steps.find.count', value: 0 },
      ],
      url: `${API}/contacts`,
      body: { type: 'json', value: { visitor: '{{ contact.platformId }}' } },
      remember: { contact: '{{ steps.create.body.id }}' },
    },
    { kind: 'log', id: 'mark', message: 'linked {{ links.contact }}' },
    {
      kind: 'http',
      id: 'note',
      url: `${API}/contacts/{{ links.contact }}/notes`,
      body: { type: 'json', value: { text: '{{ conversation.transcript }}' } },
    },
  ],
};

function harness() {
  const queued: OutboxItem[] = [];
  const entry: JournalEntry = {
    seq: 1,
    kind: 'event',
    at: 0,
    eventId: 'e',
    tabId: 1,
    platform: 'roxchat',
    type: 'conversation.closed',
    event: event(),
    matches: [],
    actions: [],
  };
  const present = new Set<string>();
  const engine = new WorkflowEngine({
    outbox: () => ({
      enqueue: async (item: OutboxItem) => {
        queued.push(item);
        present.add(item.id);
        return true;
      },
      kick: async () => undefined,
      get: async (id: string) => (present.has(id) ? queued.find((q) => q.id === id) : undefined),
    }),
    journal: {
      update: async (_seq: number, mutate: (e: JournalEntry) => void) => {
        mutate(entry);
        return entry;
      },
    },
    publish: () => undefined,
    secrets: async () => ({ names: [], managed: [] }),
    runInline: async (a) => ({ status: 'ok', detail: a.kind }),
    asks: { opened: async () => undefined, closed: async () => undefined },
  });
  const settle = () => engine.idle();
  const answer = async (status: number, body: unknown) => {
    const item = queued.at(-1) as OutboxItem;
    present.delete(item.id);
    await engine.report({ item, status: 'ok', httpStatus: status, response: JSON.stringify(body) });
    await settle();
  };
  const outcomes = () => entry.actions as ActionOutcome[];
  return { engine, queued, answer, outcomes, settle, present };
}

describe('workflow engine', () => {
  it('find nothing → create → note on the created id; skipped steps are journaled with why', async () => {
    const h = harness();
    const ev = event();
    await h.engine.start(RuleSchema.parse(flow), ev, 1);
    await h.settle();
    expect(h.queued[0]?.request.url).toBe(`${API}/contacts?visitor=${ev.contact?.platformId}`);
    await h.answer(200, { results: [] });
    expect(h.queued[1]?.request.url).toBe(`${API}/contacts`);
    await h.answer(201, { id: 'C-9' });
    expect(h.queued[2]?.request.url).toBe(`${API}/contacts/C-9/notes`);
    expect(new Set(h.queued.map((q) => q.id)).size).toBe(3);
    expect(await readLinks(ev)).toEqual({ contact: 'C-9' });
    expect(h.outcomes().find((o) => o.index === 2)?.status).toBe('ok');
  });

  it('a remembered link skips find and create (no search), with why', async () => {
    const h = harness();
    const ev = event();
    await putRow(STORES.links, {
      key: `roxchat|contact|${ev.contact?.platformId}`,
      platform: 'roxchat',
      kind: 'contact',
      sourceId: ev.contact?.platformId,
      value: 'C-LINKED',
      ruleId: 'flow',
      updatedAt: 1,
      expiresAt: Date.now() + 60_000,
    });
    await h.engine.start(RuleSchema.parse(flow), ev, 1, await readLinks(ev));
    await h.settle();
    expect(h.queued.map((q) => q.request.url)).toEqual([`${API}/contacts/C-LINKED/notes`]);
    const skipped = h.outcomes().filter((o) => o.status === 'skipped');
    expect(skipped.map((o) => o.index)).toEqual([0, 1]);
    expect(skipped[0]?.detail).toBe('skipped: links.contact equals null did not hold');
  });

  it('links are read when the chain begins running: a link remembered after its event arrived is seen', async () => {
    const h = harness();
    const ev = event();
    const first = h.engine.start(RuleSchema.parse(flow), ev, 1);
    // Remembered by an earlier chain before this one ran (e.g. the assignment's link step).
    await putRow(STORES.links, {
      key: `roxchat|contact|${ev.contact?.platformId}`,
      platform: 'roxchat',
      kind: 'contact',
      sourceId: ev.contact?.platformId,
      value: 'C-LATER',
      ruleId: 'flow',
      updatedAt: 1,
      expiresAt: Date.now() + 60_000,
    });
    await first;
    await h.settle();
    expect(h.queued.map((q) => q.request.url)).toEqual([`${API}/contacts/C-LATER/notes`]);
  });

  it('a step delivered without its report reaching the chain is queued again with the same key', async () => {
    const h = harness();
    await h.engine.start(RuleSchema.parse(flow), event(), 1);
    await h.settle();
    const first = h.queued[0] as OutboxItem;
    h.present.delete(first.id); // delivered, report lost with the worker
    await h.engine.resume();
    await h.settle();
    const mine = h.queued.filter((q) => q.chain?.id === first.chain?.id);
    expect(mine.map((q) => q.id)).toEqual([first.id, first.id]);
  });
});

describe('chains of one conversation run in order (the preset race)', () => {
  // The assignment's chain is still waiting on the CRM (its find) when the same conversation closes:
  // the close's chain must wait for it, then see the record it remembered.
  const pair = () => {
    const conv = { id: `conv-${++n}` };
    const contact = { platformId: `visitor-${n}` };
    const assigned = event({ type: 'conversation.assigned', conversation: conv, contact });
    const closed = event({ type: 'conversation.closed', conversation: conv, contact });
    return { assigned, closed };
  };

  it('the close waits for the assignment chain, then uses its link (no second search)', async () => {
    const h = harness();
    const { assigned, closed } = pair();
    const rule = RuleSchema.parse(flow);
    await h.engine.start(rule, assigned, 1);
    await h.settle();
    await h.engine.start(rule, closed, 2);
    await h.settle();
    // Only the assignment's find is out: the close is held behind it.
    expect(h.queued.map((q) => q.request.url)).toEqual([
      `${API}/contacts?visitor=${assigned.contact?.platformId}`,
    ]);
    await h.answer(200, { results: [{ id: 'C-1' }] });
    await h.answer(201, { id: 'N-1' }); // the assignment's note: its chain is done
    expect(h.queued.map((q) => q.request.url)).toEqual([
      `${API}/contacts?visitor=${assigned.contact?.platformId}`,
      `${API}/contacts/C-1/notes`,
      `${API}/contacts/C-1/notes`,
    ]);
    expect(h.queued[2]?.chain?.id).not.toBe(h.queued[1]?.chain?.id);
  });

  it('a held chain stays held across a worker restart and runs when the earlier one finishes', async () => {
    // Only this test's chains in the store (resume() takes up every unfinished chain).
    for (const c of await allRows<{ id: string }>(STORES.chains)) await deleteRow(STORES.chains, c.id);
    const h = harness();
    const { assigned, closed } = pair();
    const rule = RuleSchema.parse(flow);
    await h.engine.start(rule, assigned, 1);
    await h.settle();
    await h.engine.start(rule, closed, 2);
    await h.settle();
    // The worker stops; a new engine (same stores) resumes: the find is still in the outbox.
    const h2 = harness();
    h2.queued.push(...h.queued);
    for (const id of h.present) h2.present.add(id);
    await h2.engine.resume();
    await h2.settle();
    expect(h2.queued).toHaveLength(1);
    await h2.answer(200, { results: [{ id: 'C-2' }] });
    await h2.answer(201, { id: 'N-2' });
    expect(h2.queued.slice(1).map((q) => q.request.url)).toEqual([
      `${API}/contacts/C-2/notes`,
      `${API}/contacts/C-2/notes`,
    ]);
  });

  it('other conversations are not held', async () => {
    const h = harness();
    const a = pair();
    const b = pair();
    const rule = RuleSchema.parse(flow);
    await h.engine.start(rule, a.assigned, 1);
    await h.engine.start(rule, b.closed, 2);
    await h.settle();
    expect(h.queued).toHaveLength(2);
  });
});

describe('step results', () => {
  it.each([
    ['list at a path', 200, '{"results":[{"id":1},{"id":2}]}', 'results', 2],
    ['top-level list', 200, '[{"id":1}]', '', 1],
    ['not a list', 200, '{"results":{"id":1}}', 'results', 0],
    ['not JSON', 200, 'plain', 'results', 0],
    ['empty body', 204, '', 'results', 0],
  ])('%s', (_n, status, text, matches, count) => {
    expect(stepResult(status, text, matches).count).toBe(count);
  });

  it('a body over the bound is not kept', () => {
    const r = stepResult(200, `"${'x'.repeat(70_000)}"`);
    expect(r).toMatchObject({ truncated: true, ok: true });
    expect(r.body).toBeUndefined();
  });

  it("the agent's choice replaces the list (count 1, or 0 for create new)", () => {
    const r = stepResult(200, '{"data":{"items":[{"id":"a"},{"id":"b"}]}}', 'data.items');
    expect(chooseMatch(r, 'data.items', [{ id: 'b' }])).toMatchObject({
      count: 1,
      body: { data: { items: [{ id: 'b' }] } },
    });
    expect(chooseMatch(r, 'data.items', []).count).toBe(0);
  });
});

describe('transcript', () => {
  const msg = (text: string, conv: string): BridgeEvent =>
    event({
      type: 'message.created',
      conversation: { id: conv },
      message: { text, direction: 'inbound' },
      contact: { platformId: 'v', name: 'Ann' },
    });

  it('appends in order, once per capture occurrence, bounded', async () => {
    const first = msg('a', 't1');
    await appendMessage(first, 'cid-1');
    await appendMessage(first, 'cid-1'); // the same capture re-sent (it keeps its capture time)
    await appendMessage(msg('a', 't1'), 'cid-2'); // the same text again, a new message
    const t = await readTranscript('roxchat|t1');
    expect(t?.messages.map((m) => `${m.author}: ${m.text}`)).toEqual(['Ann: a', 'Ann: a']);
    for (let i = 0; i < TRANSCRIPT_LIMITS.messages + 5; i++) await appendMessage(msg(`m${i}`, 't2'), `c${i}`);
    const big = await readTranscript('roxchat|t2');
    expect(big?.messages).toHaveLength(TRANSCRIPT_LIMITS.messages);
    expect(big?.truncated).toBe(true);
    expect(big?.messages[0]?.text).toBe('m5');
  }, 60_000);
});
