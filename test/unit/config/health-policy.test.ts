// The policy's `healthReport` block (issue 19): what it accepts, how Chrome's managed schema types it,
// and the enterprise package's host permissions covering the endpoint.
import { describe, expect, it } from 'vitest';
import { managedSchemaJson } from '../../../scripts/gen-managed-schema';
import { enterpriseHostPermissions } from '../../../src/config/enterprise-manifest';
import { HealthReportPolicySchema } from '../../../src/config/health-policy';
import { parsePolicy } from '../../../src/config/policy';

describe('healthReport policy', () => {
  it.each([
    [{ url: 'https://admin.acme.com/crm-bridge/health' }, true],
    [{ url: 'https://admin.acme.com/h', intervalMinutes: 15, authSecret: 'health_key' }, true],
    [{ url: 'http://127.0.0.1:8080/health', intervalMinutes: 1440 }, true],
    [{ url: 'http://admin.acme.com/health' }, false],
    [{ url: 'ftp://admin.acme.com/health' }, false],
    [{ url: '/health' }, false],
    [{ url: 'https://admin.acme.com/h', intervalMinutes: 14 }, false],
    [{ url: 'https://admin.acme.com/h', intervalMinutes: 1441 }, false],
    [{ url: 'https://admin.acme.com/h', intervalMinutes: 30.5 }, false],
    [{ url: 'https://admin.acme.com/h', authSecret: 'not a name' }, false],
    [{ intervalMinutes: 60 }, false],
  ])('%j → valid %s', (value, ok) => {
    expect(HealthReportPolicySchema.safeParse(value).success).toBe(ok);
    expect(parsePolicy({ healthReport: value }).ok).toBe(ok);
  });

  it('is typed for Chrome’s managed schema: integer minutes with bounds, strings for the rest', () => {
    const schema = JSON.parse(managedSchemaJson()) as { properties: Record<string, unknown> };
    expect(schema.properties.healthReport).toEqual({
      type: 'object',
      properties: {
        url: { type: 'string' },
        intervalMinutes: { type: 'integer', minimum: 15, maximum: 1440 },
        authSecret: { type: 'string' },
      },
    });
  });

  it('the enterprise package is granted the endpoint’s origin, and nothing more', () => {
    const base = { sites: [{ id: 's', matches: ['https://crm.acme.com/*'], platforms: {} }] };
    const without = parsePolicy(base);
    const withHealth = parsePolicy({ ...base, healthReport: { url: 'https://admin.acme.com:8443/h?x=1' } });
    if (!without.ok || !withHealth.ok) throw new Error('policy');
    expect(enterpriseHostPermissions(without.policy)).toEqual(['https://crm.acme.com/*']);
    expect(enterpriseHostPermissions(withHealth.policy)).toEqual([
      'https://admin.acme.com:8443/*',
      'https://crm.acme.com/*',
    ]);
  });
});
