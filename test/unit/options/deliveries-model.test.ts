// The Deliveries view's pure logic (src/ui/options/deliveries/model.ts); its filters and paging run
// in the worker (test/unit/outbox/deliveries-page.test.ts).
import { describe, expect, it } from 'vitest';
import type { Segments } from '../../../src/templates/segments';
import { fromParts, plainError, toParts } from '../../../src/ui/options/deliveries/model';

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
