// The built manifests request exactly the permissions docs/store/permissions.md justifies.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const doc = readFileSync(join(root, 'docs/store/permissions.md'), 'utf8');

function documented(section: string, browser: 'chrome' | 'firefox'): string[] {
  const part = doc.split(/^## /m).find((s) => s.startsWith(section));
  if (!part) return [];
  return [...part.matchAll(/^\| `([^`]+)` \| ([a-z, ]+) \|/gm)]
    .filter((m) =>
      (m[2] ?? '')
        .split(',')
        .map((x) => x.trim())
        .some((b) => b === 'all' || b === browser),
    )
    .map((m) => m[1] ?? '')
    .sort();
}

const builds = [
  ['chrome', '.output/chrome-mv3'],
  ['firefox', '.output/firefox-mv3'],
] as const;

describe.each(builds)('%s manifest', (browser, dir) => {
  const file = join(root, dir, 'manifest.json');
  it('requests exactly the documented permissions', () => {
    expect(existsSync(file), `${dir} is built by \`npm test\` before the unit tests`).toBe(true);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      permissions?: string[];
      optional_host_permissions?: string[];
      host_permissions?: string[];
      content_scripts?: unknown[];
    };
    expect([...(manifest.permissions ?? [])].sort()).toEqual(documented('permissions', browser));
    expect([...(manifest.optional_host_permissions ?? [])].sort()).toEqual(
      documented('optional_host_permissions', browser),
    );
    // A store build requires no host access and declares no content script for all sites.
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
  });
});
