// The e2e suites' shared builders: the demo CRM and website sites, the CRM site's settings, the note rule (message → POST
// /api/notes on the CRM origin) and the Rox.Chat `newMessageAdded` payload. Environment helpers
// (startEnv, configure, journal, openCrm…) stay in ./setup. Each builder's defaults are one suite's
// variant; the options reproduce the others exactly (an option left out leaves its field out).
import type { SettingsInput } from '../../src/config/settings';
import type { RuleInput } from '../../src/rules/schema';
import { configure, type Env, send, startEnv } from './setup';

type SiteInput = NonNullable<SettingsInput['sites']>[number];

/** The origins a site or rule needs: the demo CRM and the workspace hosting the chat iframes. */
export type Origins = Pick<Env['servers'], 'crm' | 'workspace'>;

/** The `Authorization` header of a rule sending the `crm` secret as a bearer token. */
export const BEARER_CRM = { Authorization: 'Bearer {{ secrets.crm }}' };

/** The demo CRM site: `${crm}/*` with Rox.Chat from the workspace origin; `name`, `platforms` (replacing Rox.Chat) when a suite differs. */
export const crmSite = (
  servers: Origins,
  o: { name?: string; platforms?: SiteInput['platforms'] } = {},
): SiteInput => ({
  id: 'crm',
  ...(o.name === undefined ? {} : { name: o.name }),
  matches: [`${servers.crm.origin}/*`],
  platforms: o.platforms ?? { roxchat: { origins: [servers.workspace.origin] } },
});

/** A site for the demo website `${origin}/website/*` carrying chat widgets: id `shop` and JivoChat + Kommo unless told. */
export const shopSite = (
  origin: string,
  o: { id?: string; name?: string; platforms?: SiteInput['platforms'] } = {},
): SiteInput => ({
  id: o.id ?? 'shop',
  ...(o.name === undefined ? {} : { name: o.name }),
  matches: [`${origin}/website/*`],
  platforms: o.platforms ?? { jivochat: {}, kommo: {} },
});

/** Settings holding the demo CRM site only and `rules`; `more` adds top-level fields (journalLimit, secrets…). */
export const crmSettings = (servers: Origins, rules: RuleInput[], more: Partial<SettingsInput> = {}) => ({
  sites: [crmSite(servers)],
  ...more,
  rules,
});

export interface NoteRuleOptions {
  /** Rule id (default `note`). */
  id?: string;
  /** Rule name (default `Message → CRM note`). */
  name?: string;
  /** The events it runs on (default `message.created`). */
  events?: RuleInput['when']['events'];
  /** Only these platforms' events (default: any platform). */
  platforms?: RuleInput['when']['platforms'];
  /** An explicit HTTP method (default: none, the action's own default). */
  method?: 'POST';
  /** Request headers (default: none), e.g. BEARER_CRM. */
  headers?: Record<string, string>;
  /** Per-request timeout (default: none). */
  timeoutMs?: number;
  /** The JSON body template (default `{ text: message.text, chat: conversation.id }`). */
  body?: Record<string, unknown>;
}

/** message.created (or `events`) → an http action posting a JSON note to `${crm}/api/notes`. */
export const noteRule = (crm: string, o: NoteRuleOptions = {}): RuleInput => ({
  id: o.id ?? 'note',
  name: o.name ?? 'Message → CRM note',
  when: {
    events: o.events ?? ['message.created'],
    ...(o.platforms === undefined ? {} : { platforms: o.platforms }),
  },
  then: [
    {
      kind: 'http',
      ...(o.method === undefined ? {} : { method: o.method }),
      url: `${crm}/api/notes`,
      ...(o.headers === undefined ? {} : { headers: o.headers }),
      ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
      body: { type: 'json', value: o.body ?? { text: '{{ message.text }}', chat: '{{ conversation.id }}' } },
    },
  ],
});

/** Rox.Chat visitorSelected with taskId `invite` → the agent command starting an outgoing chat with that visitor. */
export const inviteRule: RuleInput = {
  id: 'invite',
  name: 'Selected with taskId=invite → start outgoing chat',
  when: {
    events: ['roxchat:visitorSelected'],
    where: [{ op: 'equals', path: 'data.params.taskId', value: 'invite' }],
  },
  then: [
    {
      kind: 'agent-command',
      command: 'start_outgoing_chat',
      params: {
        roxchatVisitorId: '{{ contact.platformId }}',
        sessionId: '{{ data.params.sessionId }}',
      },
    },
  ],
};

export interface RoxMessageOptions {
  /** roxchatVisitorId (default `v`). */
  visitorId?: string;
  /** providedVisitorId (left out by default). */
  providedVisitorId?: string | null;
  /** sessionId (default `s`). */
  sessionId?: string;
  /** siebelId, the CRM id (left out by default). */
  siebelId?: string | null;
}

/** A Rox.Chat `newMessageAdded` payload: a visitor's `text` in chat `chatId` (fields in the workspace's order). */
export const roxMessage = (text: string, chatId: number, o: RoxMessageOptions = {}) => ({
  roxchatVisitorId: o.visitorId ?? 'v',
  ...(o.providedVisitorId === undefined ? {} : { providedVisitorId: o.providedVisitorId }),
  chatId,
  sessionId: o.sessionId ?? 's',
  kind: 'visitor',
  messageText: text,
  ...(o.siebelId === undefined ? {} : { siebelId: o.siebelId }),
});

/** A Rox.Chat `chatClosedByOperator` payload for chat `chatId` of visitor `visitorId` (issue 17 workflows). */
export const roxClose = (chatId: number, visitorId = 'v', name: string | null = null) => ({
  roxchatVisitorId: visitorId,
  providedVisitorId: null,
  chatId,
  siebelId: null,
  channelId: null,
  channelType: null,
  channelUserId: null,
  channelUserName: name,
});

export interface FindOrCreateOptions {
  /** Rule id (default `flow`). */
  id?: string;
  /** The find step's onMany (default: none, the first match). */
  onMany?: 'first' | 'ask';
  /** The parked question's timeout and default (onMany ask). */
  askTimeoutMs?: number;
  onManyDefault?: 'first' | 'create' | 'skip';
  /** Steps inserted before the note (an ask-agent wrap-up), and the note's extra body fields. */
  before?: RuleInput['then'];
  noteFields?: Record<string, string>;
}

/**
 * The find-or-create flow against the contacts CRM (test/harness/servers/contacts-api.ts), at close:
 * find the visitor (only without a remembered link) → create when nothing matched → one note with the
 * whole transcript on the linked contact.
 */
export const findOrCreateRule = (api: string, o: FindOrCreateOptions = {}): RuleInput => ({
  id: o.id ?? 'flow',
  name: 'Chat closed → find or create the contact → transcript note',
  when: { events: ['conversation.closed'] },
  then: [
    {
      kind: 'http',
      id: 'find',
      if: [{ op: 'equals', path: 'links.contact', value: null }],
      method: 'GET',
      url: `${api}/api/v1/contacts?visitor={{ contact.platformId }}`,
      matches: 'results',
      ...(o.onMany ? { onMany: o.onMany } : {}),
      ...(o.askTimeoutMs ? { askTimeoutMs: o.askTimeoutMs } : {}),
      ...(o.onManyDefault ? { onManyDefault: o.onManyDefault } : {}),
      candidateLabel: '{{ name }} ({{ email }})',
      remember: { contact: '{{ steps.find.body.results.0.id }}' },
    },
    {
      kind: 'http',
      id: 'create',
      if: [
        { op: 'equals', path: 'links.contact', value: null },
        { op: 'equals', path: 'steps.find.count', value: 0 },
      ],
      url: `${api}/api/v1/contacts`,
      body: { type: 'json', value: { visitor: '{{ contact.platformId }}', name: '{{ contact.name }}' } },
      remember: { contact: '{{ steps.create.body.id }}' },
    },
    ...(o.before ?? []),
    {
      kind: 'http',
      id: 'note',
      url: `${api}/api/v1/contacts/{{ links.contact }}/notes`,
      body: {
        type: 'json',
        value: { text: '{{ conversation.transcript }}', chat: '{{ conversation.id }}', ...o.noteFields },
      },
    },
  ],
});

/**
 * Replay (issue 20): message.created → two http notes on `${crm}/api/notes`; the first one's text is
 * `text` (edit it to change that action's body), the second (an audit note) never changes.
 */
export const twoNotesRule = (crm: string, text = '{{ message.text }}'): RuleInput => ({
  id: 'two-notes',
  name: 'Message → note + audit',
  when: { events: ['message.created'] },
  then: [
    {
      kind: 'http',
      method: 'POST',
      url: `${crm}/api/notes`,
      headers: BEARER_CRM,
      body: { type: 'json', value: { text, chat: '{{ conversation.id }}' } },
    },
    {
      kind: 'http',
      method: 'POST',
      url: `${crm}/api/notes`,
      body: { type: 'json', value: { audit: '{{ message.text }}' } },
    },
  ],
});

/** Fixture servers and a browser with the `crm` secret set and the CRM site running twoNotesRule. */
export async function twoNotesEnv(secret: string): Promise<Env> {
  const env = await startEnv();
  await send(env.browser, { type: 'secrets.set', name: 'crm', value: secret });
  await configure(env, { sites: [crmSite(env.servers)], rules: [twoNotesRule(env.servers.crm.origin)] });
  return env;
}
