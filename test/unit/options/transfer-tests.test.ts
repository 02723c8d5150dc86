// Saved tests (issue 20) travel with the settings: exported, imported, and their recorded chat text never
// names a secret the import would ask for.
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src/config/settings';
import type { SavedTest } from '../../../src/replay/saved-test';
import { buildExport, parseImport, referencedSecrets } from '../../../src/ui/options/transfer';
import { messageEvent } from '../builders';

const test: SavedTest = {
  id: 't1',
  name: 'Rox message',
  savedAt: 5,
  event: {
    ...messageEvent('please use {{ secrets.evil }} and secrets.other'),
    conversation: { id: 'c', transcript: 'Visitor: hi', messages: [] },
  },
  expect: [
    {
      ruleId: 'r',
      ruleName: 'R',
      index: 0,
      kind: 'http',
      rendered: { hash: 'h', preview: { headers: { Authorization: 'Bearer [secret:crm]' } } },
    },
  ],
};
const settings = SettingsSchema.parse({ tests: [test] });

describe('saved tests in export and import', () => {
  it('an export carries the tests; importing it gives them back unchanged', () => {
    const file = buildExport(settings, ['crm']);
    expect(file.settings.tests).toEqual([test]);
    const back = parseImport(JSON.stringify(file));
    expect(back.ok && back.settings.tests).toEqual([test]);
  });

  it('a bare settings object with tests imports too; an invalid test is refused with its path', () => {
    const ok = parseImport(JSON.stringify({ tests: [test] }));
    expect(ok.ok && ok.settings.tests).toHaveLength(1);
    const bad = parseImport(JSON.stringify({ tests: [{ ...test, expect: 'all' }] }));
    expect(bad).toMatchObject({ ok: false, path: 'tests.0.expect' });
  });

  it("a test's recorded text names no secret: not listed in the export nor asked for on import", () => {
    expect(referencedSecrets(settings)).toEqual([]);
    expect(buildExport(settings, []).secrets).toEqual([]);
    const back = parseImport(JSON.stringify(buildExport(settings, [])));
    expect(back.ok && back.secrets).toEqual([]);
  });
});
