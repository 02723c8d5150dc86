import { z } from 'zod';
import { PLATFORM_IDS } from '../events/types';
import { urlTemplateIssue } from '../templates/url';
import { patternProblem } from './regex';

/** A dotted path into the canonical event: `contact.phone`, `data.params.kind`. */
const EventPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z_$][\w$]*(\.[\w$-]+)*$/, 'a dotted path such as contact.phone or data.params.kind');

const Scalar = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

export const ConditionSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('exists'), path: EventPath }),
  /** Absent, null or empty: e.g. a workflow step that runs only when no record is linked yet (`links.contact`). */
  z.object({ op: z.literal('not_exists'), path: EventPath }),
  z.object({ op: z.literal('equals'), path: EventPath, value: Scalar }),
  z.object({ op: z.literal('not_equals'), path: EventPath, value: Scalar }),
  z.object({ op: z.literal('contains'), path: EventPath, value: z.string().max(10_000) }),
  z.object({ op: z.literal('starts_with'), path: EventPath, value: z.string().max(10_000) }),
  // Patterns run on RE2 (linear time, src/rules/regex.ts): one RE2 cannot compile (a look-around, a
  // back-reference) is refused here, so a rule (user, import or policy) with one can never be saved.
  z
    .object({
      op: z.literal('matches'),
      path: EventPath,
      value: z.string().max(200),
      flags: z
        .string()
        .regex(/^[imsu]*$/)
        .optional(),
    })
    .superRefine((c, ctx) => {
      const problem = patternProblem(c.value, c.flags);
      if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
    }),
  z.object({ op: z.literal('in'), path: EventPath, value: z.array(Scalar).max(1000) }),
  z.object({ op: z.literal('gt'), path: EventPath, value: z.number() }),
  z.object({ op: z.literal('lt'), path: EventPath, value: z.number() }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

/** `message.created` (canonical) or `roxchat:visitorSelected` (platform:sourceEvent). */
export const EventSelector = z
  .string()
  .min(1)
  .max(120)
  .regex(
    /^([a-z_]+\.[a-z_]+|[a-z]+:[\w.$-]+)$/,
    'a canonical type (message.created) or platform:sourceEvent',
  );

const Template = z.string().max(20_000);
/** A URL template: its scheme, host and port must be fixed text (issue 14, item 8; src/templates/url.ts). */
const UrlTemplate = Template.superRefine((source, ctx) => {
  const issue = urlTemplateIssue(source);
  if (issue) ctx.addIssue({ code: 'custom', message: issue });
});
/** A JSON body whose string leaves are templates, each rendered separately (never string-built JSON). */
export type JsonTemplate =
  | string
  | number
  | boolean
  | null
  | JsonTemplate[]
  | { [key: string]: JsonTemplate };
export const JsonTemplateSchema: z.ZodType<JsonTemplate> = z.lazy(() =>
  z.union([
    Template,
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonTemplateSchema),
    z.record(z.string(), JsonTemplateSchema),
  ]),
);

const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a valid HTTP header name');

/**
 * Workflow step fields (issue 17), on any action. A rule whose actions carry ids is a chain: its steps
 * run in order, each through the durable outbox, and later steps' templates and `if` conditions read
 * earlier results as `steps.<id>.status`, `steps.<id>.body…`, `steps.<id>.count`, `steps.<id>.skipped`,
 * plus `links.contact` / `links.conversation` (remembered records) and `wrapup.<field>` (the agent's
 * answers to an `ask-agent` step). A step whose `if` fails is journaled as skipped, with why.
 */
export const StepId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a step id: lowercase letters, digits and _, starting with a letter');
const StepFields = {
  id: StepId.optional(),
  /** All must hold for the step to run; paths may read steps.*, links.*, wrapup.* and the event. */
  if: z.array(ConditionSchema).max(20).optional(),
  /** Record links to remember from this step's result, read later as links.contact / links.conversation. */
  remember: z
    .object({ contact: Template.max(500).optional(), conversation: Template.max(500).optional() })
    .optional(),
};

export const HttpActionSchema = z.object({
  ...StepFields,
  kind: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  url: UrlTemplate,
  headers: z.record(HeaderName, Template).default({}),
  body: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('json'), value: JsonTemplateSchema }),
      z.object({
        type: z.literal('text'),
        value: Template,
        contentType: z.string().max(100).default('text/plain'),
      }),
    ])
    .optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  /**
   * A find step: the dotted path in the JSON response body to the list of matches (`results`,
   * `data.items`, `` for a top-level array); `steps.<id>.count` is its length.
   */
  matches: z
    .string()
    .max(200)
    .regex(/^([\w$-]+(\.[\w$-]+)*)?$/, 'a dotted path into the response, such as data.items')
    .optional(),
  /** More than one match: take the first (default), or park the chain and ask the agent to pick (or create new). */
  onMany: z.enum(['first', 'ask']).optional(),
  /** How each candidate is labelled for the agent: a template over one match (`{{ properties.email }}`). */
  candidateLabel: Template.max(500).optional(),
  /** How long a parked question waits (default 1 h) before the chain goes on with `onManyDefault` (default first). */
  askTimeoutMs: z
    .number()
    .int()
    .min(10_000)
    .max(7 * 86_400_000)
    .optional(),
  onManyDefault: z.enum(['first', 'create', 'skip']).optional(),
});

/** One field of the agent's wrap-up form: becomes `wrapup.<name>` for the following steps. */
export const WrapupFieldSchema = z.object({
  name: StepId,
  label: z.string().min(1).max(200),
  type: z.enum(['text', 'textarea', 'select']).default('text'),
  /** Choices for `select` (e.g. dispositions). */
  options: z.array(z.string().min(1).max(200)).max(50).optional(),
  /** Prefill: a template over the event and earlier steps; also the value used on timeout. */
  default: Template.max(2000).optional(),
  required: z.boolean().default(false),
});

/**
 * Asks the agent a small form (issue 17 wrap-up); the answers become `wrapup.*` for the next steps.
 * Runs only as a step of a chain (src/workflows): outside one it is journaled as failed.
 */
export const AskAgentActionSchema = z.object({
  ...StepFields,
  kind: z.literal('ask-agent'),
  title: Template.max(500).default('Wrap up {{ conversation.id }}'),
  /**
   * The form's fields. Named `form` and `answerTimeoutMs` (not `fields` / `timeoutMs`): the admin
   * policy's Chrome schema merges same-named properties of every action kind, and fill's `fields`
   * (a record) and http's `timeoutMs` (other bounds) cannot share a declaration with these.
   */
  form: z.array(WrapupFieldSchema).min(1).max(20),
  /** Unanswered after this long: the chain goes on with each field's default. */
  answerTimeoutMs: z
    .number()
    .int()
    .min(10_000)
    .max(7 * 86_400_000)
    .default(900_000),
  /** Where the form appears first: a popup window, or a notification that opens it. */
  present: z.enum(['window', 'notification']).default('notification'),
});

export const OpenUrlActionSchema = z.object({
  ...StepFields,
  kind: z.literal('open-url'),
  url: UrlTemplate,
  /** new: always a new tab; reuse: a tab whose URL matches `reusePattern`, else new; current: the emitting tab. */
  target: z.enum(['new', 'reuse', 'current']).default('new'),
  reusePattern: z.string().max(500).optional(),
  /** When reusing a tab: navigate it to the URL, or only focus it. */
  navigate: z.boolean().default(true),
});

export const AgentCommandActionSchema = z.object({
  ...StepFields,
  kind: z.literal('agent-command'),
  command: z.string().min(1).max(100),
  params: z.record(z.string(), JsonTemplateSchema).default({}),
});

/** Where fill/click act: the tab that emitted the event, or the first tab whose URL matches a pattern. */
const PageTarget = z.object({
  tab: z.enum(['source', 'pattern']).default('source'),
  tabPattern: z.string().max(500).optional(),
  /**
   * source: only the document that emitted the event (its top frame in a pattern tab); all: every frame
   * of the tab (issue 14 item 11). Unset: `source`, or `all` when `frameScope` picks frames by URL.
   */
  frames: z.enum(['source', 'all']).optional(),
  /** Only frames whose URL matches this pattern. */
  frameScope: z.string().max(500).optional(),
});

const Selector = z.string().min(1).max(500);

export const FillActionSchema = z.object({
  ...StepFields,
  kind: z.literal('fill'),
  page: PageTarget.default({ tab: 'source' }),
  /** CSS selector → template; values are set as `.value` through the native setter, never as HTML. */
  fields: z.record(Selector, Template).refine((f) => Object.keys(f).length > 0, 'at least one field'),
});

export const ClickActionSchema = z.object({
  ...StepFields,
  kind: z.literal('click'),
  page: PageTarget.default({ tab: 'source' }),
  selector: Selector,
});

export const NotifyActionSchema = z.object({
  ...StepFields,
  kind: z.literal('notify'),
  title: Template.default('{{ type }}'),
  message: Template.default('{{ message.text | default: sourceEvent }}'),
  /** Opened when the notification is clicked (http(s) only, interpolations URL-encoded). */
  url: UrlTemplate.optional(),
});

export const CopyActionSchema = z.object({ ...StepFields, kind: z.literal('copy'), text: Template });

export const LogActionSchema = z.object({
  ...StepFields,
  kind: z.literal('log'),
  message: Template.default('{{ type }}'),
});

export const ActionSchema = z.discriminatedUnion('kind', [
  HttpActionSchema,
  OpenUrlActionSchema,
  AgentCommandActionSchema,
  FillActionSchema,
  ClickActionSchema,
  NotifyActionSchema,
  CopyActionSchema,
  LogActionSchema,
  AskAgentActionSchema,
]);
export type Action = z.infer<typeof ActionSchema>;
export type ActionKind = Action['kind'];

export const RuleSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200).default(''),
  enabled: z.boolean().default(true),
  managed: z.boolean().default(false),
  when: z.object({
    events: z.array(EventSelector).min(1).max(100),
    platforms: z.array(z.enum(PLATFORM_IDS)).optional(),
    where: z.array(ConditionSchema).max(50).default([]),
    match: z.enum(['all', 'any']).default('all'),
  }),
  then: z.array(ActionSchema).min(1).max(20),
  once: z
    .object({
      per: z.enum(['event', 'conversation', 'contact']),
      windowMs: z.number().int().positive().default(86_400_000),
    })
    .optional(),
  throttleMs: z.number().int().min(0).optional(),
});
export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;
