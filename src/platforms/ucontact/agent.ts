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
      title: 'uContact: start interaction',
      command: 'startInteraction',
      targets: ['phone', 'email'],
      params: ({ text, seen }) => {
        for (const e of seen) {
          const campaign = pick(e.data, 'data.campaign');
          const channel = pick(e.data, 'data.channel');
          if (campaign && channel) return { ok: true, params: { campaign, channel, clientId: text } };
        }
        return {
          ok: false,
          error:
            'uContact has not assigned an interaction in this tab yet, so the campaign is unknown. Take one interaction first, then try again.',
        };
      },
    },
  ],
};
