import { browser } from 'wxt/browser';
import type { BreakerChange } from '../outbox/breaker';
import { t } from '../util/i18n';

export interface NoticeDeps {
  show(title: string, message: string): void;
  now(): number;
}

/** At most one notice of each kind per CRM (or for offline/online) in this window. */
export const NOTICE_GAP_MS = 10 * 60_000;

const browserDeps = (): NoticeDeps => ({
  show: (title, message) =>
    void browser.notifications
      .create({ type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message })
      .catch(() => undefined),
  now: () => Date.now(),
});

/**
 * Tells the agent when a CRM goes into outage and when it recovers (and when the browser goes offline
 * or back online), from the outbox's circuit-breaker changes. Rate-limited per kind and CRM, so a CRM
 * that flaps cannot flood the agent with notifications.
 */
export class OutageNotices {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly deps: NoticeDeps = browserDeps(),
    private readonly gapMs = NOTICE_GAP_MS,
  ) {}

  changed(changes: readonly BreakerChange[]): void {
    // Offline explains every origin's outage at once: one notice, not one per CRM.
    const offline = changes.some((c) => c.kind === 'offline');
    for (const c of changes) {
      if (offline && c.kind === 'outage') continue;
      const origin = 'origin' in c ? c.origin : '';
      const key = `${c.kind}|${origin}`;
      const now = this.deps.now();
      const last = this.last.get(key);
      if (last !== undefined && now - last < this.gapMs) continue;
      this.last.set(key, now);
      const [title, message] = text(c, origin);
      this.deps.show(title, message);
    }
  }
}

/** Plain sentences in the UI's language (locales/*.yml `notifications.*`), `{origin}` the CRM's origin. */
function text(c: BreakerChange, origin: string): [string, string] {
  switch (c.kind) {
    case 'outage':
      return [t('notifications.outageTitle'), t('notifications.outage', { origin })];
    case 'recovered':
      return [t('notifications.recoveredTitle'), t('notifications.recovered', { origin })];
    case 'offline':
      return [t('notifications.offlineTitle'), t('notifications.offline')];
    case 'online':
      return [t('notifications.onlineTitle'), t('notifications.online')];
  }
}
