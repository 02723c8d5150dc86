// Generates public/managed_schema.json from the zod PolicySchema (run by `npm run build`; the drift
// test in test/unit/config/managed-schema.test.ts fails if the committed file is stale).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { toChromeSchema } from '../src/config/chrome-schema';
import { PolicySchema } from '../src/config/policy';

export function managedSchemaJson(): string {
  const json = z.toJSONSchema(PolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return `${JSON.stringify(toChromeSchema(json), null, 2)}\n`;
}

if (process.argv[1]?.endsWith('gen-managed-schema.ts')) {
  const out = join(import.meta.dirname, '..', 'public', 'managed_schema.json');
  writeFileSync(out, managedSchemaJson());
  console.log(`wrote ${out}`);
}
