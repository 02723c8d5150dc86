import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          // chrome.i18n.getMessage for the fake browser (English strings), see the file.
          setupFiles: ['test/unit/setup-i18n.ts'],
          // A hang guard, not a speed check: suites that re-import the worker's modules (vi.resetModules)
          // spend seconds transforming them on a loaded 2-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One Chromium at a time on a 2-core machine; files share nothing but the built extension.
          fileParallelism: false,
        },
      },
    ],
  },
});
