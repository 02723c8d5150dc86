import { NOTE_TEXT, type Preset } from './types';

// Every CRM-note preset: a chat message with text, for a contact whose CRM id the workspace passes
// (contact.crmId: Rox.Chat's siebelId, or what your integration maps there). Edit the path if yours differs.
const when = {
  events: ['message.created'],
  where: [
    { op: 'exists' as const, path: 'contact.crmId' },
    { op: 'exists' as const, path: 'message.text' },
  ],
};

export const notePresets: Preset[] = [
  {
    id: 'hubspot-note',
    name: 'Chat message → HubSpot note',
    group: 'CRM note',
    description:
      'Creates a note on the HubSpot contact (CRM objects v3 notes API), associated with the contact through the default note→contact association (type 202).',
    secrets: ['hubspot_token'],
    edit: ['contact.crmId must be the HubSpot contact id (record id).'],
    docs: [
      { label: 'HubSpot: Notes API', url: 'https://developers.hubspot.com/docs/api/crm/notes' },
      {
        label: 'HubSpot: association types (note → contact = 202)',
        url: 'https://developers.hubspot.com/docs/api/crm/associations',
      },
    ],
    rule: {
      name: 'Chat message → HubSpot note',
      when,
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://api.hubapi.com/crm/v3/objects/notes',
          headers: { Authorization: 'Bearer {{ secrets.hubspot_token }}' },
          body: {
            type: 'json',
            value: {
              properties: { hs_timestamp: '{{ receivedAt }}', hs_note_body: NOTE_TEXT },
              associations: [
                {
                  to: { id: '{{ contact.crmId }}' },
                  types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }],
                },
              ],
            },
          },
        },
      ],
    },
  },
  {
    id: 'pipedrive-note',
    name: 'Chat message → Pipedrive note',
    group: 'CRM note',
    description:
      'Adds a note to the Pipedrive person (Notes API, POST /v1/notes) with the API token in the x-api-token header.',
    secrets: ['pipedrive_token'],
    edit: ['contact.crmId must be the Pipedrive person id.'],
    docs: [
      { label: 'Pipedrive: Notes (Add a note)', url: 'https://developers.pipedrive.com/docs/api/v1/Notes' },
      {
        label: 'Pipedrive: authentication (x-api-token)',
        url: 'https://pipedrive.readme.io/docs/core-api-concepts-authentication',
      },
    ],
    rule: {
      name: 'Chat message → Pipedrive note',
      when,
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://api.pipedrive.com/v1/notes',
          headers: { 'x-api-token': '{{ secrets.pipedrive_token }}' },
          // Pipedrive notes are HTML: the message is escaped.
          body: {
            type: 'json',
            value: {
              content: '<p>[{{ platform }}] {{ message.direction }}: {{ message.text | escape }}</p>',
              person_id: '{{ contact.crmId }}',
            },
          },
        },
      ],
    },
  },
  {
    id: 'zoho-note',
    name: 'Chat message → Zoho CRM note',
    group: 'CRM note',
    description: 'Creates a note on the Zoho CRM contact (Notes API v8, POST /crm/v8/Notes).',
    secrets: ['zoho_token'],
    edit: [
      'Use your data centre’s API domain (www.zohoapis.com, .eu, .in, .com.au, …).',
      'Zoho OAuth access tokens expire after an hour: make zoho_token an OAuth 2 secret (Secrets tab) and CRM Bridge refreshes it.',
      'Change Contacts to Leads or Deals to attach notes elsewhere.',
    ],
    docs: [
      {
        label: 'Zoho CRM: Create Notes (v8)',
        url: 'https://www.zoho.com/crm/developer/docs/api/v8/create-notes.html',
      },
    ],
    rule: {
      name: 'Chat message → Zoho CRM note',
      when,
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://www.zohoapis.com/crm/v8/Notes',
          headers: { Authorization: 'Zoho-oauthtoken {{ secrets.zoho_token }}' },
          body: {
            type: 'json',
            value: {
              data: [
                {
                  Note_Title: '{{ platform }} chat {{ conversation.id }}',
                  Note_Content: '{{ message.direction }}: {{ message.text }}',
                  Parent_Id: { module: { api_name: 'Contacts' }, id: '{{ contact.crmId }}' },
                },
              ],
            },
          },
        },
      ],
    },
  },
  {
    id: 'bitrix24-comment',
    name: 'Chat message → Bitrix24 timeline comment',
    group: 'CRM note',
    description:
      'Adds a comment to the Bitrix24 contact’s timeline through an incoming webhook (crm.timeline.comment.add).',
    secrets: [],
    edit: [
      'Replace the URL with your incoming webhook’s (Developer resources → Other → Incoming webhook, scope crm): https://<portal>/rest/<user id>/<code>/crm.timeline.comment.add.json.',
      'The webhook code is part of the URL (Bitrix24’s design), and secrets resolve only in headers and bodies: treat exports of this rule as sensitive.',
      'ENTITY_TYPE: contact, lead, deal or company.',
    ],
    docs: [
      {
        label: 'Bitrix24: crm.timeline.comment.add',
        url: 'https://apidocs.bitrix24.com/api-reference/crm/timeline/comments/crm-timeline-comment-add.html',
      },
      {
        label: 'Bitrix24: incoming webhooks',
        url: 'https://apidocs.bitrix24.com/local-integrations/local-webhooks.html',
      },
    ],
    rule: {
      name: 'Chat message → Bitrix24 timeline comment',
      when,
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://your-portal.bitrix24.com/rest/1/your-webhook-code/crm.timeline.comment.add.json',
          body: {
            type: 'json',
            value: {
              fields: { ENTITY_ID: '{{ contact.crmId }}', ENTITY_TYPE: 'contact', COMMENT: NOTE_TEXT },
            },
          },
        },
      ],
    },
  },
  {
    id: 'kommo-note',
    name: 'Chat message → Kommo note',
    group: 'CRM note',
    description:
      'Adds a text note (note_type common) to the Kommo contact (API v4, POST /api/v4/contacts/{id}/notes) with a long-lived token.',
    secrets: ['kommo_token'],
    edit: [
      'Replace your-subdomain with your Kommo account’s subdomain.',
      'contact.crmId must be the Kommo contact id.',
    ],
    docs: [
      {
        label: 'Kommo: events and notes (adding notes)',
        url: 'https://www.kommo.com/developers/content/api_v4/events-and-notes',
      },
      { label: 'Kommo: note types', url: 'https://developers.kommo.com/reference/notes-types' },
    ],
    rule: {
      name: 'Chat message → Kommo note',
      when,
      then: [
        {
          kind: 'http',
          method: 'POST',
          url: 'https://your-subdomain.kommo.com/api/v4/contacts/{{ contact.crmId }}/notes',
          headers: { Authorization: 'Bearer {{ secrets.kommo_token }}' },
          body: { type: 'json', value: [{ note_type: 'common', params: { text: NOTE_TEXT } }] },
        },
      ],
    },
  },
];
