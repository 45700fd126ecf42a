/**
 * Shared tinybench setup: one file per hot function under bench/ mirroring src/, each exporting
 * `run(): Promise<BenchReport[]>`. `bench/run.ts` runs them all and prints one table.
 */
import { Bench } from 'tinybench';

export interface BenchReport {
  readonly name: string;
  /** Median time per operation, ms. */
  readonly medianMs: number;
  /** Derived throughput, e.g. `612 MB/s` or `5.1 M records/s`. */
  readonly throughput: string;
  readonly samples: number;
}

export function newBench(): Bench {
  return new Bench({ time: 1500, warmupTime: 300 });
}

/** Reads the median of a finished task in ms. */
export function medianMs(bench: Bench, name: string): { median: number; samples: number } {
  const task = bench.tasks.find((t) => t.name === name);
  const result = task?.result;
  if (result?.state !== 'completed') throw new Error(`bench task ${name} did not complete`);
  return { median: result.latency.p50 ?? result.latency.mean, samples: result.latency.samplesCount };
}

export function perSecond(
  unitsPerOp: number,
  msPerOp: number,
  unit: string,
  scale = 1e6,
  prefix = 'M',
): string {
  const v = unitsPerOp / (msPerOp / 1000) / scale;
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${prefix}${unit}/s`;
}
