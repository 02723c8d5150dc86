import type { Platform } from '../types';
import { jivochatCommands } from './commands';
import { jivochatFixtures } from './fixtures';
import { normalizeJivochat } from './normalize';
import { jivochatSchemas } from './schema';

/**
 * JivoChat website widget. Tapped in the page: hook.ts wraps the ten global `jivo_on*` callbacks and
 * runs `jivo_api.*` commands. Webhook bodies are normalised too (dry-run only: they are server-to-server).
 */
export const jivochat: Platform = {
  id: 'jivochat',
  label: 'JivoChat',
  seed: '003_7266b08a54d68f2a.txt',
  tap: { kind: 'page-api', globals: ['jivo_api'] },
  schemas: jivochatSchemas,
  normalize: normalizeJivochat,
  commands: jivochatCommands,
  fixtures: jivochatFixtures,
};
