// Commands into the Kommo button (seed 004 "JavaScript Methods", "JS Parameters in online chat bot",
// "Dispatching a Key Action with a Hook"), run by the page hook (hook.ts).
//
// Convention: crmPlugin is itself a function, so `{target:'crmPlugin', method:m, args}` means
// crmPlugin(m, ...args); `{target:'crm_plugin', method:'setMeta', args}` means crm_plugin.setMeta(...args).
import { z } from 'zod';
import {
  type CommandOutcome,
  type CommandResult,
  type CommandSpec,
  defineCommand,
  type JsonValue,
} from '../types';
import { KommoSetMetaParams } from './schema';

/** The hook answers synchronously; the bridge waits at least 1 s for the reply anyway. */
const AWAIT_MS = 1500;

const plugin = (method: string, args: JsonValue[] = []) =>
  ({ via: 'page-api', target: 'crmPlugin', method, args, awaitReplyMs: AWAIT_MS }) as const;

/** None of the methods documents a return value: delivered means done. */
export const interpretFor =
  (what: string) =>
  (outcome: CommandOutcome): CommandResult =>
    outcome.delivered
      ? { ok: true, detail: `${what} called` }
      : { ok: false, error: outcome.error ?? 'the Kommo button is not loaded in this page' };

const noParams = z.object({});

export const kommoCommands: Record<string, CommandSpec> = {
  runChatShow: defineCommand({
    description: "Show the online chat (crmPlugin('runChatShow')).",
    params: noParams,
    build: () => plugin('runChatShow'),
    interpret: interpretFor("crmPlugin('runChatShow')"),
  }),
  runChatHide: defineCommand({
    description: "Hide the online chat (crmPlugin('runChatHide')).",
    params: noParams,
    build: () => plugin('runChatHide'),
    interpret: interpretFor("crmPlugin('runChatHide')"),
  }),
  runDestroy: defineCommand({
    description: "Remove the current button instance (crmPlugin('runDestroy')).",
    params: noParams,
    build: () => plugin('runDestroy'),
    interpret: interpretFor("crmPlugin('runDestroy')"),
  }),
  sendKeyActionHook: defineCommand({
    description: 'Fire a key action whose trigger condition is the custom hook of this name.',
    params: z.object({ name: z.string().min(1).max(200) }),
    build: (p) => plugin('sendKeyActionHook', [p.name]),
    interpret: interpretFor("crmPlugin('sendKeyActionHook')"),
  }),
  setMeta: defineCommand({
    description: 'Pass parameters to the online chat bot, usable there as {{bot_params.<name>}}.',
    params: KommoSetMetaParams,
    build: (p) => ({
      via: 'page-api',
      target: 'crm_plugin',
      method: 'setMeta',
      args: [{ bot_params: { ...p.bot_params } }],
      awaitReplyMs: AWAIT_MS,
    }),
    interpret: interpretFor('crm_plugin.setMeta'),
  }),
};
