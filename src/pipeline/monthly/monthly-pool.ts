// Pipeline for `attain invoice`: evaluate the contracts of a run, in this thread or in a pool of
// worker threads (`--jobs N`), as a stream of outcomes the run writes (and forgets) one by one.
import { existsSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { heldJob, type ContractJob } from './monthly-inputs.js';
import { evaluateContractJob, type ContractOutcome, type DocumentRenderOptions, type SourcedRun } from './monthly-run.js';
import { sourcedRunFromWire, sourcedRunToWire, type SourcedRunWire } from './sourced-wire.js';

/** The compiled worker module; absent when running from TypeScript sources (tests). */
const WORKER_URL = new URL('./monthly-worker.js', import.meta.url);

/** Whether `--jobs N` > 1 can use worker threads here (the compiled worker exists). */
export function workersAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/** What every worker of a run is started with: the period, the documents' options, the run's sources. */
export interface WorkerSetup {
  readonly period: string;
  readonly render: DocumentRenderOptions;
  readonly sourced?: SourcedRunWire;
}

/** Messages between the pool and a worker: a job by index, and its outcome. */
export interface WorkerRequest {
  readonly index: number;
  readonly job: ContractJob;
}
export interface WorkerReply {
  readonly index: number;
  readonly outcome: ContractOutcome;
}

/** A job and its outcome (the job, for the files its findings point at, until the outcome is written). */
export interface Evaluated {
  readonly job: ContractJob;
  readonly outcome: ContractOutcome;
}

/**
 * Evaluate the jobs here, one after the other. Each job's slot is emptied when it is taken, so a
 * contract's inputs are garbage once its outcome is written. After each contract the event loop
 * gets a turn, so the writes of the contracts before it progress while the next one is evaluated.
 */
async function* evaluateHere(jobs: (ContractJob | undefined)[], period: string, render: DocumentRenderOptions, sourced: SourcedRun | undefined): AsyncGenerator<Evaluated> {
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as ContractJob;
    jobs[i] = undefined;
    yield { job, outcome: evaluateContractJob(job, period, render, sourced) };
    await nextTurn();
  }
}

/**
 * Evaluate the jobs in `size` worker threads, yielding outcomes in completion order. A worker is
 * given its next job only while fewer than `size` outcomes wait to be taken: when writing lags,
 * the workers wait too (memory stays bounded).
 */
async function* evaluateInWorkers(jobs: (ContractJob | undefined)[], setup: WorkerSetup, size: number): AsyncGenerator<Evaluated> {
  const ready: Evaluated[] = [];
  const sent = new Map<number, ContractJob>();
  const idle: Worker[] = [];
  let next = 0;
  let received = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };
  const workers = Array.from({ length: Math.min(size, jobs.length) }, () => new Worker(WORKER_URL, { workerData: setup }));
  const feed = (worker: Worker): void => {
    const job = jobs[next];
    if (job === undefined || ready.length >= size) {
      idle.push(worker);
      return;
    }
    jobs[next] = undefined;
    sent.set(next, job);
    // Posted held: the spooled texts and parse results are read here, the clone sees plain data.
    const request: WorkerRequest = { index: next++, job: heldJob(job) };
    worker.postMessage(request);
  };
  for (const worker of workers) {
    worker.on('message', (reply: WorkerReply) => {
      ready.push({ job: sent.get(reply.index) as ContractJob, outcome: reply.outcome });
      sent.delete(reply.index);
      received++;
      feed(worker);
      signal();
    });
    worker.on('error', (e) => {
      failure ??= e;
      signal();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`worker exited with code ${code}`);
      signal();
    });
    feed(worker);
  }
  try {
    while (received < jobs.length || ready.length > 0) {
      if (failure !== undefined) throw failure;
      const evaluated = ready.shift();
      if (evaluated === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      yield evaluated;
      for (const w of idle.splice(0)) feed(w);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Evaluate every job for `period`, as outcomes arrive. With `size` > 1 and the compiled worker
 * available, up to `size` contracts are evaluated at once in worker threads (with or without
 * sources: the aggregated sources go to each worker once); otherwise one after the other here.
 * Evaluation is pure, so both give the same outcomes; the order is job order here, completion
 * order with workers. `jobs` is consumed: its slots are emptied as jobs are taken.
 */
export function evaluateStream(jobs: (ContractJob | undefined)[], period: string, size: number, render: DocumentRenderOptions = {}, sourced?: SourcedRun): AsyncGenerator<Evaluated> {
  if (size <= 1 || jobs.length <= 1 || !workersAvailable()) return evaluateHere(jobs, period, render, sourced);
  return evaluateInWorkers(jobs, { period, render, ...(sourced === undefined ? {} : { sourced: sourcedRunToWire(sourced) }) }, size);
}

/** The worker's side of WorkerSetup. */
export function workerSetup(setup: WorkerSetup): { period: string; render: DocumentRenderOptions; sourced?: SourcedRun } {
  return { period: setup.period, render: setup.render, ...(setup.sourced === undefined ? {} : { sourced: sourcedRunFromWire(setup.sourced) }) };
}
