// The locale files (locales/*.yml → _locales/*/messages.json): same keys and placeholders in every
// language, every key used by the code, plural forms complete, and the store texts taken from them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type ParsedMessage, parseMessagesFile, SUPPORTED_LOCALES } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const localesDir = join(root, 'locales');
const files = readdirSync(localesDir).filter((f) => f.endsWith('.yml'));
const LOCALES = files.map((f) => f.replace(/\.yml$/, ''));

const parsed = Object.fromEntries(
  await Promise.all(
    files.map(async (f) => {
      const all = await parseMessagesFile(join(localesDir, f));
      return [f.replace(/\.yml$/, ''), all.filter((m) => !m.key[0]?.startsWith('@@'))] as const;
    }),
  ),
) as Record<string, ParsedMessage[]>;
const keysOf = (locale: string) => (parsed[locale] ?? []).map((m) => m.key.join('.'));
const byKey = (locale: string) => new Map((parsed[locale] ?? []).map((m) => [m.key.join('.'), m]));

/** Every source file that may look a key up. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(d.name) ? [p] : [];
  });
}
const code = [
  ...sources(join(root, 'src')),
  ...sources(join(root, 'entrypoints')),
  join(root, 'wxt.config.ts'),
]
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** Keys missing from / extra in `other` compared with `reference`. */
function keyDiff(reference: string[], other: string[]) {
  const a = new Set(reference);
  const b = new Set(other);
  return { missing: reference.filter((k) => !b.has(k)), extra: other.filter((k) => !a.has(k)) };
}

/** Keys no source file mentions as a literal ('a.b.c', or __MSG_name__ in the manifest). */
function unusedKeys(keys: string[], source: string): string[] {
  return keys.filter(
    (k) => !source.includes(`'${k}'`) && !source.includes(`"${k}"`) && !source.includes(`__MSG_${k}__`),
  );
}

describe('locale files', () => {
  it('are the four languages, named as Chrome accepts them (pt_BR: Chrome has no plain "pt")', () => {
    expect(LOCALES.sort()).toEqual(['en', 'es', 'pt_BR', 'ru']);
    for (const l of LOCALES) expect(SUPPORTED_LOCALES.has(l)).toBe(true);
    expect(SUPPORTED_LOCALES.has('pt')).toBe(false);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the keys of en', (locale) => {
    expect(keyDiff(keysOf('en'), keysOf(locale))).toEqual({ missing: [], extra: [] });
  });

  it('the key check fails on a missing or an extra key', () => {
    expect(keyDiff(['a.b', 'a.c'], ['a.b', 'a.d'])).toEqual({ missing: ['a.c'], extra: ['a.d'] });
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s keeps the placeholders and plural forms of en', (locale) => {
    const en = byKey('en');
    const other = byKey(locale);
    const wrong: string[] = [];
    for (const [key, m] of en) {
      const o = other.get(key);
      if (!o) continue;
      if (o.type !== m.type) wrong.push(`${key}: ${o.type} instead of ${m.type}`);
      if ([...o.namedSubstitutions].sort().join() !== [...m.namedSubstitutions].sort().join())
        wrong.push(`${key}: {${o.namedSubstitutions}} instead of {${m.namedSubstitutions}}`);
      if (o.type === 'plural') {
        // CLDR forms in order: ru one/few/many (1, 2, 5), the others one/other (1, n)
        const want = locale === 'ru' ? ['1', '2', '5'] : ['1', 'n'];
        if (Object.keys(o.plurals).join() !== want.join())
          wrong.push(`${key}: forms ${Object.keys(o.plurals)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no message is left in English in another language (names and codes allowed)', () => {
    const en = byKey('en');
    const same: string[] = [];
    for (const locale of ['es', 'pt_BR', 'ru']) {
      for (const [key, m] of byKey(locale)) {
        const e = en.get(key);
        if (m.type !== 'simple' || e?.type !== 'simple') continue;
        if (m.message === e.message && /\p{L}{4,} \p{L}{4,}/u.test(m.message) && !SAME_OK.has(key))
          same.push(`${locale} ${key}`);
      }
    }
    expect(same).toEqual([]);
  });

  it('every key is used by the code (src/, entrypoints/, the manifest)', () => {
    expect(unusedKeys(keysOf('en'), code)).toEqual([]);
    expect(unusedKeys(['never.used.anywhere'], code)).toEqual(['never.used.anywhere']);
  });
});

/** Messages that are the same in every language: product names. */
const SAME_OK = new Set(['extName']);

describe('store texts', () => {
  const listing = readFileSync(join(root, 'docs/store/listing.md'), 'utf8');
  const shorts = [
    ...listing.matchAll(
      /^\*\*(?:Short description[^*]*|Descripción corta:|Descrição curta:|Краткое описание:)\*\*\s*(.+)$/gm,
    ),
  ].map((m) => m[1]?.trim());

  it('the manifest description in each language is the listing’s short description', () => {
    const descriptions = ['en', 'es', 'pt_BR', 'ru'].map((l) => byKey(l).get('extDescription'));
    expect(shorts).toEqual(descriptions.map((d) => (d?.type === 'simple' ? d.message : undefined)));
    for (const d of descriptions) expect(d?.type === 'simple' && d.message.length).toBeLessThanOrEqual(132);
  });

  it('the manifest takes name and description from the locales', () => {
    const config = readFileSync(join(root, 'wxt.config.ts'), 'utf8');
    expect(config).toContain("name: '__MSG_extName__'");
    expect(config).toContain("description: '__MSG_extDescription__'");
    expect(config).toContain("default_locale: 'en'");
    expect(relative(root, localesDir)).toBe('locales');
  });
});
