// Issue 16: the retry time (`delivery.maxAgeHours`) on the options page's General tab: what is
// accepted and saved, and how it shows when the organisation's policy locks it.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PolicyStatus } from '../../../src/config/policy';
import { SettingsSchema } from '../../../src/config/settings';
import { RetryWindow } from '../../../src/ui/options/general/RetryWindow';
import { withRetryHours } from '../../../src/ui/options/general/retry-window';

const settings = SettingsSchema.parse({});

describe('retry time: what is saved', () => {
  it.each([
    ['48', 48],
    [' 1 ', 1],
    ['168', 168],
    ['0', undefined],
    ['169', undefined],
    ['1.5', undefined],
    ['-2', undefined],
    ['', undefined],
    ['24h', undefined],
    ['1e2', undefined],
  ])('%o → %o', (typed, hours) => {
    const next = withRetryHours(settings, typed);
    expect(next?.delivery.maxAgeHours).toBe(hours);
    if (next) expect({ ...next, delivery: settings.delivery }).toEqual(settings);
  });
});

describe('retry time: rendered', () => {
  const render = (policy: PolicyStatus, effectiveHours = 24) =>
    renderToStaticMarkup(
      createElement(RetryWindow, {
        settings,
        effective: { ...settings, delivery: { maxAgeHours: effectiveHours } },
        policy,
        save: () => undefined,
      }),
    );

  it('a labelled number input in hours with a Save button', () => {
    const html = render({ managed: false } as unknown as PolicyStatus);
    expect(html).toMatch(/<label>Keep retrying a request that fails for<input[^>]*type="number"/);
    expect(html).toContain('min="1"');
    expect(html).toContain('max="168"');
    expect(html).toContain('value="24"');
    expect(html).toContain('hours</label>');
    expect(html).toContain('data-testid="retry-hours-save"');
    expect(html).not.toContain('data-testid="lock"');
  });

  it('locked by policy: the organisation’s value, disabled, with the lock and no Save', () => {
    const html = render({ managed: true, locked: ['delivery'] } as unknown as PolicyStatus, 6);
    const input = html.match(/<input[^>]*>/)?.[0] ?? '';
    expect(input).toContain('value="6"');
    expect(input).toContain('disabled=""');
    expect(html).toContain('data-testid="lock"');
    expect(html).toContain('set by your organisation');
    expect(html).not.toContain('data-testid="retry-hours-save"');
  });
});
