import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { makeHookEmitter } from '../src/messaging/hook-protocol';
import { installJivoHook } from '../src/platforms/jivochat/hook';

// MAIN-world page hook for JivoChat (jivo_on* callbacks, jivo_api commands). Registered by the worker
// (src/background/registration.ts) as `hook-jivochat.js`, MAIN world, document_start, all frames, only on
// sites configured for jivochat — so it runs before any page script. Messages go to the bridge as a
// `document` CustomEvent with a JSON string detail, built with natives captured here, before the page
// can replace JSON.stringify, CustomEvent or dispatchEvent.
export default defineUnlistedScript(() => installJivoHook(window, makeHookEmitter(window)));
