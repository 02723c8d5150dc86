import { describe, expect, it } from 'vitest';
import type { ActionOutcome, EventEntry, JournalEntry, RejectedEntry } from '../../../src/journal/types';
import {
  applyFilters,
  type Filters,
  isFiltered,
  matchesFilters,
  NO_FILTERS,
  outcomesOf,
  rowState,
  searchTerms,
  searchText,
  summaryOf,
  typesIn,
} from '../../../src/ui/popup/filters';

let seq = 0;

function action(status: ActionOutcome['status'], extra: Partial<ActionOutcome> = {}): ActionOutcome {
  return { ruleId: 'r', ruleName: 'Rule R', index: 0, kind: 'http', status, at: 1, ...extra };
}

function event(over: Partial<EventEntry> = {}, text = 'hello'): EventEntry {
  const s = ++seq;
  return {
    seq: s,
    kind: 'event',
    at: 1000 + s,
    eventId: `roxchat:newMessageAdded:h:${s}`,
    tabId: 1,
    platform: 'roxchat',
    type: 'message.created',
    event: {
      id: `roxchat:newMessageAdded:h:${s}`,
      platform: 'roxchat',
      type: 'message.created',
      sourceEvent: 'newMessageAdded',
      receivedAt: 1000 + s,
      origin: 'https://acme.rox.chat',
      page: { url: 'https://crm.example.com/', title: 'CRM' },
      tabId: 1,
      frameId: 3,
      conversation: { id: '483' },
      contact: { platformId: 'v-1', name: 'Maria Garcia' },
      message: { text, direction: 'inbound' },
      data: { source: 'roxchat', event: 'newMessageAdded', params: { chatId: 483, messageText: text } },
    },
    matches: [],
    actions: [],
    ...over,
  };
}

function rejected(over: Partial<RejectedEntry> = {}): RejectedEntry {
  const s = ++seq;
  return {
    seq: s,
    kind: 'rejected',
    at: 1000 + s,
    eventId: '',
    tabId: 1,
    platform: 'roxchat',
    origin: 'https://evil.example',
    reason: 'untrusted origin https://evil.example: not a workspace origin for roxchat on this site',
    count: 1,
    ...over,
  };
}

const f = (over: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...over });

describe('outcomes', () => {
  it('tags an event with every outcome that applies and a rejection as rejected', () => {
    expect(outcomesOf(event())).toEqual([]);
    const matched = event({ matches: [{ ruleId: 'r', ruleName: 'R' }] });
    expect(outcomesOf(matched)).toEqual(['matched']);
    const mixed = event({
      matches: [{ ruleId: 'r', ruleName: 'R' }],
      actions: [action('ok'), action('retrying', { index: 1 }), action('dead', { index: 2 })],
    });
    expect(outcomesOf(mixed)).toEqual(['matched', 'delivered', 'retrying', 'failed']);
    expect(outcomesOf(event({ actions: [action('queued')] }))).toEqual(['retrying']);
    expect(outcomesOf(event({ actions: [action('failed')] }))).toEqual(['failed']);
    expect(outcomesOf(rejected())).toEqual(['rejected']);
  });

  it('a row shows the worst state', () => {
    expect(rowState(rejected())).toBe('rejected');
    expect(rowState(event({ actions: [action('ok'), action('dead')] }))).toBe('failed');
    expect(rowState(event({ actions: [action('ok'), action('retrying')] }))).toBe('retrying');
    expect(rowState(event({ matches: [{ ruleId: 'r', ruleName: 'R' }], actions: [action('ok')] }))).toBe(
      'delivered',
    );
    expect(rowState(event({ matches: [{ ruleId: 'r', ruleName: 'R' }], actions: [action('skipped')] }))).toBe(
      'discarded',
    );
    expect(rowState(event({ actions: [action('discarded')] }))).toBe('discarded');
    expect(rowState(event({ actions: [action('ok'), action('queued', { index: 1 })] }))).toBe('queued');
    expect(rowState(event())).toBe('captured');
    expect(
      rowState(event({ state: 'duplicate', duplicateOf: { seq: 1, eventId: 'x', tabId: 1, at: 1 } })),
    ).toBe('duplicate');
  });
});

describe('filters', () => {
  const a = event({}, 'first message');
  const b = event({ tabId: 2, event: { ...event().event, tabId: 2 } }, 'second');
  const c = event({
    platform: 'onechat',
    type: 'conversation.closed',
    matches: [{ ruleId: 'close', ruleName: 'Close → log' }],
    actions: [action('ok')],
  });
  const d = rejected({ tabId: 2 });
  const all: JournalEntry[] = [d, c, b, a];

  it('no filter returns the list itself (no copy)', () => {
    expect(applyFilters(all, NO_FILTERS)).toBe(all);
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered(f({ text: '  ' }))).toBe(false);
    expect(isFiltered(f({ outcome: 'failed' }))).toBe(true);
  });

  it('scope: this tab only, unless there is no tab', () => {
    expect(applyFilters(all, f({ scope: 'tab' }), 1)).toEqual([c, a]);
    expect(applyFilters(all, f({ scope: 'tab' }), 2)).toEqual([d, b]);
    expect(applyFilters(all, f({ scope: 'tab' }), undefined)).toEqual(all);
  });

  it('platform, type and outcome', () => {
    expect(applyFilters(all, f({ platform: 'onechat' }))).toEqual([c]);
    expect(applyFilters(all, f({ platform: 'roxchat' }))).toEqual([d, b, a]);
    expect(applyFilters(all, f({ type: 'message.created' }))).toEqual([b, a]);
    expect(applyFilters(all, f({ type: 'conversation.closed' }))).toEqual([c]);
    expect(applyFilters(all, f({ outcome: 'rejected' }))).toEqual([d]);
    expect(applyFilters(all, f({ outcome: 'delivered' }))).toEqual([c]);
    expect(applyFilters(all, f({ outcome: 'matched' }))).toEqual([c]);
    expect(applyFilters(all, f({ outcome: 'failed' }))).toEqual([]);
  });

  it('filters combine', () => {
    expect(applyFilters(all, f({ scope: 'tab', type: 'message.created' }), 2)).toEqual([b]);
    expect(applyFilters(all, f({ platform: 'roxchat', outcome: 'rejected' }))).toEqual([d]);
    expect(matchesFilters(c, f({ platform: 'onechat', outcome: 'failed' }))).toBe(false);
  });

  it('text: all terms, case-insensitive, over text, ids, rules, reasons and the raw payload', () => {
    expect(applyFilters(all, f({ text: 'FIRST' }))).toEqual([a]);
    expect(applyFilters(all, f({ text: 'message first' }))).toEqual([a]);
    expect(applyFilters(all, f({ text: 'first second' }))).toEqual([]);
    expect(applyFilters(all, f({ text: 'maria' }))).toEqual([c, b, a]);
    expect(applyFilters(all, f({ text: 'close → log' }))).toEqual([c]);
    expect(applyFilters(all, f({ text: 'untrusted evil.example' }))).toEqual([d]);
    expect(applyFilters(all, f({ text: 'messageText' }))).toHaveLength(3);
    expect(applyFilters(all, f({ text: '"second message"' }))).toEqual([]);
    expect(applyFilters(all, f({ text: '"first message"' }))).toEqual([a]);
  });

  it('search terms: words and quoted phrases', () => {
    expect(searchTerms('  A  b ')).toEqual(['a', 'b']);
    expect(searchTerms('"Bulk message 42" x')).toEqual(['bulk message 42', 'x']);
    expect(searchTerms('"unterminated phrase')).toEqual(['unterminated phrase']);
    expect(searchTerms('""')).toEqual([]);
  });

  it('search text is cached per entry object and survives hostile payloads', () => {
    const e = event();
    expect(searchText(e)).toBe(searchText(e));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const hostile = event({ event: { ...e.event, data: cyclic } });
    expect(() => searchText(hostile)).not.toThrow();
    const huge = event({ event: { ...e.event, data: { blob: 'x'.repeat(100_000) } } });
    expect(searchText(huge).length).toBeLessThan(10_000);
  });

  it('types present, sorted; summaries', () => {
    expect(typesIn(all)).toEqual(['conversation.closed', 'message.created']);
    expect(summaryOf(a)).toBe('“first message” · contact Maria Garcia · chat 483');
    expect(summaryOf(rejected({ count: 3, reason: 'bad' }))).toBe('bad (×3)');
    const bare = event({
      event: { ...a.event, contact: undefined, message: undefined, conversation: undefined },
    });
    expect(summaryOf(bare)).toBe('newMessageAdded');
  });
});
