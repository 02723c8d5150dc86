import { type CommandSpec, defineCommand } from '../types';
import { PostParams, StartInteractionParams } from './schema';

/**
 * Seed "Actions": the consumer posts `{event, data}` into the uContact iframe. The seed documents no
 * reply, so commands do not wait for one (awaitReplyMs 0) and delivery is the only outcome; the
 * default interpretation (delivered → ok) applies. The content side posts with the frame's exact
 * origin as targetOrigin, never the seed's "*".
 */
export const ucontactCommands: Record<string, CommandSpec> = {
  startInteraction: defineCommand({
    description: 'Start an interaction with a client in a campaign (uContact "Actions": startInteraction).',
    params: StartInteractionParams,
    build: (params) => ({
      via: 'postMessage',
      message: { event: 'startInteraction', data: { ...params } },
      awaitReplyMs: 0,
    }),
  }),
  post: defineCommand({
    description: 'Post any JSON object into the uContact iframe (for actions this version does not model).',
    params: PostParams,
    build: (params) => ({ via: 'postMessage', message: params.message, awaitReplyMs: 0 }),
  }),
};
