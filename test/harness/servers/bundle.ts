import { join } from 'node:path';
import { build } from 'esbuild';
import { DEMO_ROOT, type Handler } from './http';

const cache = new Map<string, Promise<string>>();

/** Serves demo/widgets/<name>.tsx bundled (React included) as /widgets/<name>.js, built once on demand. */
export function widgetHandler(): Handler {
  return async (_req, res, url) => {
    const m = /^\/widgets\/([\w-]+)\.js$/.exec(url.pathname);
    if (!m?.[1]) return false;
    const name = m[1];
    let code = cache.get(name);
    if (!code) {
      code = build({
        entryPoints: [join(DEMO_ROOT, 'widgets', `${name}.tsx`)],
        bundle: true,
        write: false,
        format: 'iife',
        jsx: 'automatic',
        minify: true,
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      }).then((r) => r.outputFiles[0]?.text ?? '');
      cache.set(name, code);
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(await code);
    return true;
  };
}
