// The `--jobs` option of `attain validate`: how many threads check files at once.
import { availableParallelism } from 'node:os';
import { UsageError } from './io.js';

/** Largest `--jobs` accepted (the same bound as `attain invoice --jobs`). */
const MAX_JOBS = 64;

/**
 * `auto` (the default): one thread per CPU the process may use, less one. V8 optimises hot code and
 * collects garbage on background threads: a one-thread run over 1 000 contracts already keeps
 * about 1.4 CPUs busy, and on 2 CPUs a second checking thread was no faster (docs/performance.md).
 */
export function parseJobsOption(text: string | undefined): number {
  if (text === undefined || text === 'auto') return Math.max(1, availableParallelism() - 1);
  if (!/^[1-9]\d*$/.test(text) || Number(text) > MAX_JOBS) throw new UsageError(`--jobs must be auto or a whole number from 1 to ${MAX_JOBS} (got "${text}")`);
  return Number(text);
}
