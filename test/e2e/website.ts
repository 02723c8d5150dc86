// The website simulator (demo/public/website/, served by the workspace server at /website/) as the
// JivoChat and Kommo suites drive it: one page per load, a widget to fire callbacks from, and the
// journal entries of that load told apart by an id in its query string.
import type { Page } from 'playwright-core';
import type { EventEntry } from '../../src/journal/types';
import { type Env, journal, waitFor } from './setup';

type Widget = 'jivo' | 'kommo';

/** What every simulator window has; each suite types the rest of its widget. */
export interface WebsiteWindow {
  page?: { ready: boolean };
  widgetSim: Record<Widget, { loaded?: boolean; fire(name: string, ...args: unknown[]): unknown }>;
}

/**
 * `widget`: the simulator whose loading `openSite` waits for and whose callbacks `fire` calls.
 * `idParam`: the query parameter that names one page load (`eventsOf` filters the journal by it).
 * `getEnv` because the suites start their environment in beforeAll.
 */
export function websiteDriver<W extends WebsiteWindow>(getEnv: () => Env, widget: Widget, idParam: string) {
  /** Runs `fn` in the page with its window typed as the simulator's. */
  async function inPage<R, A = undefined>(page: Page, fn: (w: W, a: A) => R, arg?: A): Promise<R> {
    const win = await page.evaluateHandle(() => window as unknown as W);
    try {
      return await win.evaluate(fn as (w: W, a: unknown) => R, arg);
    } finally {
      await win.dispose();
    }
  }

  async function openSite(
    query: Record<string, string>,
    origin = getEnv().servers.workspace.origin,
    path = '/website/',
  ): Promise<Page> {
    const page = await getEnv().browser.ctx.newPage();
    await page.goto(`${origin}${path}?${new URLSearchParams(query)}`);
    await waitFor(
      () => inPage(page, (w, k) => w.page?.ready === true && w.widgetSim?.[k]?.loaded === true, widget),
      'website ready',
    );
    return page;
  }

  const fire = (page: Page, name: string, ...args: unknown[]) =>
    inPage(page, (w, [k, n, a]) => w.widgetSim[k].fire(n, ...a), [widget, name, args] as const);

  /** Journal event entries of one page load (by its id), oldest first, once there are `atLeast`. */
  function eventsOf(id: string, atLeast = 1): Promise<EventEntry[]> {
    return waitFor(async () => {
      const e = (await journal(getEnv()))
        .filter(
          (x): x is EventEntry =>
            x.kind === 'event' && new URL(x.event.page.url).searchParams.get(idParam) === id,
        )
        .reverse();
      return e.length >= atLeast ? e : undefined;
    }, `${atLeast} journal entries`);
  }

  return { inPage, openSite, fire, eventsOf };
}
