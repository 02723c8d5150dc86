import {
  ASK_TIMEOUT_MS,
  AT_CLOSE,
  CONTACT_ID,
  CONTACT_NAME,
  flowWhen,
  LINK_STEP,
  NOT_FOUND,
  NOTE_TITLE,
  rememberBoth,
  UNLINKED,
} from './flow-kit';
import type { Preset } from './types';

// Workflow presets (issue 17), shape in flow-kit.ts. Each request follows the vendor section cited
// next to it; test/harness/servers/vendor-crm*.ts answers the same shapes for the e2e tests.

export const hubspotFlow: Preset = {
  id: 'hubspot-flow',
  name: 'Conversation → HubSpot contact (find or create) + transcript note',
  group: 'CRM workflow',
  description:
    'At the end of a conversation: finds the HubSpot contact by email or phone (CRM search API), creates it if missing, and logs the whole transcript as one note associated with it. The contact is remembered for the visitor’s next conversations.',
  secrets: ['hubspot_token'],
  edit: [
    'hubspot_token: a private app access token (scopes crm.objects.contacts.read/write), or an OAuth 2 secret for a public app.',
    'Several contacts match: the popup asks you to pick (after 10 minutes the first is used).',
  ],
  docs: [
    // "Search default searchable properties": `query` searches email, phone, name… (POST …/contacts/search).
    { label: 'HubSpot: CRM search (query)', url: 'https://developers.hubspot.com/docs/api/crm/search' },
    // "Create contacts": POST /crm/v3/objects/contacts with properties.
    { label: 'HubSpot: Contacts (create)', url: 'https://developers.hubspot.com/docs/api/crm/contacts' },
    // "Create a note": hs_timestamp, hs_note_body, associations (note → contact, type 202).
    {
      label: 'HubSpot: Notes (create, associations)',
      url: 'https://developers.hubspot.com/docs/api/crm/notes',
    },
  ],
  rule: {
    name: 'Conversation → HubSpot contact + note',
    ...flowWhen(),
    then: [
      {
        id: 'find',
        if: UNLINKED,
        kind: 'http',
        method: 'POST',
        url: 'https://api.hubapi.com/crm/v3/objects/contacts/search',
        headers: { Authorization: 'Bearer {{ secrets.hubspot_token }}' },
        body: {
          type: 'json',
          value: {
            query: '{{ contact.email | default: contact.phone }}',
            properties: ['email', 'phone', 'firstname', 'lastname'],
            limit: 10,
          },
        },
        matches: 'results',
        onMany: 'ask',
        candidateLabel: '{{ properties.firstname }} {{ properties.lastname }} <{{ properties.email }}>',
        askTimeoutMs: ASK_TIMEOUT_MS,
        onManyDefault: 'first',
        remember: rememberBoth('{{ steps.find.body.results.0.id }}'),
      },
      {
        id: 'create',
        if: NOT_FOUND,
        kind: 'http',
        method: 'POST',
        url: 'https://api.hubapi.com/crm/v3/objects/contacts',
        headers: { Authorization: 'Bearer {{ secrets.hubspot_token }}' },
        body: {
          type: 'json',
          value: {
            properties: {
              email: '{{ contact.email }}',
              phone: '{{ contact.phone }}',
              firstname: CONTACT_NAME,
            },
          },
        },
        remember: rememberBoth('{{ steps.create.body.id }}'),
      },
      LINK_STEP,
      {
        id: 'log',
        if: AT_CLOSE,
        kind: 'http',
        method: 'POST',
        url: 'https://api.hubapi.com/crm/v3/objects/notes',
        headers: { Authorization: 'Bearer {{ secrets.hubspot_token }}' },
        body: {
          type: 'json',
          value: {
            properties: {
              hs_timestamp: '{{ receivedAt }}',
              hs_note_body: `${NOTE_TITLE}\n{{ conversation.transcript }}`,
            },
            associations: [
              {
                to: { id: CONTACT_ID },
                types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }],
              },
            ],
          },
        },
      },
    ],
  },
  samples: {
    find: {
      status: 200,
      body: {
        total: 1,
        results: [{ id: '501', properties: { email: 'ada@example.com', firstname: 'Ada' }, archived: false }],
      },
    },
    create: { status: 201, body: { id: '502', properties: { email: 'ada@example.com' }, archived: false } },
    log: { status: 201, body: { id: '9001', properties: { hs_note_body: '…' }, archived: false } },
  },
};

export const pipedriveFlow: Preset = {
  id: 'pipedrive-flow',
  name: 'Conversation → Pipedrive person (find or create) + transcript note',
  group: 'CRM workflow',
  description:
    'At the end of a conversation: searches Pipedrive persons by email or phone (exact match), adds the person if missing, and adds the transcript as one note on them.',
  secrets: ['pipedrive_token'],
  edit: ['pipedrive_token: your personal API token (sent in the x-api-token header).'],
  docs: [
    // "Search persons": GET /v1/persons/search?term=&fields=email,phone&exact_match=true → data.items[].item.
    {
      label: 'Pipedrive: Search persons',
      url: 'https://developers.pipedrive.com/docs/api/v1/Persons#searchPersons',
    },
    // "Add a person": POST /v1/persons (name required; email/phone as [{ value, primary }]).
    {
      label: 'Pipedrive: Add a person',
      url: 'https://developers.pipedrive.com/docs/api/v1/Persons#addPerson',
    },
    // "Add a note": POST /v1/notes (content HTML, person_id).
    { label: 'Pipedrive: Add a note', url: 'https://developers.pipedrive.com/docs/api/v1/Notes#addNote' },
  ],
  rule: {
    name: 'Conversation → Pipedrive person + note',
    ...flowWhen(),
    then: [
      {
        id: 'find',
        if: UNLINKED,
        kind: 'http',
        method: 'GET',
        url: 'https://api.pipedrive.com/v1/persons/search?term={{ contact.email | default: contact.phone }}&fields=email,phone&exact_match=true',
        headers: { 'x-api-token': '{{ secrets.pipedrive_token }}' },
        matches: 'data.items',
        onMany: 'ask',
        candidateLabel: '{{ item.name }} ({{ item.emails | join: ", " }})',
        askTimeoutMs: ASK_TIMEOUT_MS,
        onManyDefault: 'first',
        remember: rememberBoth('{{ steps.find.body.data.items.0.item.id }}'),
      },
      {
        id: 'create',
        if: NOT_FOUND,
        kind: 'http',
        method: 'POST',
        url: 'https://api.pipedrive.com/v1/persons',
        headers: { 'x-api-token': '{{ secrets.pipedrive_token }}' },
        body: {
          type: 'json',
          value: {
            name: CONTACT_NAME,
            email: [{ value: '{{ contact.email }}', primary: true, label: 'work' }],
            phone: [{ value: '{{ contact.phone }}', primary: true, label: 'work' }],
          },
        },
        remember: rememberBoth('{{ steps.create.body.data.id }}'),
      },
      LINK_STEP,
      {
        id: 'log',
        if: AT_CLOSE,
        kind: 'http',
        method: 'POST',
        url: 'https://api.pipedrive.com/v1/notes',
        headers: { 'x-api-token': '{{ secrets.pipedrive_token }}' },
        // Pipedrive notes are HTML: the transcript is escaped.
        body: {
          type: 'json',
          value: {
            content: `<p><b>${NOTE_TITLE}</b></p><pre>{{ conversation.transcript | escape }}</pre>`,
            person_id: CONTACT_ID,
          },
        },
      },
    ],
  },
  samples: {
    find: {
      status: 200,
      body: {
        success: true,
        data: {
          items: [
            { result_score: 1, item: { id: 501, type: 'person', name: 'Ada', emails: ['ada@example.com'] } },
          ],
        },
      },
    },
    create: { status: 201, body: { success: true, data: { id: 502, name: 'Ada' } } },
    log: { status: 201, body: { success: true, data: { id: 9001, person_id: 502 } } },
  },
};
