// New UI text cannot slip in untranslated: every JSX text and every string shown in a title,
// aria-label, placeholder, alt or label in src/ui must come from t()/tn() (locales/*.yml), except
// the allow-listed literals below, each with its reason.
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFile } from './scan-literals';

const root = resolve(__dirname, '../../..');

function tsx(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return tsx(p);
    return d.name.endsWith('.tsx') ? [p] : [];
  });
}

/** `file: text` → why it stays as written. */
const ALLOWED: Record<string, string> = {
  'src/ui/options/general/GeneralPanel.tsx: https://chat.example.com': 'example address (placeholder)',
  'src/ui/options/sites/SiteEditor.tsx: https://crm.example.com/*': 'example match pattern (placeholder)',
  'src/ui/options/sites/SiteEditor.tsx: https://acme.example.com': 'example origin (placeholder)',
  'src/ui/options/secrets/SecretsPanel.tsx: {{ secrets.name }}': 'template syntax, never translated',
  'src/ui/options/secrets/SecretsPanel.tsx: crm_token': 'example secret name (placeholder)',
  'src/ui/options/secrets/SecretsPanel.tsx: OAuth 2': 'protocol name, never translated',
  'src/ui/options/secrets/OAuthForm.tsx: zoho_token': 'example secret name (placeholder)',
  'src/ui/options/secrets/OAuthForm.tsx: https://accounts.zoho.com/oauth/v2/token':
    'example address (placeholder)',
  'src/ui/options/secrets/OAuthForm.tsx: ZohoCRM.modules.ALL': 'example OAuth scope (placeholder)',
  'src/ui/options/deliveries/DeliveryItem.tsx: Idempotency-Key': 'HTTP header name, never translated',
  'src/ui/shared/JsonTree.tsx: null': 'the JSON value null',
  'src/ui/options/rules/ActionFields.tsx: URL': 'HTTP word, never translated',
  'src/ui/options/rules/ActionFields.tsx: https://crm.example.com/contacts/{{ contact.crmId }}':
    'example URL template (placeholder)',
  'src/ui/options/rules/ActionFields.tsx: https://crm.example.com/*': 'example match pattern (placeholder)',
  'src/ui/options/rules/ActionFields.tsx: button#search': 'example CSS selector (placeholder)',
  'src/ui/options/rules/ConditionRow.tsx: contact.phone': 'example event path (placeholder)',
  'src/ui/options/rules/HttpFields.tsx: URL': 'HTTP word, never translated',
  'src/ui/options/rules/HttpFields.tsx: https://crm.example.com/api/notes': 'example address (placeholder)',
  'src/ui/options/rules/HttpFields.tsx: https://crm.example.com/*': 'example match pattern (placeholder)',
  'src/ui/options/rules/HttpFields.tsx: JSON': 'format name, never translated',
  'src/ui/options/rules/HttpFields.tsx: Content-Type': 'HTTP header name, never translated',
  'src/ui/options/rules/RuleEditor.tsx: JSON': 'format name, never translated',
};

/**
 * Rule editor files whose strings are not in the locale files yet (issue 18: moved after H6's
 * validation work on the same files is merged). Remove a file from here once it is translated; the
 * test below fails if a listed file has no literal left.
 */
const PENDING = new Set<string>([]);

describe('user-visible literals', () => {
  it('src/ui shows no literal text outside i18n', () => {
    const found = tsx(join(root, 'src/ui'))
      .filter((f) => !PENDING.has(relative(root, f)))
      .flatMap(scanFile)
      .map((l) => `${relative(root, l.file)}: ${l.text}`)
      .filter((k) => !(k in ALLOWED));
    expect(found).toEqual([]);
  });

  it('every pending file still has literals to move', () => {
    expect([...PENDING].filter((f) => scanFile(join(root, f)).length === 0)).toEqual([]);
  });

  it('every allow-list entry is still needed', () => {
    const found = new Set(
      tsx(join(root, 'src/ui'))
        .flatMap(scanFile)
        .map((l) => `${relative(root, l.file)}: ${l.text}`),
    );
    expect(Object.keys(ALLOWED).filter((k) => !found.has(k))).toEqual([]);
  });

  it('the scan finds JSX text, visible attributes and conditional literals, and skips keys and code', () => {
    const file = join(tmpdir(), `crmb-literals-${process.pid}.tsx`);
    writeFileSync(
      file,
      `export const A = ({ on }: { on: boolean }) => (
        <div className={on ? 'is-on' : 'off'} data-testid="row" title="Hover text">
          Plain text
          <input placeholder={on ? t('a.b') : 'Type here'} aria-label={\`Edit \${name}\`} />
          {on ? 'Shown when on' : t('x.y')}
          {on && <span>{t('c.d')} · 12</span>}
        </div>
      );`,
    );
    expect(scanFile(file).map((l) => l.text)).toEqual([
      'Hover text',
      'Plain text',
      'Type here',
      'Edit',
      'Shown when on',
    ]);
  });
});
