import type { Browser } from 'wxt/browser';
import type { JournalEntry } from '../journal/types';
import { classifySender } from '../messaging/senders';
import { INSPECTOR_PORT, type InspectorPush, type TabStatus } from '../protocol';
import type { Badge } from './badge';
import type { Feed, FeedListener } from './feed';

export interface InspectorDeps {
  runtimeId: string;
  extensionOrigin: string;
  /** The latest journal entries, once the worker is ready. */
  snapshot: () => Promise<JournalEntry[]>;
  tabStatus: (tabId: number) => Promise<TabStatus>;
  /** A popup connected / went away (the badge counts what it has not seen). */
  opened: () => void;
  closed: () => void;
}

/**
 * Live journal stream to popups over a runtime port. Only our own extension pages may connect: the
 * port's sender goes through classifySender like every message. Subscribes to the feed.
 */
export class Inspector implements FeedListener {
  private readonly ports = new Set<Browser.runtime.Port>();
  constructor(private readonly deps: InspectorDeps) {}

  accept(port: Browser.runtime.Port): void {
    const who = port.sender
      ? classifySender(port.sender, this.deps.runtimeId, this.deps.extensionOrigin)
      : undefined;
    if (port.name !== INSPECTOR_PORT || who?.kind !== 'extension-page') {
      port.disconnect();
      return;
    }
    this.ports.add(port);
    this.deps.opened();
    port.onDisconnect.addListener(() => {
      this.ports.delete(port);
      this.deps.closed();
    });
    void this.deps.snapshot().then((entries) => this.send(port, { type: 'snapshot', entries }));
  }

  entry(entry: JournalEntry): void {
    for (const port of this.ports) this.send(port, { type: 'entry', entry });
  }

  tab(tabId: number): void {
    if (this.ports.size === 0) return;
    void this.deps.tabStatus(tabId).then((status) => {
      for (const port of this.ports) this.send(port, { type: 'tab', status });
    });
  }

  private send(port: Browser.runtime.Port, msg: InspectorPush): void {
    try {
      port.postMessage(msg);
    } catch {
      this.ports.delete(port);
    }
  }
}

/**
 * The popup's inspector as the worker wires it: the badge follows the feed and knows when the popup is
 * open (it clears its count then); the inspector pushes every published entry to open popups.
 */
export function inspectorFor(
  feed: Feed,
  badge: Pick<Badge, 'onEntry' | 'popupOpened' | 'popupClosed'>,
  deps: Omit<InspectorDeps, 'opened' | 'closed'>,
): Inspector {
  const inspector = new Inspector({
    ...deps,
    opened: () => badge.popupOpened(),
    closed: () => badge.popupClosed(),
  });
  feed.subscribe({ entry: (e) => badge.onEntry(e) });
  feed.subscribe(inspector);
  return inspector;
}
