import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installOnechatHook } from '../src/platforms/onechat/hook';

// OneChat page hook (MAIN world, document_start, only on sites configured for OneChat: the worker
// registers it as `hook-onechat.js`, see src/background/registration.ts). Budget: 3 KB minified.
export default defineUnlistedScript(() => installOnechatHook(window));
