// A high-resolution arrival tap on a demo server: a second 'request' listener records each request the
// moment Node parses its headers (epoch ms with decimals; the CRM API's own `at` is whole ms). The
// benchmarks put the message text in the query string (`?m=`), so the tap needs no body.
import type { IncomingMessage, Server } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Arrival {
  method: string;
  path: string;
  m?: string;
  at: number;
}

export const epochNow = () => performance.timeOrigin + performance.now();

export class ArrivalTap {
  readonly arrivals: Arrival[] = [];
  private readonly listener = (req: IncomingMessage) => {
    const at = epochNow();
    const url = new URL(req.url ?? '/', 'http://x');
    this.arrivals.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      m: url.searchParams.get('m') ?? undefined,
      at,
    });
  };

  constructor(private readonly server: Server) {
    server.on('request', this.listener);
  }

  posts(path: string): Arrival[] {
    return this.arrivals.filter((a) => a.method === 'POST' && a.path === path);
  }

  reset(): void {
    this.arrivals.length = 0;
  }

  detach(): void {
    this.server.off('request', this.listener);
  }
}
