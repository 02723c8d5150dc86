import {
  ASK_TIMEOUT_MS,
  AT_CLOSE,
  CONTACT_ID,
  CONTACT_NAME,
  CREATE_CONTACT_STEP,
  flowWhen,
  LINK_STEP,
  NOT_FOUND,
  NOTE_TITLE,
  rememberBoth,
  UNLINKED,
} from './flow-kit';
import type { Preset } from './types';

// Workflow presets (issue 17), continued: Bitrix24, Kommo and "my own REST API".

const BITRIX = 'https://your-portal.bitrix24.com/rest/1/your-webhook-code';

export const bitrix24Flow: Preset = {
  id: 'bitrix24-flow',
  name: 'Conversation → Bitrix24 contact (find or create) + timeline comment',
  group: 'CRM workflow',
  description:
    'At the end of a conversation: looks the Bitrix24 contact up by phone (crm.contact.list), adds it if missing (crm.contact.add), and writes the transcript as one comment on its timeline (crm.timeline.comment.add), through an incoming webhook.',
  secrets: [],
  edit: [
    'Replace https://your-portal.bitrix24.com/rest/1/your-webhook-code with your incoming webhook’s address (scope crm) in the three steps.',
    'The webhook code is part of the URL (Bitrix24’s design): treat exports of this rule as sensitive.',
    'To look contacts up by email instead, change PHONE to EMAIL in the find step’s filter and contact.phone to contact.email.',
  ],
  docs: [
    // "crm.contact.list": filter by PHONE (multi-field value), select → result[] with ID.
    {
      label: 'Bitrix24: crm.contact.list',
      url: 'https://apidocs.bitrix24.com/api-reference/crm/contacts/crm-contact-list.html',
    },
    // "crm.contact.add": fields NAME, PHONE/EMAIL as [{ VALUE, VALUE_TYPE }] → result = new id.
    {
      label: 'Bitrix24: crm.contact.add',
      url: 'https://apidocs.bitrix24.com/api-reference/crm/contacts/crm-contact-add.html',
    },
    // "crm.timeline.comment.add": fields ENTITY_ID, ENTITY_TYPE=contact, COMMENT.
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
    name: 'Conversation → Bitrix24 contact + timeline comment',
    ...flowWhen([{ op: 'exists', path: 'contact.phone' }]),
    then: [
      {
        id: 'find',
        if: UNLINKED,
        kind: 'http',
        method: 'POST',
        url: `${BITRIX}/crm.contact.list.json`,
        body: {
          type: 'json',
          value: {
            filter: { PHONE: '{{ contact.phone | e164 }}' },
            select: ['ID', 'NAME', 'LAST_NAME', 'PHONE', 'EMAIL'],
          },
        },
        matches: 'result',
        onMany: 'ask',
        candidateLabel: '{{ NAME }} {{ LAST_NAME }} (#{{ ID }})',
        askTimeoutMs: ASK_TIMEOUT_MS,
        onManyDefault: 'first',
        remember: rememberBoth('{{ steps.find.body.result.0.ID }}'),
      },
      {
        id: 'create',
        if: NOT_FOUND,
        kind: 'http',
        method: 'POST',
        url: `${BITRIX}/crm.contact.add.json`,
        body: {
          type: 'json',
          value: {
            fields: {
              NAME: CONTACT_NAME,
              PHONE: [{ VALUE: '{{ contact.phone | e164 }}', VALUE_TYPE: 'WORK' }],
              EMAIL: [{ VALUE: '{{ contact.email }}', VALUE_TYPE: 'WORK' }],
            },
            params: { REGISTER_SONET_EVENT: 'N' },
          },
        },
        remember: rememberBoth('{{ steps.create.body.result }}'),
      },
      LINK_STEP,
      {
        id: 'log',
        if: AT_CLOSE,
        kind: 'http',
        method: 'POST',
        url: `${BITRIX}/crm.timeline.comment.add.json`,
        body: {
          type: 'json',
          value: {
            fields: {
              ENTITY_ID: CONTACT_ID,
              ENTITY_TYPE: 'contact',
              COMMENT: `${NOTE_TITLE}\n{{ conversation.transcript }}`,
            },
          },
        },
      },
    ],
  },
  samples: {
    find: { status: 200, body: { result: [{ ID: '501', NAME: 'Ada', LAST_NAME: '' }], total: 1 } },
    create: { status: 200, body: { result: 502 } },
    log: { status: 200, body: { result: 9001 } },
  },
};

export const kommoFlow: Preset = {
  id: 'kommo-flow',
  name: 'Conversation → Kommo contact (find or create) + transcript note',
  group: 'CRM workflow',
  description:
    'At the end of a conversation: searches Kommo contacts by email or phone (API v4 query), adds the contact if missing, and adds the transcript as one common note on it.',
  secrets: ['kommo_token'],
  edit: [
    'Replace your-subdomain with your Kommo account’s subdomain in the three steps.',
    'kommo_token: a long-lived token, or an OAuth 2 secret (refresh token grant, https://your-subdomain.kommo.com/oauth2/access_token).',
  ],
  docs: [
    // "Contacts list": GET /api/v4/contacts?query= (searches phone, email, name…); 204 when none.
    {
      label: 'Kommo: contacts (list, query)',
      url: 'https://www.kommo.com/developers/content/api_v4/contacts',
    },
    // "Adding contacts": POST /api/v4/contacts [ { name, custom_fields_values: PHONE/EMAIL } ].
    { label: 'Kommo: adding contacts', url: 'https://developers.kommo.com/reference/add-contacts' },
    // "Adding notes": POST /api/v4/contacts/{id}/notes [ { note_type: common, params.text } ].
    {
      label: 'Kommo: events and notes',
      url: 'https://www.kommo.com/developers/content/api_v4/events-and-notes',
    },
  ],
  rule: {
    name: 'Conversation → Kommo contact + note',
    ...flowWhen(),
    then: [
      {
        id: 'find',
        if: UNLINKED,
        kind: 'http',
        method: 'GET',
        url: 'https://your-subdomain.kommo.com/api/v4/contacts?query={{ contact.email | default: contact.phone }}',
        headers: { Authorization: 'Bearer {{ secrets.kommo_token }}' },
        matches: '_embedded.contacts',
        onMany: 'ask',
        candidateLabel: '{{ name }} (#{{ id }})',
        askTimeoutMs: ASK_TIMEOUT_MS,
        onManyDefault: 'first',
        remember: rememberBoth('{{ steps.find.body._embedded.contacts.0.id }}'),
      },
      {
        id: 'create',
        if: NOT_FOUND,
        kind: 'http',
        method: 'POST',
        url: 'https://your-subdomain.kommo.com/api/v4/contacts',
        headers: { Authorization: 'Bearer {{ secrets.kommo_token }}' },
        body: {
          type: 'json',
          value: [
            {
              name: CONTACT_NAME,
              custom_fields_values: [
                { field_code: 'PHONE', values: [{ value: '{{ contact.phone }}', enum_code: 'WORK' }] },
                { field_code: 'EMAIL', values: [{ value: '{{ contact.email }}', enum_code: 'WORK' }] },
              ],
            },
          ],
        },
        remember: rememberBoth('{{ steps.create.body._embedded.contacts.0.id }}'),
      },
      LINK_STEP,
      {
        id: 'log',
        if: AT_CLOSE,
        kind: 'http',
        method: 'POST',
        url: `https://your-subdomain.kommo.com/api/v4/contacts/${CONTACT_ID}/notes`,
        headers: { Authorization: 'Bearer {{ secrets.kommo_token }}' },
        body: {
          type: 'json',
          value: [{ note_type: 'common', params: { text: `${NOTE_TITLE}\n{{ conversation.transcript }}` } }],
        },
      },
    ],
  },
  samples: {
    find: { status: 200, body: { _page: 1, _embedded: { contacts: [{ id: 501, name: 'Ada' }] } } },
    create: { status: 200, body: { _embedded: { contacts: [{ id: 502, request_id: '0' }] } } },
    log: { status: 200, body: { _embedded: { notes: [{ id: 9001, entity_id: 502 }] } } },
  },
};

export const ownApiFlow: Preset = {
  id: 'own-api-flow',
  name: 'Conversation → my own REST API (find or create contact + activity)',
  group: 'CRM workflow',
  description:
    'The same flow against your own API: GET /api/contacts?phone=&email= (a JSON array), POST /api/contacts when none, then POST /api/contacts/{id}/activities with the transcript and the message list.',
  secrets: ['crm_token'],
  edit: ['Replace https://crm.example.com with your API’s address; adapt paths and fields to it.'],
  docs: [],
  rule: {
    name: 'Conversation → my REST API',
    ...flowWhen(),
    then: [
      {
        id: 'find',
        if: UNLINKED,
        kind: 'http',
        method: 'GET',
        url: 'https://crm.example.com/api/contacts?phone={{ contact.phone | e164 }}&email={{ contact.email }}',
        headers: { Authorization: 'Bearer {{ secrets.crm_token }}' },
        matches: '',
        onMany: 'ask',
        candidateLabel: '{{ name }} <{{ email }}>',
        askTimeoutMs: ASK_TIMEOUT_MS,
        onManyDefault: 'first',
        remember: rememberBoth('{{ steps.find.body.0.id }}'),
      },
      CREATE_CONTACT_STEP,
      LINK_STEP,
      {
        id: 'log',
        if: AT_CLOSE,
        kind: 'http',
        method: 'POST',
        url: `https://crm.example.com/api/contacts/${CONTACT_ID}/activities`,
        headers: { Authorization: 'Bearer {{ secrets.crm_token }}' },
        body: {
          type: 'json',
          value: {
            type: 'chat',
            platform: '{{ platform }}',
            conversationId: '{{ conversation.id }}',
            closedAt: '{{ receivedAt }}',
            transcript: '{{ conversation.transcript }}',
            messages: '{{ conversation.messages }}',
          },
        },
      },
    ],
  },
  samples: {
    find: { status: 200, body: [{ id: '501', name: 'Ada', email: 'ada@example.com' }] },
    create: { status: 201, body: { id: '502', name: 'Ada' } },
    log: { status: 201, body: { id: '9001', contactId: '502' } },
  },
};
