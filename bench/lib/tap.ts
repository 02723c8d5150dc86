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
  private waiters: Array<{ match: (a: Arrival) => boolean; done: (a: Arrival | undefined) => void }> = [];
  private readonly listener = (req: IncomingMessage) => {
    const at = epochNow();
    const url = new URL(req.url ?? '/', 'http://x');
    const a: Arrival = {
      method: req.method ?? 'GET',
      path: url.pathname,
      m: url.searchParams.get('m') ?? undefined,
      at,
    };
    this.arrivals.push(a);
    for (const w of this.waiters) if (w.match(a)) w.done(a);
  };

  /** Resolves with the first arrival (from now on) that matches, or undefined after `timeoutMs`. */
  next(match: (a: Arrival) => boolean, timeoutMs: number): Promise<Arrival | undefined> {
    return new Promise((resolve) => {
      const w = {
        match,
        done: (a: Arrival | undefined) => {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((x) => x !== w);
          resolve(a);
        },
      };
      const timer = setTimeout(() => w.done(undefined), timeoutMs);
      this.waiters.push(w);
    });
  }

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
