// Worker thread of `attain validate` (validate-pool.ts): takes chunks of files from the shared
// counter until none is left and replies with their outcomes. Runs only compiled (dist/). Loads
// only what validating one file needs (no CLI, renderers or data loaders).
import { parentPort, workerData } from 'node:worker_threads';
import { CHUNK, takeChunk, type ValidateWorkerData, type ValidateWorkerReply } from './validate-pool.js';
import { validateFile, type FileOutcome } from './validate-file.js';

const { paths, named, counter } = workerData as ValidateWorkerData;
const shared = new Int32Array(counter);
for (let start = takeChunk(shared); start < paths.length; start = takeChunk(shared)) {
  const outcomes: FileOutcome[] = [];
  for (let i = start; i < Math.min(paths.length, start + CHUNK); i++) outcomes.push(validateFile(paths[i] as string, named[i] === true));
  const reply: ValidateWorkerReply = { start, outcomes };
  parentPort?.postMessage(reply);
}
