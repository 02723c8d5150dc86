// The Deliveries view's pure logic (src/ui/options/deliveries/model.ts).
import { describe, expect, it } from 'vitest';
import type { DeliveryView } from '../../../src/outbox/manage';
import type { Segments } from '../../../src/templates/segments';
import {
  facetsOf,
  filterDeliveries,
  fromParts,
  NO_DELIVERY_FILTERS,
  plainError,
  toParts,
} from '../../../src/ui/options/deliveries/model';

const view = (id: string, over: Partial<DeliveryView> = {}): DeliveryView => ({
  id,
  journalSeq: 1,
  ruleId: 'note',
  ruleName: 'Note',
  method: 'POST',
  url: 'https://a.example/api',
  origin: 'https://a.example',
  status: 'failed',
  attempts: 1,
  createdAt: 1,
  history: [],
  headers: [],
  ...over,
});

const items = [
  view('1'),
  view('2', { status: 'retrying' }),
  view('3', { origin: 'https://b.example', ruleId: 'contact', ruleName: 'Contact' }),
];

describe('filterDeliveries', () => {
  it.each([
    [{}, ['1', '2', '3']],
    [{ origin: 'https://b.example' }, ['3']],
    [{ ruleId: 'note' }, ['1', '2']],
    [{ status: 'retrying' }, ['2']],
    [{ status: 'failed', ruleId: 'note' }, ['1']],
    [{ status: 'queued' }, []],
  ] as const)('%o → %o', (f, ids) => {
    expect(filterDeliveries(items, { ...NO_DELIVERY_FILTERS, ...f }).map((i) => i.id)).toEqual(ids);
  });
  it('facets: origins and rules present, sorted', () => {
    expect(facetsOf(items)).toEqual({
      origins: ['https://a.example', 'https://b.example'],
      rules: [
        { id: 'contact', name: 'Contact' },
        { id: 'note', name: 'Note' },
      ],
    });
  });
});

describe('body editor parts', () => {
  it.each<[string, Segments, number]>([
    ['text only', ['{"a":1}'], 1],
    ['a reference inside', ['{"t":"', { secret: 's', json: true }, '"}'], 3],
    ['references at both ends', [{ secret: 'a' }, { secret: 'b' }], 5],
    ['no body', [], 1],
  ])('%s: one text box around each reference, and back unchanged', (_n, body, count) => {
    const parts = toParts(body);
    expect(parts).toHaveLength(count);
    expect(parts[0]?.kind).toBe('text');
    expect(parts.at(-1)?.kind).toBe('text');
    expect(fromParts(parts)).toEqual(body);
  });
  it('text typed to look like a reference stays text', () => {
    const parts = toParts(['{"t":"', { secret: 's' }, '"}']);
    const edited = parts.map((p) => (p.kind === 'text' ? { ...p, value: `${p.value}[secret:other]` } : p));
    expect(fromParts(edited).filter((s) => typeof s !== 'string')).toEqual([{ secret: 's' }]);
  });
});

describe('plainError', () => {
  it('never shows a refused request’s validation text', () => {
    expect(plainError('invalid request: body: too big', 'Not sent.')).toBe('Not sent.');
    expect(plainError(undefined, 'Not sent.')).toBe('Not sent.');
    expect(plainError('The edited body refers to the secret “x”.', 'Not sent.')).toContain('“x”');
  });
});
