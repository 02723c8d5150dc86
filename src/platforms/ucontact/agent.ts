import { t } from '../../util/i18n';
import { type PlatformMeta, pick } from '../agent-types';

/**
 * uContact: startInteraction dials or writes to a client id (a phone number or an address) in a
 * campaign and channel; those two come from the newest uContact interaction seen in this tab.
 */
export const ucontactMeta: PlatformMeta = {
  id: 'ucontact',
  label: 'uContact',
  starts: [
    {
      id: 'start-interaction',
      get title() {
        return t('menu.ucontact.startInteraction');
      },
      command: 'startInteraction',
      targets: ['phone', 'email'],
      params: ({ text, seen }) => {
        for (const e of seen) {
          const campaign = pick(e.data, 'data.campaign');
          const channel = pick(e.data, 'data.channel');
          if (campaign && channel) return { ok: true, params: { campaign, channel, clientId: text } };
        }
        return { ok: false, error: t('menu.ucontact.noInteraction') };
      },
    },
  ],
};
