// Layers point one way (docs/architecture.md, "Layers"): dependency-cruiser checks every import of src/
// and entrypoints/ against .dependency-cruiser.cjs; a cycle or an import of a layer above fails here.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');
const run = (cwd: string, ...args: string[]) => {
  try {
    return { code: 0, out: execFileSync(depcruise, args, { cwd, encoding: 'utf8' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
};

describe('layering', () => {
  it('no import cycles and no folder imports a layer above it', () => {
    const r = run(root, 'src', 'entrypoints', '--config', '.dependency-cruiser.cjs', '--output-type', 'err');
    expect(r.out).toMatch(/no dependency violations found/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('the check can fail: an upward import is reported', () => {
    // The same rules against a tree with one upward import (rules → background) made for this test.
    const r = run(
      join(root, 'test/fixtures/layers'),
      'src',
      '--config',
      join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'err',
    );
    expect(r.out).toMatch(/rules-imports-above/);
    expect(r.code).not.toBe(0);
  }, 60_000);
});
