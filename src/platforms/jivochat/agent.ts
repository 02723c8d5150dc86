import { t } from '../../util/i18n';
import type { PlatformMeta } from '../agent-types';

/** JivoChat: startCall calls a phone number back (jivo_api.startCall). */
export const jivochatMeta: PlatformMeta = {
  id: 'jivochat',
  label: 'JivoChat',
  starts: [
    {
      id: 'call-back',
      get title() {
        return t('menu.jivochat.callBack');
      },
      command: 'startCall',
      targets: ['phone'],
      params: ({ text }) => ({ ok: true, params: { phone: text } }),
    },
  ],
};
