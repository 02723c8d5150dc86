// Commands into the JivoChat widget: `jivo_api.<method>(...args)` run by the page hook (hook.ts), whose
// synchronous return value comes back as outcome.replies[0]. Params and return values from seed 003
// "JavaScript API".
import { z } from 'zod';
import { isRecord } from '../kit';
import {
  type CommandOutcome,
  type CommandResult,
  type CommandSpec,
  defineCommand,
  type JsonValue,
} from '../types';

/** The hook answers synchronously; the bridge waits at least 1 s for the reply anyway. */
const AWAIT_MS = 1500;

const call = (method: string, args: JsonValue[]) =>
  ({ via: 'page-api', target: 'jivo_api', method, args, awaitReplyMs: AWAIT_MS }) as const;

/**
 * Documented failure returns: `{result:'fail', reason}` (setCustomData, startCall, isCallbackEnabled),
 * `{result:'fail', error}` (sendOfflineMessage), `{result:'fail', token}` (setUserToken, no reason).
 * Returns the readable reason, or undefined when the reply is not a failure.
 */
export function jivoFailure(reply: unknown): string | undefined {
  if (!isRecord(reply) || reply.result !== 'fail') return undefined;
  const why = reply.reason ?? reply.error;
  if (typeof why === 'string' && why !== '') return why;
  if (why !== undefined && why !== null) return JSON.stringify(why);
  return 'no reason given';
}

export const interpretFor =
  (method: string) =>
  (outcome: CommandOutcome): CommandResult => {
    if (!outcome.delivered) {
      return { ok: false, error: outcome.error ?? 'the JivoChat widget is not loaded in this page' };
    }
    const reason = jivoFailure(outcome.replies[0]);
    if (reason !== undefined) return { ok: false, error: `JivoChat refused jivo_api.${method}: ${reason}` };
    return { ok: true, detail: `jivo_api.${method} called` };
  };

const optStr = z.string().max(10_000).optional();

/** contact_info fields shared by setContactInfo and sendOfflineMessage. */
const contactFields = { name: optStr, email: optStr, phone: optStr, description: optStr };

/** setCustomData's "field" table. */
export const JivoCustomField = z.object({
  content: optStr,
  title: optStr,
  link: optStr,
  key: optStr,
});

const json = z.json() as z.ZodType<JsonValue>;
const noParams = z.object({});

export const jivochatCommands: Record<string, CommandSpec> = {
  open: defineCommand({
    description: "Open the chat window; start:'call' opens the callback form (jivo_api.open).",
    params: z.object({ start: z.literal('call').optional() }),
    build: (p) => call('open', p.start ? [{ start: p.start }] : []),
    interpret: interpretFor('open'),
  }),
  close: defineCommand({
    description: 'Close the chat window (jivo_api.close).',
    params: noParams,
    build: () => call('close', []),
    interpret: interpretFor('close'),
  }),
  setContactInfo: defineCommand({
    description: 'Set the visitor’s name, email, phone and description, as if they introduced themselves.',
    params: z.object(contactFields),
    build: (p) => call('setContactInfo', [{ ...p }]),
    interpret: interpretFor('setContactInfo'),
  }),
  setCustomData: defineCommand({
    description: 'Show extra fields about the visitor in the agent’s app (jivo_api.setCustomData).',
    params: z.object({ fields: z.array(JivoCustomField).max(100) }),
    // The method takes the array itself, not {fields}.
    build: (p) => call('setCustomData', [p.fields.map((f) => ({ ...f }))]),
    interpret: interpretFor('setCustomData'),
  }),
  setUserToken: defineCommand({
    description: 'Set the visitor id that JivoChat passes on in its webhooks (jivo_api.setUserToken).',
    params: z.object({ token: z.string().min(1).max(1000) }),
    build: (p) => call('setUserToken', [p.token]),
    interpret: interpretFor('setUserToken'),
  }),
  showProactiveInvitation: defineCommand({
    description: 'Open the chat window with a custom invitation text (jivo_api.showProactiveInvitation).',
    params: z.object({
      invitation_text: z.string().min(1).max(10_000),
      department_id: z.number().int().optional(),
    }),
    // Positional (invitation_text, department_id), as the seed's example passes the text alone.
    build: (p) =>
      call(
        'showProactiveInvitation',
        p.department_id === undefined ? [p.invitation_text] : [p.invitation_text, p.department_id],
      ),
    interpret: interpretFor('showProactiveInvitation'),
  }),
  startCall: defineCommand({
    description: 'Start a callback to a phone number (jivo_api.startCall).',
    params: z.object({ phone: z.string().min(1).max(100) }),
    build: (p) => call('startCall', [p.phone]),
    interpret: interpretFor('startCall'),
  }),
  sendOfflineMessage: defineCommand({
    description: 'Send an offline message directly (jivo_api.sendOfflineMessage).',
    params: z.object({ ...contactFields, message: z.string().min(1).max(10_000) }),
    build: (p) => call('sendOfflineMessage', [{ ...p }]),
    interpret: interpretFor('sendOfflineMessage'),
  }),
  setRules: defineCommand({
    description: 'Replace the proactive-invitation trigger rules with a JSON object (jivo_api.setRules).',
    params: z.object({ rules: z.record(z.string(), json) }),
    build: (p) => call('setRules', [p.rules]),
    interpret: interpretFor('setRules'),
  }),
};
