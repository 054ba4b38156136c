// Worker thread of `attain invoice --jobs N`: receives a ContractJob, replies with its outcome.
// Runs only compiled (dist/); see monthly-pool.ts.
import { parentPort } from 'node:worker_threads';
import { evaluateContractJob } from './monthly-run.js';
import type { WorkerReply, WorkerRequest } from './monthly-pool.js';

parentPort?.on('message', (request: WorkerRequest) => {
  const reply: WorkerReply = { index: request.index, outcome: evaluateContractJob(request.job, request.period, request.render) };
  parentPort?.postMessage(reply);
});
