import type { PageRequest, PageResponses } from '../../protocol';
import { listAsks } from '../../workflows/asks';

type Answer = Extract<PageRequest, { type: 'asks.answer' }>;

/** Popup "Needs you" and the ask window: pending questions, and the agent's answers. */
export const askHandlers = (answer: (id: string, a: Answer['answer']) => Promise<boolean>) => ({
  'asks.list': async (): Promise<PageResponses['asks.list']> => ({ asks: await listAsks() }),
  'asks.answer': async (req: Answer): Promise<PageResponses['asks.answer']> => ({
    ok: await answer(req.id, req.answer),
  }),
});
