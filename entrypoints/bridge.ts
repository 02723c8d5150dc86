import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startBridge } from '../src/content/bridge';

// The bridge content script (isolated world). Built as an unlisted script rather than a WXT content
// script because WXT's content-script wrapper bundles webextension-polyfill and its context helper
// (~6 KB), which the 15 KB budget cannot afford; the worker registers it at runtime for configured sites
// only (src/background/registration.ts), all frames, document_start.
export default defineUnlistedScript(() => startBridge());
