import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The harness serves the demo's pages (demo/public, demo/widgets): test/harness/servers → repo root → demo.
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const DEMO_ROOT = resolve(REPO_ROOT, 'demo');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Serves files under `root` (no traversal), then falls back to `handlers`. */
export function staticFiles(root: string, mount = '/'): Handler {
  return async (_req, res, url) => {
    if (!url.pathname.startsWith(mount)) return false;
    const rel = normalize(decodeURIComponent(url.pathname.slice(mount.length))).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, rel.endsWith('/') || rel === '' ? join(rel, 'index.html') : rel);
    if (!file.startsWith(root)) return false;
    try {
      const data = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(data);
      return true;
    } catch {
      return false;
    }
  };
}

export interface Listening {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

export function listen(host: string, port: number, handlers: Handler[]): Promise<Listening> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    try {
      for (const h of handlers) if (await h(req, res, url)) return;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  return new Promise((resolveP, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      resolveP({
        server,
        origin: `http://${host}:${actual}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
