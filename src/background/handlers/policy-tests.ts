import type { PageResponses } from '../../protocol';
import type { PolicyTestsRun } from '../../replay/policy-run';
import { latestPolicyTests } from '../policy-tests';

/**
 * Tests in policy (issue 20): the options page's policy view reads the last run. Routed from
 * handlers/pages.ts, so only our own extension pages reach it.
 */
export function policyTestsHandlers(latest: () => Promise<PolicyTestsRun | undefined> = latestPolicyTests): {
  'policy.tests': () => Promise<PageResponses['policy.tests']>;
} {
  return {
    'policy.tests': async () => {
      const run = await latest();
      return run ? { run } : {};
    },
  };
}
