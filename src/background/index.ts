import { browser } from 'wxt/browser';
import { onNotificationClicked } from '../actions/notify';
import { App, OUTBOX_ALARM } from './app';

/**
 * Every listener is registered synchronously at the top level of the worker's first turn, so an event
 * that wakes the worker is delivered; each handler then awaits the init promise (uBlock Origin Lite).
 */
export function startBackground(): App {
  const app = new App();
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  browser.runtime.onMessage.addListener((msg, sender) => app.onMessage(msg, sender));
  browser.runtime.onConnect.addListener((port) => app.inspector.accept(port, extensionOrigin));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void app.ready.then(() => app.outbox.kick());
  });
  let policyTimer: ReturnType<typeof setTimeout> | undefined;
  browser.storage.onChanged.addListener((changes, area) => {
    // Settings written by another context (options page in another window, import) apply live.
    if (area === 'local' && 'settings' in changes)
      void app.ready.then(() => app.reloadSettings({ policy: false }));
    // A policy change applies without reload; debounced because Chrome reports keys one by one.
    if (area === 'managed') {
      if (policyTimer) clearTimeout(policyTimer);
      policyTimer = setTimeout(() => void app.ready.then(() => app.reloadSettings({ policy: true })), 500);
    }
  });
  browser.runtime.onInstalled.addListener(() => void app.ready);
  browser.runtime.onStartup.addListener(() => void app.ready.then(() => app.outbox.kick()));
  browser.tabs.onRemoved.addListener((tabId) => app.tabs.forget(tabId));
  // Direct mode connects only with host permission for its URL: a grant starts it, a revocation stops it.
  const permissionsChanged = () => {
    app.clearPermissionCache();
    void app.ready.then(() => app.direct.apply(app.settings));
  };
  browser.permissions.onAdded.addListener(permissionsChanged);
  browser.permissions.onRemoved.addListener(permissionsChanged);
  browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));
  return app;
}
