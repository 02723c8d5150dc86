import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../src/ui/options/transfer';
import table from '../rules/fixtures/rule-checks.json';

const working = {
  id: 'note',
  name: 'Note',
  when: { events: ['message.created'], platforms: ['roxchat'] },
  then: [
    {
      kind: 'http',
      method: 'POST',
      url: 'https://crm.example.com/api/notes',
      body: { type: 'json', value: { text: '{{ message.text }}' } },
    },
  ],
};

type Case = (typeof table.cases)[number] & { action?: Record<string, unknown>; events?: string[] };
const errorCases = (table.cases as Case[]).filter((c) =>
  c.expect.some((e) => e.level === 'error' && !e.says.includes('tags')),
);

describe('import runs the rule checks', () => {
  it.each(errorCases.map((c) => [c.name, c] as const))('refuses: %s', (_, c) => {
    const rule = { ...working, when: { ...working.when, events: c.events ?? working.when.events } };
    const then = [{ ...working.then[0], ...(c.action ?? {}) }];
    const r = parseImport(JSON.stringify({ rules: [{ ...rule, then }] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = c.expect[0];
    expect(r.path).toBe(`rules.0.${e?.path}`);
    expect(r.error).toContain(e?.says);
    expect(r.error).toMatch(/^Rule "Note" \(.+\): .+ Fix it in the file, then import again\.$/);
  });

  it('accepts the working rule and warnings (a secret not set yet)', () => {
    const then = [{ ...working.then[0], headers: { A: 'Bearer {{ secrets.nope }}' } }];
    expect(parseImport(JSON.stringify({ rules: [{ ...working, then }] })).ok).toBe(true);
  });

  it('schema problems read as sentences, not zod text', () => {
    const r = parseImport(JSON.stringify({ rules: [{ ...working, when: { events: [] } }] }));
    expect(r.ok ? '' : r.error).toBe('rules.0.when.events: Add at least one item here.');
  });
});
