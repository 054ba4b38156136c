// `npm run bench:lsp`: the language server as an editor sees it, over stdio (`attain lsp --stdio`
// from dist/): on a generated 300-line contract, the time from a change to its diagnostics
// (target 50 ms) and of a completion request (target 20 ms), medians and p95; then the server's
// heap after a full GC (the server runs with --expose-gc) and resident memory every 1 000 of 10 000
// edits (they must stay flat). `--quick`: 1 000 edits.
// Not a test: timings depend on the machine. Prints a Markdown table.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EDITS = process.argv.includes('--quick') ? 1000 : 10000;
const ROUNDS = 200;

/** A contract of about 300 lines: the SPEC example plus generated metrics, defines and KPIs. */
function contract300() {
  const base = readFileSync(`${ROOT}contracts/acme-smm.yaml`, 'utf8');
  const metrics = [];
  const defines = [];
  const kpis = [];
  for (let i = 1; i <= 40; i++) {
    metrics.push(`  visits_${i}: count`, `  answered_${i}: count`);
    defines.push(`  share_${i}: answered_${i} / visits_${i}`);
    kpis.push(`  answers_${i}:`, `    description: Answered share ${i}`, `    target: share_${i} >= 80% and visits_${i} > 10`);
  }
  const text = base
    .replace('metrics:\n', `metrics:\n${metrics.join('\n')}\n`)
    .replace('define:\n', `define:\n${defines.join('\n')}\n`)
    .replace('kpis:\n', `kpis:\n${kpis.join('\n')}\n`);
  return text;
}

const text = contract300();
const lines = text.split('\n');
// --expose-gc: the server collects before answering attain/memory, so heapUsed is what is kept.
const child = spawn(process.execPath, ['--expose-gc', `${ROOT}bin/attain.js`, 'lsp', '--stdio'], { stdio: 'pipe' });
const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const uri = pathToFileURL(`${ROOT}bench/results/lsp-bench.yaml`).href;
const waiting = new Map();
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  const w = waiting.get(p.version);
  if (w !== undefined) {
    waiting.delete(p.version);
    w(p);
  }
});
conn.listen();
await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
await conn.sendNotification('initialized', {});

let version = 1;
const published = (v) => new Promise((done) => waiting.set(v, done));
const first = published(1);
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
await first;

// Edit: type one character into a KPI target and take it out again (the contract stays clean).
const line = lines.findIndex((l) => l.includes('target: share_20 >= 80%'));
const col = lines[line].indexOf('80%') + 2;
async function edit(insert) {
  version++;
  const v = version;
  const range = insert ? { start: { line, character: col }, end: { line, character: col } } : { start: { line, character: col }, end: { line, character: col + 1 } };
  const got = published(v);
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert ? '5' : '' }] });
  return got;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

// Interleaved, so the three see the same load: a change and its diagnostics, a completion, and as
// the peer a request the server does not know (the JSON-RPC round trip over stdio and nothing else).
const diag = [];
const completion = [];
const roundTrip = [];
const at = { line, character: lines[line].indexOf('share_20') };
for (let i = 0; i < ROUNDS; i++) {
  let t0 = performance.now();
  await edit(i % 2 === 0);
  diag.push(performance.now() - t0);
  t0 = performance.now();
  await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: at });
  completion.push(performance.now() - t0);
  t0 = performance.now();
  await conn.sendRequest('attain/no-such-request').catch(() => undefined);
  roundTrip.push(performance.now() - t0);
}
if (version % 2 === 0) await edit(false);

const MB = (bytes) => bytes / 1024 / 1024;
const memory = [];
const heap = [];
// CPU time the server spends per change (user + system, GC included): unlike wall time it hardly
// depends on what else the machine runs. Measured over the first 1 000 edits, before any forced GC.
const before = await conn.sendRequest('attain/memory');
let cpuPerChange = 0;
for (let i = 1; i <= EDITS; i++) {
  await edit(i % 2 === 1);
  if (i % 1000 === 0) {
    const m = await conn.sendRequest('attain/memory');
    if (i === 1000) cpuPerChange = (m.cpuMicros - before.cpuMicros) / 1000 / 1000;
    memory.push(MB(m.rss));
    heap.push(MB(m.heapUsed));
  }
}

const ratio = (xs) => (median(xs) / median(roundTrip)).toFixed(1);
console.log(`| ${lines.length}-line contract, over stdio | median | p95 | median / round trip | target |`);
console.log('| --- | --- | --- | --- | --- |');
console.log(`| change -> diagnostics | ${median(diag).toFixed(1)} ms | ${p95(diag).toFixed(1)} ms | ${ratio(diag)}x | 50 ms |`);
console.log(`| completion | ${median(completion).toFixed(1)} ms | ${p95(completion).toFixed(1)} ms | ${ratio(completion)}x | 20 ms |`);
console.log(`| peer: an unknown request's round trip | ${median(roundTrip).toFixed(1)} ms | ${p95(roundTrip).toFixed(1)} ms | 1.0x | |`);
console.log(`\nServer CPU per change (a ${lines.length}-line contract analysed and its diagnostics published): ${cpuPerChange.toFixed(1)} ms`);
console.log(`Server heap used after a full GC (MB): before the edits ${MB(before.heapUsed).toFixed(1)}; every 1 000 edits: ${heap.map((m) => m.toFixed(1)).join(', ')}`);
console.log(`Server RSS every 1 000 edits (MB): ${memory.map((m) => m.toFixed(0)).join(', ')}`);
console.log(`Heap growth first to last 1 000: ${(heap.at(-1) - heap[0]).toFixed(1)} MB`);
await conn.sendRequest('shutdown');
await conn.sendNotification('exit');
conn.dispose();
