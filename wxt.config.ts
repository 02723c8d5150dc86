import { defineConfig } from 'wxt';

// Public half of the key that fixes the extension id (gddjbfnjjobbifpfoanlhbdmjejjioka) for unpacked
// builds, e2e tests and admin policy (chrome.storage.managed is keyed by id). Store builds get the
// store's own id; see docs/admin.md.
export const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1vT40dBm92sdkZlFiZ3ukut76f8aqkxFIj0gevT8L01v/qdVJbhbpjnPrWqMGtdnHCLFjtypfH+CTp+i//GMsFGfgTFKqTxR1LPipqYfW6ZciiMPEX/+716EffAXUk2X6C3zqyYO+DvLADhm/Av8n9t7w/k6XSjANCdTh09jrQ+9pptqKVDjTX8a0UzNtjSVE09dYxkiaEUarxRg4ukY4nNo0ZtZEZqluQDAyh7UmLryyGfIwEHUPQ8p4djig/vQ2fvMAjMsZBLasE1gNGEVWEoL5+7uZwu1iIdxZQphxblmZF/3bjIXCWp2Rwnlw4PWG95HEJ2CPG2u9fUQkUP+JwIDAQAB';

// Loopback hosts the e2e tests and the demo serve from. Only a test-mode build declares them as
// required host permissions, so tests need no permission prompt; store builds keep host access optional.
const TEST_HOSTS = ['http://127.0.0.1/*', 'http://127.0.0.2/*', 'http://127.0.0.3/*', 'http://localhost/*'];

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // @wxt-dev/i18n: locales/<lang>.yml → _locales/<lang>/messages.json, typed `#i18n` (docs/architecture.md).
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  imports: false,
  manifestVersion: 3,
  manifest: ({ mode, browser }) => ({
    // Store name and short description come from the locale files (docs/store/listing.md is checked against them).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    ...(browser === 'firefox' ? {} : { key: EXTENSION_KEY }),
    // Every entry is justified in docs/store/permissions.md (a test compares it with the built manifests).
    // No `tabs`: tab URLs are readable where the user granted host access (the CRM sites), and
    // `activeTab` covers the popup's "current tab" status. Firefox has no offscreen documents.
    permissions: [
      'storage',
      'scripting',
      'alarms',
      'notifications',
      'activeTab',
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(mode.startsWith('test') || mode === 'bench' ? { host_permissions: TEST_HOSTS } : {}),
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: '__MSG_extName__' },
    // Keyboard shortcuts (src/background/shortcuts.ts); people can change them at chrome://extensions/shortcuts.
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+B' },
        description: '__MSG_cmdOpenInspector__',
      },
      'toggle-pause': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: '__MSG_cmdTogglePause__',
      },
    },
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: 'crm-bridge@crm-bridge.dev',
              // MAIN-world content scripts (scripting.registerContentScripts world: MAIN) need Firefox 128.
              strict_min_version: '128.0',
              // Chat messages and visitor contact details go to the CRM endpoints the user configures.
              data_collection_permissions: {
                required: ['personalCommunications', 'personallyIdentifyingInfo'],
              },
            },
          }
        : undefined,
  }),
  vite: () => ({
    build: { minify: true, sourcemap: false },
  }),
});
