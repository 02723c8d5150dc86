import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * e2e files that write Chromium's managed policy: a machine-wide folder every Chromium reads (and
 * watches), so while one of them runs no other browser may run. Found by what they import.
 */
const E2E = 'test/e2e';
const POLICY_FILES = readdirSync(E2E)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => /\b(writeExtensionPolicy|POLICY_DIR)\b/.test(readFileSync(`${E2E}/${f}`, 'utf8')))
  .map((f) => `${E2E}/${f}`);

const e2e = {
  environment: 'node',
  testTimeout: 90_000,
  hookTimeout: 90_000,
} as const;

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
        },
      },
      {
        test: {
          ...e2e,
          name: 'e2e',
          include: [`${E2E}/**/*.test.ts`],
          exclude: POLICY_FILES,
          // Two files at a time (one Chromium each; fixture servers on their own ports): most e2e
          // time is waiting (the outage test sleeps 3 minutes), so two lanes fit a 2-core machine.
          // The slowest file starts first (vitest orders by the last run's durations).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...e2e,
          name: 'e2e-policy',
          include: POLICY_FILES,
          // Alone, after the others: see POLICY_FILES. `npm run test:e2e` runs both (--project 'e2e*').
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
