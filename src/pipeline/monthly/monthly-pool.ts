// Pipeline for `attain invoice`: evaluate the contracts of a run, in this thread or in a pool of
// worker threads (`--jobs N`). The result is in job order (sorted by id) whatever the completion order.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ContractJob } from './monthly-inputs.js';
import { evaluateContractJob, type ContractOutcome } from './monthly-run.js';

/** The compiled worker module; absent when running from TypeScript sources (tests). */
const WORKER_URL = new URL('./monthly-worker.js', import.meta.url);

/** Whether `--jobs N` > 1 can use worker threads here (the compiled worker exists). */
export function workersAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

type Progress = ((done: number, total: number, outcome: ContractOutcome) => void) | undefined;

function evaluateHere(jobs: readonly ContractJob[], period: string, onContract: Progress): ContractOutcome[] {
  return jobs.map((job, i) => {
    const outcome = evaluateContractJob(job, period);
    onContract?.(i + 1, jobs.length, outcome);
    return outcome;
  });
}

/** Messages between the pool and a worker: a job by index, and its outcome. */
export interface WorkerRequest {
  readonly index: number;
  readonly job: ContractJob;
  readonly period: string;
}
export interface WorkerReply {
  readonly index: number;
  readonly outcome: ContractOutcome;
}

async function evaluateInWorkers(jobs: readonly ContractJob[], period: string, size: number, onContract: Progress): Promise<ContractOutcome[]> {
  const results = new Array<ContractOutcome | undefined>(jobs.length).fill(undefined);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(size, jobs.length) }, () => new Worker(WORKER_URL));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              const index = next++;
              const job = jobs[index];
              if (job === undefined) return resolve();
              const request: WorkerRequest = { index, job, period };
              worker.postMessage(request);
            };
            worker.on('message', (reply: WorkerReply) => {
              results[reply.index] = reply.outcome;
              done++;
              onContract?.(done, jobs.length, reply.outcome);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with code ${code}`))));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.map((r, i) => r ?? evaluateContractJob(jobs[i] as ContractJob, period));
}

/**
 * Evaluate every job for `period`. With `size` > 1 and the compiled worker available, up to
 * `size` contracts are evaluated at once in worker threads; otherwise one after the other here.
 * Evaluation is pure, so both give the same outcomes; `onContract` sees completion order.
 */
export async function evaluateJobs(jobs: readonly ContractJob[], period: string, size: number, onContract?: Progress): Promise<ContractOutcome[]> {
  if (size <= 1 || jobs.length <= 1 || !workersAvailable()) return evaluateHere(jobs, period, onContract);
  return evaluateInWorkers(jobs, period, size, onContract);
}
