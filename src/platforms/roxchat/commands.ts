import { type CommandOutcome, type CommandResult, type CommandSpec, defineCommand } from '../types';
import { ROX_ERROR_CODES, StartOutgoingChatParams } from './schema';

/**
 * The seed documents the error codes but not the envelope the workspace answers with, so any reply
 * carrying one of the five codes as a string value (top level or in `params`) counts as that error.
 */
export function findRoxError(replies: unknown[]): string | undefined {
  for (const reply of replies) {
    if (typeof reply !== 'object' || reply === null) continue;
    const layers = [reply as Record<string, unknown>];
    const params = (reply as Record<string, unknown>).params;
    if (typeof params === 'object' && params !== null) layers.push(params as Record<string, unknown>);
    for (const layer of layers) {
      for (const value of Object.values(layer)) {
        if (typeof value === 'string' && Object.hasOwn(ROX_ERROR_CODES, value)) return value;
      }
    }
  }
  return undefined;
}

function interpret(outcome: CommandOutcome): CommandResult {
  if (!outcome.delivered)
    return { ok: false, error: outcome.error ?? 'the Rox.Chat workspace frame was not reachable' };
  const code = findRoxError(outcome.replies);
  if (code)
    return { ok: false, error: `Rox.Chat refused start_outgoing_chat (${code}): ${ROX_ERROR_CODES[code]}` };
  return { ok: true, detail: 'start_outgoing_chat posted to the workspace' };
}

export const roxchatCommands: Record<string, CommandSpec> = {
  start_outgoing_chat: defineCommand({
    description: 'Start an outgoing chat with a visitor (Rox.Chat "Incoming Events").',
    params: StartOutgoingChatParams,
    // Posted to the iframe with its exact origin as targetOrigin (never '*'); errors come back within the window.
    build: (params) => ({
      via: 'postMessage',
      message: { action: 'start_outgoing_chat', params: { ...params } },
      awaitReplyMs: 1500,
    }),
    interpret,
  }),
};
