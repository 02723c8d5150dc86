// The shape every benchmark returns; bench/run.ts prints it as a table and writes bench/results.json.

export interface Figure {
  /** What was measured, e.g. "p95 latency". */
  label: string;
  value: number;
  unit: string;
  /** The same quantity for the baseline measured in the same run. */
  baseline?: number;
  baselineLabel?: string;
  /** value / baseline (always computed that way, whatever the direction of "better"). */
  ratio?: number;
}

export interface Budget {
  label: string;
  /** Human-readable limit, e.g. "≤ 1.5× bare relay". */
  limit: string;
  /** The measured value the limit applies to (a ratio or an absolute number). */
  actual: number;
  unit: string;
  met: boolean;
}

export interface BenchResult {
  id: string;
  title: string;
  /** Sizes and knobs this run used (env overrides included). */
  params: Record<string, unknown>;
  figures: Figure[];
  budgets: Budget[];
  /** Plain statements: what limits a figure, caveats of the method. */
  notes: string[];
  durationMs: number;
  /** Anything else worth keeping (samples, breakdowns), written to results.json only. */
  raw?: Record<string, unknown>;
}

export type BenchFn = () => Promise<Omit<BenchResult, 'durationMs'>>;

export function figure(
  label: string,
  value: number,
  unit: string,
  baseline?: number,
  baselineLabel?: string,
): Figure {
  return {
    label,
    value,
    unit,
    ...(baseline === undefined
      ? {}
      : { baseline, baselineLabel, ratio: baseline === 0 ? Number.NaN : value / baseline }),
  };
}
