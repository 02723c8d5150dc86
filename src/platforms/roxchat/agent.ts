import { t } from '../../util/i18n';
import { contactMatches, type PlatformMeta, pick } from '../agent-types';

/**
 * Rox.Chat: start_outgoing_chat needs the visitor's Rox.Chat id and session id. The agent selects the
 * visitor as the CRM page shows them (name, Rox.Chat id, provided id, CRM id, phone or e-mail); both ids
 * come from the newest Rox.Chat event of that visitor seen in this tab (visitorSelected and the others
 * carry them).
 */
export const roxchatMeta: PlatformMeta = {
  id: 'roxchat',
  label: 'Rox.Chat',
  starts: [
    {
      id: 'start-chat',
      get title() {
        return t('menu.roxchat.startChat');
      },
      command: 'start_outgoing_chat',
      targets: ['selection', 'phone', 'email'],
      params: ({ text, seen }) => {
        for (const e of seen) {
          if (!contactMatches(e.contact, text)) continue;
          const roxchatVisitorId = e.contact?.platformId ?? pick(e.data, 'params.roxchatVisitorId');
          const sessionId = pick(e.data, 'params.sessionId');
          if (roxchatVisitorId && sessionId) return { ok: true, params: { roxchatVisitorId, sessionId } };
        }
        return { ok: false, error: t('menu.roxchat.visitorUnknown') };
      },
    },
  ],
};
