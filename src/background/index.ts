import { browser } from 'wxt/browser';
import { onNotificationClicked } from '../actions/notify';
import { App, OUTBOX_ALARM } from './app';

/**
 * Every listener is registered synchronously at the top level of the worker's first turn, so an event
 * that wakes the worker is delivered; each handler then awaits the init promise (uBlock Origin Lite).
 */
/**
 * storage.local holds the user's settings: make it unreachable from content scripts where the browser
 * allows (StorageArea.setAccessLevel: storage.session since Chrome 102, local/sync in later Chrome;
 * Firefox supports it on session only). Feature-detected, and a refusal is not an error: nothing
 * secret is kept in storage.local anyway (issue 14 item 4).
 */
export function restrictLocalStorage(): void {
  const local = browser.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  if (typeof local.setAccessLevel !== 'function') return;
  try {
    void local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  } catch {}
}

export function startBackground(): App {
  restrictLocalStorage();
  const app = new App();
  browser.runtime.onMessage.addListener((msg, sender) => app.onMessage(msg, sender));
  browser.runtime.onConnect.addListener((port) => app.inspector.accept(port));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void app.ready.then(() => app.outbox.kick());
  });
  let policyTimer: ReturnType<typeof setTimeout> | undefined;
  browser.storage.onChanged.addListener((_changes, area) => {
    // Only the admin's managed area is followed. Settings change only through the worker's validated
    // `settings.save` (which reloads them itself), never because something wrote storage.local: on a
    // browser where content scripts can still write it, that write must not change what runs (issue 14
    // item 4). A policy change applies without reload; debounced because Chrome reports keys one by one.
    if (area === 'managed') {
      if (policyTimer) clearTimeout(policyTimer);
      policyTimer = setTimeout(() => void app.ready.then(() => app.state.reload({ policy: true })), 500);
    }
  });
  browser.runtime.onInstalled.addListener(() => void app.ready);
  browser.runtime.onStartup.addListener(() => void app.ready.then(() => app.outbox.kick()));
  // Back online: the outbox resumes at once (offline paused every origin without counting attempts).
  globalThis.addEventListener?.('online', () => void app.ready.then(() => app.outbox.kick()));
  browser.tabs.onRemoved.addListener((tabId) => app.tabs.forget(tabId));
  // Direct mode connects only with host permission for its URL: a grant starts it, a revocation stops it.
  const permissionsChanged = () => {
    app.permissions.clear();
    void app.ready.then(() => app.direct.apply(app.state.settings));
  };
  browser.permissions.onAdded.addListener(permissionsChanged);
  browser.permissions.onRemoved.addListener(permissionsChanged);
  browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));
  return app;
}
