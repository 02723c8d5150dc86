import type { Preset } from './types';

export const leadPresets: Preset[] = [
  {
    id: 'jivo-lead-zoho',
    name: 'JivoChat introduction → Zoho CRM lead',
    group: 'Lead',
    description:
      'When a JivoChat visitor leaves their contact details (jivo_onIntroduction), create a lead in Zoho CRM (Insert Records API v8) with Lead Source “Chat”.',
    secrets: ['zoho_token'],
    edit: [
      'Use your data centre’s API domain (www.zohoapis.com, .eu, .in, .com.au, …).',
      'Zoho OAuth access tokens expire after an hour: make zoho_token an OAuth 2 secret (Secrets tab) and CRM Bridge refreshes it.',
    ],
    docs: [
      {
        label: 'Zoho CRM: Insert Records (v8)',
        url: 'https://www.zoho.com/crm/developer/docs/api/v8/insert-records.html',
      },
    ],
    rule: {
      name: 'JivoChat introduction → Zoho CRM lead',
      when: { events: ['jivochat:jivo_onIntroduction'], platforms: ['jivochat'] },
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://www.zohoapis.com/crm/v8/Leads',
          headers: { Authorization: 'Zoho-oauthtoken {{ secrets.zoho_token }}' },
          body: {
            type: 'json',
            value: {
              data: [
                {
                  Last_Name: '{{ contact.name | default: "Chat visitor" }}',
                  Email: '{{ contact.email }}',
                  Phone: '{{ contact.phone }}',
                  Lead_Source: 'Chat',
                  Description: 'JivoChat visitor {{ contact.platformId }} on {{ page.url }}',
                },
              ],
            },
          },
        },
      ],
      once: { per: 'contact', windowMs: 86_400_000 },
    },
  },
];

export const webhookPresets: Preset[] = [
  {
    id: 'generic-webhook',
    name: 'Any event → generic webhook',
    group: 'Webhook',
    description:
      'POST the canonical event (type, platform, conversation, contact, message, agent, page) as JSON to any HTTPS endpoint, with a shared secret header.',
    secrets: ['webhook_secret'],
    edit: [
      'Replace https://hooks.example.com/crm-bridge with your endpoint.',
      'Pick the events to send (the preset sends messages and closed conversations).',
    ],
    docs: [],
    rule: {
      name: 'Events → webhook',
      when: { events: ['message.created', 'conversation.closed'] },
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://hooks.example.com/crm-bridge',
          headers: { 'X-Webhook-Secret': '{{ secrets.webhook_secret }}' },
          // A leaf that is exactly {{ path }} keeps the value's JSON type (objects stay objects).
          body: {
            type: 'json',
            value: {
              id: '{{ id }}',
              type: '{{ type }}',
              platform: '{{ platform }}',
              sourceEvent: '{{ sourceEvent }}',
              receivedAt: '{{ receivedAt }}',
              page: '{{ page }}',
              conversation: '{{ conversation }}',
              contact: '{{ contact }}',
              message: '{{ message }}',
              agent: '{{ agent }}',
            },
          },
        },
      ],
    },
  },
];
