import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Handler, REPO_ROOT, sendJson } from './http';

/** Serves a platform's committed seed fixtures as `/fixtures/<platform>.json` for the simulators. */
export function fixturesHandler(): Handler {
  return async (_req, res, url) => {
    const m = /^\/fixtures\/([a-z]+)\.json$/.exec(url.pathname);
    if (!m?.[1]) return false;
    const dir = join(REPO_ROOT, 'src/platforms', m[1], 'fixtures');
    try {
      const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
      const list = await Promise.all(
        files.map(async (f) => ({
          name: f.replace(/\.json$/, ''),
          ...JSON.parse(await readFile(join(dir, f), 'utf8')),
        })),
      );
      sendJson(res, 200, list, { 'access-control-allow-origin': '*' });
      return true;
    } catch {
      return false;
    }
  };
}
