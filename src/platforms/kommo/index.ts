import type { Platform } from '../types';
import { kommoCommands } from './commands';
import { kommoFixtures } from './fixtures';
import { normalizeKommo } from './normalize';
import { kommoSchemas } from './schema';

/**
 * Kommo website button / online chat. Tapped in the page: hook.ts registers the five crmPlugin
 * callbacks and runs crmPlugin(...) / crm_plugin.setMeta(...) commands.
 */
export const kommo: Platform = {
  id: 'kommo',
  label: 'Kommo',
  seed: '004_376b5aedd283cf32.txt',
  tap: { kind: 'page-api', globals: ['crmPlugin', 'crm_plugin'] },
  schemas: kommoSchemas,
  normalize: normalizeKommo,
  commands: kommoCommands,
  fixtures: kommoFixtures,
};
