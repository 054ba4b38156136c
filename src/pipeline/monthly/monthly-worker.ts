// Worker thread of `attain invoice --jobs N`: set up once (period, documents' options, the run's
// sources), then receives ContractJobs and replies with their outcomes. Runs only compiled (dist/); see monthly-pool.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateContractJob } from './monthly-run.js';
import { workerSetup, type WorkerReply, type WorkerRequest, type WorkerSetup } from './monthly-pool.js';

const setup = workerSetup(workerData as WorkerSetup);

parentPort?.on('message', (request: WorkerRequest) => {
  const reply: WorkerReply = { index: request.index, outcome: evaluateContractJob(request.job, setup.period, setup.render, setup.sourced) };
  parentPort?.postMessage(reply);
});
