import type { SettingsInput } from '../src/config/settings';
import type { RuleInput } from '../src/rules/schema';
import type { DemoServers } from '../test/harness/servers';

const note = (
  crm: string,
  title: string,
  text: string,
  extra: Record<string, string> = {},
): RuleInput['then'][number] => ({
  kind: 'http',
  method: 'POST',
  url: `${crm}/api/notes`,
  body: { type: 'json', value: { title, text, ...extra } },
});

/**
 * The demo configuration: the demo CRM (Rox.Chat and uContact workspaces embedded from a second
 * origin), the OneChat dashboard and a website with the JivoChat widget and the Kommo button as sites,
 * and one or two useful rules per platform.
 */
export function demoSettings(s: DemoServers): SettingsInput {
  const crm = s.crm.origin;
  const ws = s.workspace.origin;
  return {
    sites: [
      {
        id: 'demo-crm',
        name: 'Demo CRM',
        matches: [`${crm}/*`],
        platforms: { roxchat: { origins: [ws] }, ucontact: { origins: [ws] } },
      },
      { id: 'onechat', name: 'OneChat dashboard', matches: [`${ws}/onechat/*`], platforms: { onechat: {} } },
      {
        id: 'shop',
        name: 'Website with JivoChat and Kommo',
        matches: [`${ws}/website/*`],
        platforms: { jivochat: {}, kommo: {} },
      },
    ],
    rules: [
      {
        id: 'rox-note',
        name: 'Rox.Chat message → CRM note',
        when: { events: ['message.created'], platforms: ['roxchat'] },
        then: [
          note(crm, 'Rox.Chat {{ message.direction }}', '{{ message.text }}', {
            chatId: '{{ conversation.id }}',
            contact: '{{ contact.crmId | default: contact.platformId }}',
          }),
        ],
      },
      {
        id: 'rox-pop',
        name: 'Rox.Chat chat opened → screen pop the Siebel contact',
        when: {
          events: ['conversation.selected'],
          platforms: ['roxchat'],
          where: [{ op: 'exists', path: 'contact.crmId' }],
        },
        then: [
          {
            kind: 'open-url',
            url: `${crm}/contacts/{{ contact.crmId }}`,
            target: 'reuse',
            reusePattern: `${crm}/contacts/*`,
          },
        ],
      },
      {
        id: 'rox-closed',
        name: 'Rox.Chat chat closed → CRM note',
        when: { events: ['conversation.closed'], platforms: ['roxchat'] },
        then: [
          note(
            crm,
            'Chat closed',
            'Rox.Chat chat {{ conversation.id }} closed ({{ conversation.channel | default: "web" }})',
          ),
        ],
      },
      {
        id: 'uc-assigned',
        name: 'uContact interaction assigned → fill the quick-contact form',
        when: { events: ['conversation.assigned'], platforms: ['ucontact'] },
        then: [
          {
            kind: 'fill',
            fields: {
              '#react-phone': '{{ contact.phone | default: contact.externalId }}',
              '#react-name': '{{ data.data.campaign }}',
            },
          },
        ],
      },
      {
        id: 'uc-disposition',
        name: 'uContact disposition → CRM note',
        when: { events: ['disposition.submitted'], platforms: ['ucontact'] },
        then: [
          note(crm, 'Disposition', '{{ data.data.levelsValue | join: " / " }}: {{ data.data.comment }}', {
            interaction: '{{ conversation.id }}',
          }),
        ],
      },
      {
        id: 'oc-note',
        name: 'OneChat message → CRM note',
        when: { events: ['message.created'], platforms: ['onechat'] },
        then: [
          note(crm, 'OneChat {{ message.direction }}', '{{ message.text }}', {
            conversation: '{{ conversation.id }}',
          }),
        ],
      },
      {
        id: 'oc-resolved',
        name: 'OneChat conversation resolved → CRM note',
        when: { events: ['conversation.closed'], platforms: ['onechat'] },
        then: [note(crm, 'Chat closed', 'OneChat conversation {{ conversation.id }} resolved')],
      },
      {
        id: 'jivo-lead',
        name: 'JivoChat introduction → create a CRM contact',
        when: { events: ['contact.identified'], platforms: ['jivochat'] },
        then: [
          {
            kind: 'http',
            url: `${crm}/api/contacts`,
            body: {
              type: 'json',
              value: {
                name: '{{ contact.name }}',
                email: '{{ contact.email | lower }}',
                phone: '{{ contact.phone | e164 }}',
                source: 'JivoChat',
              },
            },
          },
        ],
      },
      {
        id: 'jivo-accepted',
        name: 'JivoChat chat accepted → CRM note',
        when: { events: ['conversation.accepted'], platforms: ['jivochat'] },
        then: [note(crm, 'JivoChat', 'An agent accepted the chat')],
      },
      {
        id: 'kommo-message',
        name: 'Kommo conversation message → CRM note',
        when: { events: ['message.created'], platforms: ['kommo'] },
        then: [
          note(crm, 'Kommo {{ message.direction }}', '{{ message.text }}', { chat: '{{ conversation.id }}' }),
        ],
      },
      {
        id: 'kommo-closed',
        name: 'Kommo conversation closed → CRM note',
        when: { events: ['conversation.closed'], platforms: ['kommo'] },
        then: [note(crm, 'Chat closed', 'Kommo conversation {{ conversation.id }} closed')],
      },
    ],
  };
}
