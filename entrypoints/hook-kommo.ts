import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { makeHookEmitter } from '../src/messaging/hook-protocol';
import { installKommoHook } from '../src/platforms/kommo/hook';

// MAIN-world page hook for Kommo (crmPlugin callbacks; crmPlugin / crm_plugin.setMeta commands).
// Registered by the worker (src/background/registration.ts) as `hook-kommo.js`, MAIN world,
// document_start, all frames, only on sites configured for kommo — so it runs before any page script.
// Messages go to the bridge as a `document` CustomEvent with a JSON string detail, built with natives
// captured here, before the page can replace JSON.stringify, CustomEvent or dispatchEvent.
export default defineUnlistedScript(() => installKommoHook(window, makeHookEmitter(window)));
