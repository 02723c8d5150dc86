import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
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

/**
 * e2e files that mostly wait (the outage test sleeps through its 3-minute outage): started first, so
 * the other lane runs the rest meanwhile. Vitest would order by the last run's durations, which a
 * fresh CI machine has not got (then it goes by file size) and a quick local run skews.
 */
const LONG_WAITS = ['delivery-outage.test.ts'];

class LongWaitsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (f: TestSpecification) => LONG_WAITS.some((n) => f.moduleId.endsWith(`/${n}`));
    return [...sorted.filter(long), ...sorted.filter((f) => !long(f))];
  }
}

const e2e = {
  environment: 'node',
  testTimeout: 90_000,
  hookTimeout: 90_000,
} as const;

export default defineConfig({
  test: {
    sequence: { sequencer: LongWaitsFirst },
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          // Some files walk and parse the whole source tree (i18n literals, layers): 5 s was too
          // tight for them on a loaded 2-core machine (CI once timed out there, assertions intact).
          testTimeout: 30_000,
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
          // LONG_WAITS start first. E2E_LANES=1 goes back to one file at a time.
          maxWorkers: Number(process.env.E2E_LANES ?? 2),
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
