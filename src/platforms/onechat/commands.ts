// Commands back into OneChat through Chatwoot's application REST API (the dashboard accepts nothing from
// the page). Paths and bodies as documented at https://developers.chatwoot.com/api-reference
// (swagger: chatwoot/chatwoot swagger/tag_groups/application_swagger.json):
// - Messages › Create New Message: POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages
//   `{content, message_type: "outgoing", private, content_type: "text"}`
// - Conversation Labels › Add Labels: POST …/conversations/{conversation_id}/labels `{labels: [..]}`
//   ("this API would overwrite the existing list of labels")
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

/** Chatwoot label titles are word characters and dashes; "Qualified Lead" becomes qualified-lead. */
const label = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase().replace(/\s+/g, '-'))
  .pipe(z.string().regex(/^[\w-]{1,255}$/u, 'a label: letters, digits, _ and -'));
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
