import type { PageResponses } from '../../protocol';
import { deleteLink, listLinks } from '../../workflows/links';

/** Options page "Links" tab: the remembered CRM records (personal data: listed, searched, deleted). */
export const linkHandlers = () => ({
  'links.list': async (req: { query?: string }): Promise<PageResponses['links.list']> => ({
    links: await listLinks(req.query ?? ''),
  }),
  'links.delete': async (req: { key: string }): Promise<PageResponses['links.delete']> => {
    await deleteLink(req.key);
    return { ok: true };
  },
});
