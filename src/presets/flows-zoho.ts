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

// Workflow preset for Zoho CRM (issue 17), shape in flow-kit.ts.

export const zohoFlow: Preset = {
  id: 'zoho-flow',
  name: 'Conversation → Zoho CRM contact (find or create) + transcript note',
  group: 'CRM workflow',
  description:
    'At the end of a conversation: searches Zoho CRM contacts by email or phone (v7 search criteria), inserts the contact if missing, and adds the transcript as one note on it.',
  secrets: ['zoho_token'],
  edit: [
    'Use your data centre’s API domain (www.zohoapis.com, .eu, .in, .com.au, …).',
    'Make zoho_token an OAuth 2 secret (refresh token grant, token endpoint https://accounts.zoho.com/oauth/v2/token, or your data centre’s): CRM Bridge then refreshes the hourly access token itself.',
  ],
  docs: [
    // "Search Records": GET /crm/v7/Contacts/search?criteria=((Email:equals:…)or(Phone:equals:…)); 204 when none.
    {
      label: 'Zoho CRM: Search Records (v7)',
      url: 'https://www.zoho.com/crm/developer/docs/api/v7/search-records.html',
    },
    // "Insert Records": POST /crm/v7/Contacts { data: [{ Last_Name, … }] } → data[0].details.id.
    {
      label: 'Zoho CRM: Insert Records (v7)',
      url: 'https://www.zoho.com/crm/developer/docs/api/v7/insert-records.html',
    },
    // "Create Notes": POST /crm/v7/{module}/{record_id}/Notes { data: [{ Note_Title, Note_Content }] }.
    {
      label: 'Zoho CRM: Create Notes (v7)',
      url: 'https://www.zoho.com/crm/developer/docs/api/v7/create-notes.html',
    },
    {
      label: 'Zoho CRM: Refresh access tokens',
      url: 'https://www.zoho.com/crm/developer/docs/api/v7/refresh.html',
    },
  ],
  rule: {
    name: 'Conversation → Zoho CRM contact + note',
    ...flowWhen(),
    then: [
      {
        id: 'find',
        if: UNLINKED,
        kind: 'http',
        method: 'GET',
        url: 'https://www.zohoapis.com/crm/v7/Contacts/search?criteria=((Email:equals:{{ contact.email | default: "-" }})or(Phone:equals:{{ contact.phone | e164 | default: "-" }}))',
        headers: { Authorization: 'Zoho-oauthtoken {{ secrets.zoho_token }}' },
        matches: 'data',
        onMany: 'ask',
        candidateLabel: '{{ Full_Name | default: Last_Name }} <{{ Email }}>',
        askTimeoutMs: ASK_TIMEOUT_MS,
        onManyDefault: 'first',
        remember: rememberBoth('{{ steps.find.body.data.0.id }}'),
      },
      {
        id: 'create',
        if: NOT_FOUND,
        kind: 'http',
        method: 'POST',
        url: 'https://www.zohoapis.com/crm/v7/Contacts',
        headers: { Authorization: 'Zoho-oauthtoken {{ secrets.zoho_token }}' },
        body: {
          type: 'json',
          value: {
            data: [
              {
                Last_Name: CONTACT_NAME,
                Email: '{{ contact.email }}',
                Phone: '{{ contact.phone }}',
                Lead_Source: 'Chat',
              },
            ],
          },
        },
        remember: rememberBoth('{{ steps.create.body.data.0.details.id }}'),
      },
      LINK_STEP,
      {
        id: 'log',
        if: AT_CLOSE,
        kind: 'http',
        method: 'POST',
        url: `https://www.zohoapis.com/crm/v7/Contacts/${CONTACT_ID}/Notes`,
        headers: { Authorization: 'Zoho-oauthtoken {{ secrets.zoho_token }}' },
        body: {
          type: 'json',
          // Note_Content is mandatory (an empty one is refused): a conversation without messages still gets its note.
          value: {
            data: [
              {
                Note_Title: NOTE_TITLE,
                Note_Content: '{{ conversation.transcript | default: "(no messages)" }}',
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
        data: [{ id: '4150868000000501', Last_Name: 'Ada', Email: 'ada@example.com' }],
        info: { per_page: 200, count: 1, page: 1, more_records: false },
      },
    },
    create: {
      status: 201,
      body: {
        data: [
          {
            code: 'SUCCESS',
            details: { id: '4150868000000502' },
            message: 'record added',
            status: 'success',
          },
        ],
      },
    },
    log: {
      status: 201,
      body: {
        data: [
          {
            code: 'SUCCESS',
            details: { id: '4150868000009001' },
            message: 'record added',
            status: 'success',
          },
        ],
      },
    },
  },
};
