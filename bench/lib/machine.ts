// The machine a run happened on, as docs/benchmarks.md reports it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { browserPath } from '../../test/harness/browser';
import { REPO_ROOT } from '../../test/harness/servers/http';

export interface Machine {
  nproc: number;
  freeH: string;
  memTotalGiB: number;
  cpuModel: string;
  chromium: string;
  chromiumPath: string;
  node: string;
  platform: string;
  commit?: string;
  /** 1, 5, 15-minute load averages when the run started. */
  loadAtStart: number[];
}

const run = (cmd: string, args: string[]) => {
  try {
    // trimEnd: `free -h` aligns its header with leading spaces.
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
  } catch {
    return '';
  }
};

export function machine(): Machine {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  let chromiumPath = '';
  try {
    chromiumPath = browserPath();
  } catch {
    /* reported as unknown */
  }
  return {
    nproc: Number(run('nproc', []).trim()) || availableParallelism(),
    freeH: run('free', ['-h']),
    memTotalGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    cpuModel: model,
    chromium: chromiumPath ? run(chromiumPath, ['--version']).trim() : 'unknown',
    chromiumPath,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: run('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD']).trim() || undefined,
    loadAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export const load1 = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;
