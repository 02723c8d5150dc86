import { browser } from 'wxt/browser';
import type { Settings } from '../config/settings';
import { retryPolicy } from '../outbox/backoff';
import { Outbox, type OutboxDeps } from '../outbox/outbox';
import { WakeAlarm } from '../outbox/wake';
import type { TokenDeps } from '../secrets/oauth';
import { withOAuth } from '../secrets/oauth-fetch';
import { allSecrets, isManagedSecret } from '../secrets/store';
import { healthCounters } from './health-counters';

/** The chrome.alarms alarm that wakes the outbox when the worker sleeps through a retry time. */
export const OUTBOX_ALARM = 'outbox';

export interface DeliveryWiring {
  oauth: TokenDeps;
  permitted: (origin: string) => Promise<boolean>;
  settings: () => Settings;
  report: OutboxDeps['report'];
  changed: OutboxDeps['changed'];
}

/**
 * The outbox with the worker's real dependencies: fetch through OAuth 2 token handling (tokens refreshed
 * before expiry and once on a 401, src/secrets/oauth-fetch.ts), the secret store, host permissions, the
 * retry horizon from settings (`delivery.maxAgeHours`), the browser's online state and an alarm to wake.
 */
export function buildOutbox(w: DeliveryWiring): Outbox {
  const wake = new WakeAlarm(
    (when) => void browser.alarms.create(OUTBOX_ALARM, { when }),
    () => Date.now(),
  );
  return new Outbox({
    fetch: withOAuth((...args) => fetch(...args), w.oauth),
    now: () => Date.now(),
    random: Math.random,
    secrets: () => allSecrets(),
    isManaged: isManagedSecret,
    permitted: w.permitted,
    // Each attempt's outcome is also counted for the admin's health report (only while the policy enables it).
    report: (r) => {
      healthCounters.attempt(r);
      return w.report(r);
    },
    // A delivery written with its held journal entry (src/background/pipeline/early.ts) is counted too.
    absorbed: (r) => healthCounters.attempt(r),
    scheduleWake: (at) => wake.schedule(at),
    policy: () => retryPolicy(w.settings().delivery?.maxAgeHours),
    // Workers have navigator.onLine; Node (unit tests) has no navigator before v21.
    online: () => globalThis.navigator?.onLine !== false,
    changed: w.changed,
  });
}

/** What OAuth token requests need (src/secrets/oauth.ts): the network, the clock, host permissions. */
export const tokenDeps = (permitted: (origin: string) => Promise<boolean>): TokenDeps => ({
  fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
  now: () => Date.now(),
  permitted,
});
