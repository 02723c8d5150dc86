import { CREATE_CONTACT_STEP, LINK_STEP, rememberBoth } from './flow-kit';
import type { Preset } from './types';

// Chatwoot round trips (issue 21): a OneChat (Chatwoot) event goes to the CRM, and the CRM's answer
// comes back into the conversation through Chatwoot's API (src/platforms/onechat/commands.ts). The CRM
// side is "my own REST API" (as ownApiFlow, flows-b.ts); test/harness/servers/vendor-crm*.ts answers
// it for the e2e tests, test/harness/servers/chatwoot-api.ts is the Chatwoot side.
//
// What the CRM answers (a record id, a lead status) is attacker-ish text: it only ever fills the note's
// text or one label. The Chatwoot host is the event's trusted origin, the token secret is literal text
// in the rule (src/actions/rest-command.ts), and a label is sanitised to Chatwoot's title alphabet, one
// label whatever the status says (labelOf).

const CRM = 'https://crm.example.com';
const CHATWOOT_TOKEN = 'chatwoot_token';

/** The ids every Chatwoot command needs, from the event (the host is the event's origin). */
const CONVERSATION = {
  accountId: '{{ data.message.data.account_id }}',
  conversationId: '{{ conversation.id }}',
  tokenSecret: CHATWOOT_TOKEN,
};

const CHATWOOT_DOCS = {
  messages: {
    label: 'Chatwoot: Create New Message (private note)',
    url: 'https://developers.chatwoot.com/api-reference/messages/create-new-message',
  },
  addLabels: {
    label: 'Chatwoot: Add Labels (replaces the list)',
    url: 'https://developers.chatwoot.com/api-reference/conversations/add-labels',
  },
  listLabels: {
    label: 'Chatwoot: List Labels',
    url: 'https://developers.chatwoot.com/api-reference/conversations/list-labels',
  },
  token: {
    label: 'Chatwoot: API access token (profile settings)',
    url: 'https://developers.chatwoot.com/api-reference/introduction',
  },
};

const UNLINKED_VISITOR = [{ op: 'not_exists' as const, path: 'links.contact' }];

export const chatwootNotePreset: Preset = {
  id: 'chatwoot-crm-link-note',
  name: 'OneChat conversation created → CRM contact (find or create) + its link as a private note',
  i18n: { name: 'presetsOc.crmLinkNote.name', description: 'presetsOc.crmLinkNote.description' },
  group: 'CRM workflow',
  description:
    'When a conversation is created in OneChat (Chatwoot), finds the visitor in your CRM by phone or email, creates the contact when there is none, and adds a private note with the link to the CRM record to the conversation, through the Chatwoot API. A returning visitor is linked without a search.',
  secrets: ['crm_token', CHATWOOT_TOKEN],
  edit: [
    `Replace ${CRM} with your CRM’s address: its API (find, create) and the record page the note links to.`,
    `${CHATWOOT_TOKEN}: the agent’s access token (Chatwoot → Profile settings → Access token). It goes only to the workspace the event came from.`,
    'A visitor with neither email nor phone is created by name: add a condition on contact.email or contact.phone to the rule to skip them.',
  ],
  docs: [CHATWOOT_DOCS.messages, CHATWOOT_DOCS.token],
  rule: {
    name: 'OneChat conversation → CRM contact + link note',
    when: { events: ['conversation.started'], platforms: ['onechat'] },
    then: [
      {
        id: 'find',
        if: UNLINKED_VISITOR,
        kind: 'http',
        method: 'GET',
        url: `${CRM}/api/contacts?phone={{ contact.phone | e164 }}&email={{ contact.email }}`,
        headers: { Authorization: 'Bearer {{ secrets.crm_token }}' },
        matches: '',
        onMany: 'first',
        remember: rememberBoth('{{ steps.find.body.0.id }}'),
      },
      CREATE_CONTACT_STEP,
      LINK_STEP,
      {
        id: 'note',
        if: [{ op: 'exists', path: 'links.conversation' }],
        kind: 'agent-command',
        command: 'private-note',
        params: {
          ...CONVERSATION,
          content: `${CRM}/contacts/{{ links.conversation }} (CRM record of {{ contact.name | default: "this visitor" }})`,
        },
      },
    ],
  },
  samples: {
    find: { status: 200, body: [{ id: '501', name: 'Ada', email: 'ada@example.com' }] },
    create: { status: 201, body: { id: '502', name: 'Ada' } },
  },
};

export const chatwootLeadLabelPreset: Preset = {
  id: 'chatwoot-lead-status-label',
  name: 'OneChat conversation created → label with the CRM lead status',
  i18n: { name: 'presetsOc.leadLabel.name', description: 'presetsOc.leadLabel.description' },
  group: 'CRM workflow',
  description:
    'When a conversation is created in OneChat (Chatwoot), looks up the visitor’s lead in your CRM by phone or email and adds a label built from the lead’s status (for example lead-qualified) to the conversation, keeping its other labels, through the Chatwoot API.',
  secrets: ['crm_token', CHATWOOT_TOKEN],
  edit: [
    `Replace ${CRM} with your CRM’s API address; adapt the path and the status field to it.`,
    'Chatwoot keeps only labels defined in the account: create lead-<status> labels (Settings → Labels) for the statuses you use.',
    `${CHATWOOT_TOKEN}: the agent’s access token (Chatwoot → Profile settings → Access token).`,
  ],
  docs: [CHATWOOT_DOCS.addLabels, CHATWOOT_DOCS.listLabels, CHATWOOT_DOCS.token],
  rule: {
    name: 'OneChat conversation → CRM lead status label',
    when: { events: ['conversation.started'], platforms: ['onechat'] },
    then: [
      {
        id: 'lead',
        kind: 'http',
        method: 'GET',
        url: `${CRM}/api/leads?phone={{ contact.phone | e164 }}&email={{ contact.email }}`,
        headers: { Authorization: 'Bearer {{ secrets.crm_token }}' },
        matches: '',
        onMany: 'first',
      },
      {
        id: 'label',
        if: [{ op: 'exists', path: 'steps.lead.body.0.status' }],
        kind: 'agent-command',
        command: 'add-labels',
        // A list of one: the status never splits into several labels, whatever commas it holds.
        params: { ...CONVERSATION, labels: ['lead-{{ steps.lead.body.0.status }}'] },
      },
    ],
  },
  samples: {
    lead: { status: 200, body: [{ id: '701', name: 'Ada', status: 'Qualified' }] },
  },
};

export const chatwootPresets: Preset[] = [chatwootNotePreset, chatwootLeadLabelPreset];
