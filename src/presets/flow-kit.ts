import type { Condition, RuleInput } from '../rules/schema';

/**
 * The shape every workflow preset shares (issue 17, docs/presets.md): at `conversation.closed`,
 *  1. `find` the contact by email or phone — only when no record is linked yet (`links.contact`);
 *     several matches park the chain and ask the agent (`onMany: ask`, defaulting to the first);
 *  2. `create` it when `find` ran and matched nothing, remembering the new id as the link;
 *  3. `log` the whole transcript as one note/activity on the linked, found or created contact.
 * A second conversation of the same visitor goes straight to step 3 (no search request).
 */
export const flowWhen = (where: Condition[] = CONTACT_KNOWN): Omit<RuleInput, 'id' | 'name' | 'then'> => ({
  when: { events: ['conversation.closed'], where, match: 'any' },
});

/** The visitor left an email or a phone: something to search by. */
export const CONTACT_KNOWN: Condition[] = [
  { op: 'exists', path: 'contact.email' },
  { op: 'exists', path: 'contact.phone' },
];

/** Step 1 runs only while nothing is linked. */
export const UNLINKED: Condition[] = [{ op: 'not_exists', path: 'links.contact' }];

/** Step 2 runs only when step 1 ran and found nothing (skipped, or linked: no create). */
export const NOT_FOUND: Condition[] = [
  { op: 'equals', path: 'steps.find.count', value: 0 },
  { op: 'not_exists', path: 'links.contact' },
];

/** The contact the note goes on: the remembered link, else the created one, else the first match. */
export const contactId = (created: string, found: string): string =>
  `{{ links.contact | default: steps.create.${created} | default: steps.find.${found} }}`;

/** How long the agent has to pick among several matches before the first one is used. */
export const ASK_TIMEOUT_MS = 600_000;

export const NOTE_TITLE = '{{ platform }} chat {{ conversation.id }}';
