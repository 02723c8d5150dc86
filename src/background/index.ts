import { type Browser, browser } from 'wxt/browser';
import { onNotificationClicked } from '../actions/notify';
import { t } from '../util/i18n';
import { App } from './app';
import type { MenuResult } from './context-menu';
import { OUTBOX_ALARM } from './delivery';
import { startHealth } from './health';
import { startPolicyTests } from './policy-tests';
import { openSetupOnInstall } from './setup';
import { TOGGLE_PAUSE, togglePause } from './shortcuts';

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
  startHealth(app); // the admin's optional health report (alarm listener registered here, synchronously)
  startPolicyTests(app); // the policy's tests (onInstalled listener registered here, synchronously)
  browser.runtime.onMessage.addListener((msg, sender) => app.onMessage(msg, sender));
  browser.runtime.onConnect.addListener((port) => app.onConnect(port));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void app.ready.then(() => app.outbox.kick());
    else void app.ready.then(() => app.workflows.alarm(alarm.name));
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
  browser.runtime.onInstalled.addListener((details) => {
    void app.ready;
    openSetupOnInstall(details);
  });
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
  browser.notifications.onClicked.addListener((id) => {
    if (!app.workflows.notificationClicked(id)) void onNotificationClicked(id);
  });
  // Actions the agent starts (src/background/context-menu.ts); a refusal is told in a notification.
  const menuClicked = (info: Parameters<typeof app.menu.onClicked>[0], tab?: Browser.tabs.Tab) =>
    app.ready
      .then(() => app.menu.onClicked(info, tab))
      .then((r) => {
        if (r.status === 'failed') void tellMenuFailure(r);
        return r;
      });
  browser.contextMenus?.onClicked.addListener((info, tab) => void menuClicked(info, tab));
  browser.commands?.onCommand.addListener((command) => {
    if (command === TOGGLE_PAUSE) void app.ready.then(() => togglePause(app.state));
  });
  // Menus cannot be clicked in a headless browser: the test build lets e2e tests call the same
  // handler a click calls (test/e2e/context-menu.test.ts). Store builds have no such hook.
  if (import.meta.env.MODE === 'test')
    (globalThis as { crmbMenuClick?: typeof menuClicked }).crmbMenuClick = menuClicked;
  return app;
}

function tellMenuFailure(r: MenuResult): Promise<unknown> {
  return browser.notifications
    .create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: 'CRM Bridge',
      message: r.error ?? t('menu.refused'),
    })
    .catch(() => undefined);
}
