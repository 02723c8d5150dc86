import { browser } from 'wxt/browser';
import type { BreakerChange } from '../outbox/breaker';

export interface NoticeDeps {
  show(title: string, message: string): void;
  now(): number;
}

/** At most one notice of each kind per CRM (or for offline/online) in this window. */
export const NOTICE_GAP_MS = 10 * 60_000;

/** Plain sentences; `{origin}` is the CRM's origin. Kept as single literals for translation. */
export const NOTICE_TEXT = {
  outageTitle: 'A CRM is not answering',
  outage: 'CRM Bridge cannot reach {origin}. Its actions are kept and will be sent when it answers again.',
  recoveredTitle: 'The CRM is answering again',
  recovered: '{origin} is answering again. The actions kept for it are being sent now.',
  offlineTitle: 'You seem to be offline',
  offline: 'No CRM can be reached. Actions are kept and will be sent when the connection is back.',
  onlineTitle: 'The connection is back',
  online: 'CRM Bridge is online again. The actions kept meanwhile are being sent now.',
} as const;

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
      const [title, message] = text(c);
      this.deps.show(title, message.replace('{origin}', origin));
    }
  }
}

function text(c: BreakerChange): [string, string] {
  switch (c.kind) {
    case 'outage':
      return [NOTICE_TEXT.outageTitle, NOTICE_TEXT.outage];
    case 'recovered':
      return [NOTICE_TEXT.recoveredTitle, NOTICE_TEXT.recovered];
    case 'offline':
      return [NOTICE_TEXT.offlineTitle, NOTICE_TEXT.offline];
    case 'online':
      return [NOTICE_TEXT.onlineTitle, NOTICE_TEXT.online];
  }
}
