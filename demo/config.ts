import type { SettingsInput } from '../src/config/settings';
import type { DemoServers } from './servers';

/** The demo configuration: the demo CRM as a site, its trusted workspace origins, and useful rules. */
export function demoSettings(s: DemoServers): SettingsInput {
  const crm = s.crm.origin;
  return {
    sites: [
      {
        id: 'demo-crm',
        name: 'Demo CRM',
        matches: [`${crm}/*`],
        platforms: { roxchat: { origins: [s.workspace.origin] } },
      },
    ],
    rules: [
      {
        id: 'rox-note',
        name: 'Rox.Chat message → CRM note',
        when: { events: ['message.created'], platforms: ['roxchat'] },
        then: [
          {
            kind: 'http',
            method: 'POST',
            url: `${crm}/api/notes`,
            body: {
              type: 'json',
              value: {
                title: 'Rox.Chat {{ message.direction }}',
                text: '{{ message.text }}',
                chatId: '{{ conversation.id }}',
                contact: '{{ contact.crmId | default: contact.platformId }}',
              },
            },
          },
        ],
      },
      {
        id: 'rox-pop',
        name: 'Rox.Chat chat opened → screen pop the Siebel contact',
        when: { events: ['conversation.selected'], platforms: ['roxchat'], where: [{ op: 'exists', path: 'contact.crmId' }] },
        then: [{ kind: 'open-url', url: `${crm}/contacts/{{ contact.crmId }}`, target: 'reuse', reusePattern: `${crm}/contacts/*` }],
      },
      {
        id: 'rox-closed',
        name: 'Rox.Chat chat closed → CRM note',
        when: { events: ['conversation.closed'], platforms: ['roxchat'] },
        then: [
          {
            kind: 'http',
            url: `${crm}/api/notes`,
            body: { type: 'json', value: { title: 'Chat closed', text: 'Chat {{ conversation.id }} closed ({{ conversation.channel | default: "web" }})' } },
          },
        ],
      },
    ],
  };
}
