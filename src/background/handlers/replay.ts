import type { PageRequest, PageResponses } from '../../protocol';
import type { Replay } from '../replay';

/**
 * Replay with a diff (issue 20). Routed from handlers/pages.ts, so only our own extension pages reach
 * them (router.ts: classifySender, then PageRequestSchema validates each request).
 */
type Type = 'replay.run' | 'replay.send';
type Handler<K extends Type> = (req: Extract<PageRequest, { type: K }>) => Promise<PageResponses[K]>;

export function replayHandlers(replay: Pick<Replay, 'run' | 'send'>): { [K in Type]: Handler<K> } {
  return {
    'replay.run': (req) => replay.run(req.scope),
    'replay.send': async (req) => {
      try {
        return { ok: true, ...(await replay.send(req.seqs)) };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    },
  };
}
