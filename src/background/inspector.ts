import type { Browser } from 'wxt/browser';
import type { JournalEntry } from '../journal/types';
import { INSPECTOR_PORT, type InspectorPush } from '../messaging/protocol';
import type { App } from './app';

/** Live journal stream to popups over a runtime port (only our own extension pages may connect). */
export class Inspector {
  private readonly ports = new Set<Browser.runtime.Port>();
  constructor(private readonly app: App) {}

  accept(port: Browser.runtime.Port, extensionOrigin: string): void {
    if (port.name !== INSPECTOR_PORT || !port.sender?.url?.startsWith(extensionOrigin)) {
      port.disconnect();
      return;
    }
    this.ports.add(port);
    this.app.badge.popupOpened();
    port.onDisconnect.addListener(() => {
      this.ports.delete(port);
      this.app.badge.popupClosed();
    });
    void this.app.ready
      .then(() => this.app.journal.recent(200))
      .then((entries) => this.send(port, { type: 'snapshot', entries }));
  }

  push(entry: JournalEntry): void {
    this.app.badge.onEntry(entry);
    for (const port of this.ports) this.send(port, { type: 'entry', entry });
  }

  pushTab(tabId: number): void {
    if (this.ports.size === 0) return;
    void this.app.tabStatus(tabId).then((status) => {
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
