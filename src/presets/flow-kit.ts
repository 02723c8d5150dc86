import type { Action, Condition, RuleInput } from '../rules/schema';

/**
 * The shape every workflow preset shares (issue 17, docs/presets.md). Workspaces name the visitor's
 * email or phone when a conversation is assigned, selected or the visitor introduces themselves, and
 * not when it closes; so the rule runs on both:
 *  1. `find` the contact by email or phone — only when no record is linked to the visitor yet
 *     (`links.contact`); several matches park the chain and ask the agent (`onMany: ask`);
 *     the match is remembered for the visitor and for this conversation;
 *  2. `create` it when `find` ran and matched nothing, remembering the new id the same way;
 *  3. `link` this conversation to the visitor's remembered record (a returning visitor: no search);
 *  4. at `conversation.closed`, `log` the whole transcript as one note/activity on the record
 *     linked to the conversation (`links.conversation`).
 */
export const flowWhen = (where: Condition[] = CONTACT_KNOWN): Omit<RuleInput, 'id' | 'name' | 'then'> => ({
  when: {
    events: ['conversation.assigned', 'conversation.selected', 'contact.identified', 'conversation.closed'],
    where: [...where, CLOSING],
    match: 'any',
  },
});

const CLOSING: Condition = { op: 'equals', path: 'type', value: 'conversation.closed' };
const NOT_CLOSING: Condition = { op: 'not_equals', path: 'type', value: 'conversation.closed' };

/** The visitor left an email or a phone: something to search by. */
export const CONTACT_KNOWN: Condition[] = [
  { op: 'exists', path: 'contact.email' },
  { op: 'exists', path: 'contact.phone' },
];

/** Step 1 runs only while nothing is linked to the visitor, and not at the close. */
export const UNLINKED: Condition[] = [NOT_CLOSING, { op: 'not_exists', path: 'links.contact' }];

/** Step 2 runs only when step 1 ran and found nothing (skipped, or linked: no create). */
export const NOT_FOUND: Condition[] = [
  { op: 'equals', path: 'steps.find.count', value: 0 },
  { op: 'not_exists', path: 'links.contact' },
];

/** What find and create remember: the record, for the visitor and for this conversation. */
export const rememberBoth = (idTemplate: string) => ({ contact: idTemplate, conversation: idTemplate });

/** Step 3: a returning visitor's conversation is linked to their record without a search. */
export const LINK_STEP: Action = {
  id: 'link',
  if: [
    NOT_CLOSING,
    { op: 'exists', path: 'links.contact' },
    { op: 'not_exists', path: 'links.conversation' },
  ],
  kind: 'log',
  message: 'conversation {{ conversation.id }} → CRM record {{ links.contact }}',
  remember: { conversation: '{{ links.contact }}' },
};

/** Step 4 runs at the close, when the conversation has a record. */
export const AT_CLOSE: Condition[] = [CLOSING, { op: 'exists', path: 'links.conversation' }];

/** The record the note goes on. */
export const CONTACT_ID = '{{ links.conversation }}';

/** How long the agent has to pick among several matches before the first one is used. */
export const ASK_TIMEOUT_MS = 600_000;

/** The name a created contact gets when the platform gave none. */
export const CONTACT_NAME = '{{ contact.name | default: "Chat visitor" }}';

export const NOTE_TITLE = '{{ platform }} chat {{ conversation.id }}';

/** Step 2 on the own-REST-API CRM (crm.example.com): a visitor not found is created, and remembered. */
export const CREATE_CONTACT_STEP: RuleInput['then'][number] = {
  id: 'create',
  if: NOT_FOUND,
  kind: 'http',
  method: 'POST',
  url: 'https://crm.example.com/api/contacts',
  headers: { Authorization: 'Bearer {{ secrets.crm_token }}' },
  body: {
    type: 'json',
    value: {
      name: CONTACT_NAME,
      email: '{{ contact.email }}',
      phone: '{{ contact.phone }}',
      source: '{{ platform }}',
    },
  },
  remember: rememberBoth('{{ steps.create.body.id }}'),
};
