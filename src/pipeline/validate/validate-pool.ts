// `attain validate` over many files in worker threads. This thread and the workers take chunks of
// the file list from one shared counter (no message per file, and this thread works while the
// workers start); each outcome is stored at its file's index, so the merged result is in file
// order whatever finished first. Outcomes are plain data: diagnostics, text, the contract's id.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { validateFile, type FileOutcome } from './validate-file.js';

/** The compiled worker module; absent when running from TypeScript sources (tests). */
const WORKER_URL = new URL('./validate-worker.js', import.meta.url);

/** Files taken from the counter at once: small enough to even out the end, large enough to batch replies. */
export const CHUNK = 8;

/**
 * Files per thread below which a worker cannot pay for itself: it takes 100-400 ms to start
 * (loading yaml, chevrotain and the checker), about what 64 contracts take to check, and its JIT
 * warms up from scratch. (On 2 CPUs even 2 000 files per thread did not pay: docs/performance.md;
 * `--jobs auto` leaves one CPU to V8's compiler threads.)
 */
export const MIN_FILES_PER_THREAD = 64;

/** What a worker is given: the files, which of them were named, and the shared chunk counter. */
export interface ValidateWorkerData {
  readonly paths: readonly string[];
  readonly named: readonly boolean[];
  readonly counter: SharedArrayBuffer;
}

/** A worker's reply: the outcomes of one chunk, the files from `start` on. */
export interface ValidateWorkerReply {
  readonly start: number;
  readonly outcomes: readonly FileOutcome[];
}

export function validateWorkersAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/** How many worker threads to start besides this one for `files` files and at most `jobs` threads. */
export function workerCount(files: number, jobs: number): number {
  return validateWorkersAvailable() ? extraThreads(files, jobs) : 0;
}

/** At most `jobs` threads in all, each given at least MIN_FILES_PER_THREAD files; this one is one of them. */
export function extraThreads(files: number, jobs: number): number {
  return Math.max(0, Math.min(jobs, Math.floor(files / MIN_FILES_PER_THREAD)) - 1);
}

/** Take the next chunk: its first index (>= paths.length when none is left). */
export function takeChunk(counter: Int32Array): number {
  return Atomics.add(counter, 0, CHUNK);
}

/**
 * Validate every file with `workers` worker threads besides this one; outcomes in `paths` order.
 * `here: false` leaves every file to the workers (tests use it so that each file crosses a thread).
 */
export async function validateInWorkers(paths: readonly string[], named: ReadonlySet<string>, workers: number, { here = true } = {}): Promise<FileOutcome[]> {
  const outcomes: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(paths.length).fill(undefined);
  const counter = new SharedArrayBuffer(4);
  const data: ValidateWorkerData = { paths, named: paths.map((p) => named.has(p)), counter };
  const finished = Array.from({ length: workers }, () => runWorker(data, outcomes));
  const shared = new Int32Array(counter);
  for (let start = here ? takeChunk(shared) : paths.length; start < paths.length; start = takeChunk(shared)) {
    const end = Math.min(paths.length, start + CHUNK);
    for (let i = start; i < end; i++) outcomes[i] = validateFile(paths[i] as string, data.named[i] === true);
  }
  await Promise.all(finished);
  // A worker that failed leaves holes: those files are validated here (same function, same result).
  return outcomes.map((o, i) => o ?? validateFile(paths[i] as string, data.named[i] === true));
}

/** Resolves when the worker has exited, whether it finished or failed. */
function runWorker(data: ValidateWorkerData, outcomes: (FileOutcome | undefined)[]): Promise<void> {
  return new Promise<void>((resolve) => {
    const worker = new Worker(WORKER_URL, { workerData: data });
    worker.on('message', (reply: ValidateWorkerReply) => {
      reply.outcomes.forEach((o, k) => {
        outcomes[reply.start + k] = o;
      });
    });
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
}
