// The demo OneChat installation's application API (issue 21): the endpoints OneChat agent-commands call
// (src/platforms/onechat/commands.ts), answering as Chatwoot does (https://developers.chatwoot.com/
// api-reference; chatwoot/chatwoot app/controllers/…). Each call is recorded with its api_access_token
// header; a valid token gets Chatwoot's answer, and the change is broadcast on the ActionCable stream as
// the real server's listeners do (message.created, conversation.updated, assignee.changed,
// conversation.status_changed).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OneChatMessage } from './actioncable';
import { readBody, sendJson } from './http';

/** The api_access_token the demo Chatwoot API accepts (an agent's profile access token). */
export const DEMO_API_TOKEN = 'demo-api-access-token';

/** A call to the demo Chatwoot API, as received. */
export interface ChatwootApiCall {
  method: string;
  path: string;
  token?: string;
  idempotencyKey?: string;
  body: Record<string, unknown>;
  at: number;
}

/** Labels defined in the demo account (Settings → Labels): Chatwoot keeps only these on a conversation. */
export const DEMO_ACCOUNT_LABELS = ['support', 'billing', 'vip', 'urgent', 'sales'];

const PATH =
  /^\/api\/v1\/accounts\/(\d+)\/conversations\/(\d+)\/(messages|labels|assignments|toggle_status)$/;

export class ChatwootApi {
  readonly tokens = new Set<string>([DEMO_API_TOKEN]);
  readonly calls: ChatwootApiCall[] = [];
  /** The account's label titles (LabelConcern#valid_labels drops any other title silently). */
  readonly accountLabels = new Set<string>(DEMO_ACCOUNT_LABELS);
  /** Each conversation's labels, by `${account}/${conversation}`, in the order they were set. */
  readonly labels = new Map<string, string[]>();
  private seq = 9000;

  constructor(private readonly broadcast: (m: OneChatMessage) => number) {}

  labelsOf(account: number, conversation: number): string[] {
    return this.labels.get(`${account}/${conversation}`) ?? [];
  }

  /** Handles one request if it is an API path; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = PATH.exec(url.pathname);
    const method = req.method ?? 'GET';
    if (!m || !(method === 'POST' || (method === 'GET' && m[3] === 'labels'))) return false;
    const [, account, conversation, what] = m;
    let body: Record<string, unknown> = {};
    try {
      body = method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
    } catch {
      sendJson(res, 400, { error: 'invalid JSON' });
      return true;
    }
    const token = req.headers.api_access_token;
    const call: ChatwootApiCall = {
      method,
      path: url.pathname,
      token: typeof token === 'string' ? token : undefined,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      body,
      at: Date.now(),
    };
    this.calls.push(call);
    if (!call.token || !this.tokens.has(call.token)) {
      // Chatwoot's answer to a missing or wrong token (Devise).
      sendJson(res, 401, { errors: ['You need to sign in or sign up before continuing.'] });
      return true;
    }
    const ids = { account: Number(account), conversation: Number(conversation) };
    if (what === 'messages') this.message(res, ids, body);
    else if (what === 'labels') this.setLabels(res, ids, method, body);
    else this.change(res, ids, what as 'assignments' | 'toggle_status', body);
    return true;
  }

  private message(res: ServerResponse, ids: Ids, body: Record<string, unknown>): void {
    const message = {
      id: ++this.seq,
      content: String(body.content ?? ''),
      account_id: ids.account,
      inbox_id: 1,
      conversation_id: ids.conversation,
      message_type: 1,
      created_at: Math.floor(Date.now() / 1000),
      private: body.private === true,
      content_type: 'text',
      sender_type: 'User',
      sender_id: 1,
      sender: { ...PERFORMER, avatar_url: '', availability_status: 'online' },
      attachments: [],
    };
    sendJson(res, 200, message);
    this.broadcast({ event: 'message.created', data: { ...message, performer: PERFORMER } });
  }

  /**
   * GET: `{payload: label_list}`. POST: LabelConcern#create: `update_labels(valid_labels)` replaces the
   * list with the posted titles the account defines (others dropped), answers the new list, and the
   * conversation's update is broadcast as conversation.updated with its labels.
   */
  private setLabels(res: ServerResponse, ids: Ids, method: string, body: Record<string, unknown>): void {
    const key = `${ids.account}/${ids.conversation}`;
    if (method === 'GET') {
      sendJson(res, 200, { payload: this.labels.get(key) ?? [] });
      return;
    }
    const posted = Array.isArray(body.labels) ? body.labels.map(String) : [];
    const labels = [...new Set(posted)].filter((l) => this.accountLabels.has(l));
    this.labels.set(key, labels);
    sendJson(res, 200, { payload: labels });
    this.broadcast({ event: 'conversation.updated', data: conversation(ids, { labels }) });
  }

  private change(
    res: ServerResponse,
    ids: Ids,
    what: 'assignments' | 'toggle_status',
    body: Record<string, unknown>,
  ): void {
    if (what === 'assignments') {
      const assignee = { id: Number(body.assignee_id ?? 0), name: 'Agent', type: 'user' };
      sendJson(res, 200, assignee);
      this.broadcast({ event: 'assignee.changed', data: conversation(ids, { meta: { assignee } }) });
      return;
    }
    const status = String(body.status ?? 'open');
    sendJson(res, 200, {
      payload: { success: true, current_status: status, conversation_id: ids.conversation },
    });
    this.broadcast({ event: 'conversation.status_changed', data: conversation(ids, { status }) });
  }
}

type Ids = { account: number; conversation: number };

const PERFORMER = { id: 1, name: 'John', available_name: 'John', type: 'user' };

const conversation = (ids: Ids, extra: Record<string, unknown>) => ({
  id: ids.conversation,
  account_id: ids.account,
  inbox_id: 1,
  status: 'open',
  updated_at: Date.now() / 1000,
  meta: {},
  performer: PERFORMER,
  ...extra,
});
