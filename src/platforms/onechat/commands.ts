// Commands back into OneChat through Chatwoot's application REST API (the dashboard accepts nothing from
// the page). Paths and bodies as documented at https://developers.chatwoot.com/api-reference
// (swagger: chatwoot/chatwoot swagger/tag_groups/application_swagger.json):
// - Messages › Create New Message: POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages
//   `{content, message_type: "outgoing", private, content_type: "text"}`
// - Conversation Labels › Add Labels: POST …/conversations/{conversation_id}/labels `{labels: [..]}`
//   ("this API would overwrite the existing list of labels"); › List Labels: GET on the same path
//   → `{payload: ["title", ..]}` (swagger/paths/application/conversation/labels/create.yml @
//   05e9e186ab9c73bba2b67b66e1d29f3e04d09265, index.yml @ 302f7607c810477670bf738825500aa32d506d98,
//   schema swagger/definitions/resource/extension/conversation/labels.yml @
//   c772c0af038041907ab30abdc61c35b8581f5974). Server side: app/controllers/api/v1/accounts/
//   conversations/labels_controller.rb @ 49119a627a927087ef25f24aa9729a7e2b603973 includes LabelConcern
//   (app/controllers/concerns/label_concern.rb @ 0b66f0644a42e6107a85d77145a7ede0ac5326df): `index`
//   renders `label_list`, `create` calls `update_labels(valid_labels)` (Labelable#update_labels:
//   `update!(label_list: labels)`, a replacement) where valid_labels keeps only titles defined in the
//   account (others are dropped silently), and renders the new list as `{payload: [..]}`.
// - Conversation Assignments › Assign Conversation: POST …/conversations/{conversation_id}/assignments
//   `{assignee_id}` or `{team_id}`
// - Conversations › Toggle Status: POST …/conversations/{conversation_id}/toggle_status
//   `{status: open|resolved|pending|snoozed, snoozed_until?}`
// Authorization: the agent's access token in the `api_access_token` header, from a secret named by the
// rule (`tokenSecret`, literal text: src/actions/rest-command.ts); the host is the event's trusted origin.
import { z } from 'zod';
import { type CommandSpec, defineRestCommand, type RestCall } from '../types';

/** Ids arrive as rendered template text ("7") or numbers. */
const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);
const base = {
  /** The Chatwoot account (`data.message.data.account_id` of any event). */
  accountId: id,
  /** The conversation's display id (`conversation.id` of the event). */
  conversationId: id,
  /** Name of the secret holding the agent's api_access_token (profile settings → access token). */
  tokenSecret: z.string().regex(/^[A-Za-z_][\w-]{0,63}$/, 'a secret name'),
};
type Base = { accountId: number; conversationId: number };

export const AUTH_HEADER = 'api_access_token';

const conversationPath = (p: Base, tail: string) =>
  `/api/v1/accounts/${p.accountId}/conversations/${p.conversationId}/${tail}`;

const post = (path: string, body: RestCall['body']): RestCall => ({
  method: 'POST',
  path,
  body,
  authHeader: AUTH_HEADER,
});

const content = z.string().trim().min(1).max(10_000);

/**
 * A Chatwoot label title from any text. Chatwoot keeps titles lowercase (app/models/label.rb
 * `title.downcase` @ 0548c04526f64cccf854bcaaefdaeaed6bc1d335) and accepts letters and digits of any
 * script, `_` and `-`, starting with a letter or digit, two characters at least (lib/regex_helper.rb
 * UNICODE_CHARACTER_NUMBER_HYPHEN_UNDERSCORE @ 18b9ebb232430c97787d7b5bcb35d7aadf2febaa). Every other
 * run of characters becomes one `-`: "Qualified Lead" → qualified-lead, "Closed/Won!" → closed-won. Text
 * from a CRM answer (a lead status) is sanitised the same way, so it can only ever be one label.
 */
export function labelOf(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 255);
}
const label = z
  .string()
  .transform(labelOf)
  .pipe(
    z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]+$/u, 'a label: two letters or digits at least (and _ -)'),
  );
/** A list, or one comma-separated string (a template renders to text). */
const labels = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(','))])
  .transform((l) => l.map((x) => x.trim()).filter((x) => x !== ''))
  .pipe(z.array(label).max(50));

const message = (isPrivate: boolean) => (p: Base & { content: string }) =>
  post(conversationPath(p, 'messages'), {
    content: p.content,
    message_type: 'outgoing',
    private: isPrivate,
    content_type: 'text',
  });

/**
 * add-labels / remove-labels: Chatwoot's API can only replace the list, so the request reads it first
 * (GET …/labels → `{payload: [titles]}`) at every attempt and posts the merged list: read-modify-write,
 * correct through retries, with a one-round-trip race documented in src/actions/list-merge.ts.
 */
const mergeLabels = (op: 'add' | 'remove') =>
  defineRestCommand({
    description:
      op === 'add'
        ? 'Adds labels to the conversation and keeps its others (reads them first: the API replaces the list)'
        : 'Removes labels from the conversation and keeps its others (reads them first: the API replaces the list)',
    params: z.object({ ...base, labels: labels.pipe(z.array(z.string()).min(1, 'one label at least')) }),
    secretParam: 'tokenSecret',
    call: (p) => ({
      ...post(conversationPath(p, 'labels'), { labels: p.labels }),
      merge: { readPath: conversationPath(p, 'labels'), list: 'payload', field: 'labels', op },
    }),
  });

export const onechatCommands: Record<string, CommandSpec> = {
  'private-note': defineRestCommand({
    description: 'Adds a private note (seen by agents only) to the conversation, through the Chatwoot API',
    params: z.object({ ...base, content }),
    secretParam: 'tokenSecret',
    call: message(true),
  }),
  'send-message': defineRestCommand({
    description: 'Sends a message to the contact in the conversation, through the Chatwoot API',
    params: z.object({ ...base, content }),
    secretParam: 'tokenSecret',
    call: message(false),
  }),
  'set-labels': defineRestCommand({
    description: "Sets the conversation's labels (replaces the list, as Chatwoot's API does)",
    params: z.object({ ...base, labels }),
    secretParam: 'tokenSecret',
    call: (p) => post(conversationPath(p, 'labels'), { labels: p.labels }),
  }),
  'add-labels': mergeLabels('add'),
  'remove-labels': mergeLabels('remove'),
  assign: defineRestCommand({
    description: 'Assigns the conversation to an agent or a team, through the Chatwoot API',
    params: z
      .object({ ...base, assigneeId: id.optional(), teamId: id.optional() })
      .refine((p) => (p.assigneeId === undefined) !== (p.teamId === undefined), 'assigneeId or teamId (one)'),
    secretParam: 'tokenSecret',
    call: (p) =>
      post(
        conversationPath(p, 'assignments'),
        p.assigneeId !== undefined ? { assignee_id: p.assigneeId } : { team_id: p.teamId ?? null },
      ),
  }),
  'set-status': defineRestCommand({
    description: 'Opens, resolves, parks (pending) or snoozes the conversation, through the Chatwoot API',
    params: z.object({
      ...base,
      status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
      /** Unix seconds; only with status snoozed. */
      snoozedUntil: id.optional(),
    }),
    secretParam: 'tokenSecret',
    call: (p) =>
      post(conversationPath(p, 'toggle_status'), {
        status: p.status,
        ...(p.status === 'snoozed' && p.snoozedUntil !== undefined ? { snoozed_until: p.snoozedUntil } : {}),
      }),
  }),
};
