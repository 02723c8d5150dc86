// The platform meta-test (after refined-github's features test): every registered platform has its
// own folder, schemas for its documented events, fixtures from its seed document, and a docs row.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PLATFORM_IDS } from '../../../src/events/types';
import { PLATFORMS } from '../../../src/platforms';
import { SOCKET_FRAMES } from '../../../src/platforms/content';

const root = resolve(__dirname, '../../..');
const docs = readFileSync(join(root, 'docs/platforms.md'), 'utf8');
const seeds = resolve(root, '../shared/seeds');

describe.each(PLATFORMS.map((p) => [p.id, p] as const))('platform %s', (id, platform) => {
  const dir = join(root, 'src/platforms', id);

  it('lives in its own folder with schema, normaliser and fixtures', () => {
    for (const f of ['index.ts', 'schema.ts', 'normalize.ts']) expect(existsSync(join(dir, f)), f).toBe(true);
    const files = readdirSync(join(dir, 'fixtures')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    // Every committed fixture file is registered (none silently left out of the tests).
    expect(platform.fixtures.map((f) => `${f.name}.json`).sort()).toEqual(files.sort());
  });

  it('names a seed document that exists, and has fixtures for its documented events', () => {
    // The seeds are the wire-format specification: missing seeds fail the test, they never skip it.
    expect(existsSync(join(seeds, platform.seed)), `${seeds}/${platform.seed}`).toBe(true);
    expect(Object.keys(platform.schemas).length).toBeGreaterThan(0);
    expect(platform.fixtures.some((f) => f.expectTypes.length > 0)).toBe(true);
  });

  it('does not import another platform', () => {
    const others = PLATFORM_IDS.filter((o) => o !== id);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const o of others) expect(src, `${f} imports ${o}`).not.toMatch(new RegExp(`from '\\.\\./${o}`));
    }
  });

  it('has its MAIN-world hook entrypoint when it taps the page (WebSocket or page API)', () => {
    const hook = join(root, 'entrypoints', `hook-${id}.ts`);
    if (platform.tap.kind === 'postMessage') expect(existsSync(hook), `hook-${id}.ts`).toBe(false);
    else {
      expect(existsSync(hook), `entrypoints/hook-${id}.ts`).toBe(true);
      expect(readFileSync(hook, 'utf8')).toMatch(new RegExp(`from '\\.\\./src/platforms/${id}/hook'`));
    }
  });

  it('has a row in docs/platforms.md', () => {
    expect(docs).toMatch(new RegExp(`^\\| ${platform.label.replace('.', '\\.')} \\| \`${id}\` \\|`, 'm'));
  });
});

describe('the registry', () => {
  it('lists exactly the platforms PLATFORM_IDS names, in the same order', () => {
    expect(PLATFORMS.map((p) => p.id)).toEqual([...PLATFORM_IDS]);
  });

  it('has a folder for every registered platform and registers every platform folder', () => {
    const folders = readdirSync(join(root, 'src/platforms'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...PLATFORM_IDS].sort());
  });

  it('has a hook entrypoint only for registered page-tapping platforms', () => {
    const hooks = readdirSync(join(root, 'entrypoints'))
      .filter((f) => /^hook-.*\.ts$/.test(f))
      .map((f) => f.slice(5, -3))
      .sort();
    expect(hooks).toEqual(
      PLATFORMS.filter((p) => p.tap.kind !== 'postMessage')
        .map((p) => p.id)
        .sort(),
    );
  });

  it('finds the seed documents (the wire-format specification) beside the repository', () => {
    expect(existsSync(seeds), `${seeds} is missing: the tests need ../shared/seeds`).toBe(true);
    expect(readdirSync(seeds).filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(
      PLATFORMS.length,
    );
  });

  it('is the only way platforms reach the bridge and the worker pipeline: none is named in their code', () => {
    // Identifiers and literals only (comments may cite a platform): the bridge carries no platform
    // code, it gets platform specifics as data (BridgeConfig, src/platforms/content.ts).
    const names = PLATFORMS.flatMap((p) => [p.id, p.label.toLowerCase()]);
    const files = [
      ...readdirSync(join(root, 'src/content'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join('src/content', f)),
      'entrypoints/bridge.ts',
      // The worker's composition root and pipeline route every platform alike (issue 15).
      'src/background/app.ts',
      ...['pipeline', 'handlers'].flatMap((dir) =>
        readdirSync(join(root, 'src/background', dir))
          .filter((f) => f.endsWith('.ts'))
          .map((f) => join('src/background', dir, f)),
      ),
    ];
    // Nor a platform's wire vocabulary (its control-frame types), which reaches the bridge as data.
    const vocabulary = Object.values(SOCKET_FRAMES).flatMap((s) => Object.keys(s.states));
    expect(vocabulary.length).toBeGreaterThan(0);
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const tokens = codeTokens(readFileSync(join(root, f), 'utf8'));
      const code = tokens.join(' ').toLowerCase();
      for (const name of [...names, 'actioncable']) expect(code, `${f} names ${name}`).not.toContain(name);
      const literals = tokens.filter((t) => /^['"`]/.test(t)).map((t) => t.slice(1, -1));
      for (const word of vocabulary) expect(literals, `${f} spells ${word}`).not.toContain(word);
    }
  });
});

/** The text of every token of a TypeScript source, comments left out. */
function codeTokens(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const out: string[] = [];
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan())
    out.push(scanner.getTokenText());
  return out;
}
