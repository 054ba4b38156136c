// SPEC 8 (untrusted input can neither crash the process): a data file with hundreds of thousands
// of findings gets every one located, not "internal error: Maximum call stack size exceeded" from
// a spread of the findings into a call's arguments (pipeline/evaluate-contract.ts and others).
// Run in a child process: a worker thread's larger stack would hide the overflow.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROWS = 300_000;

/** Evaluate acme-smm against a CSV of ROWS rows of one period in the main thread of a new node. */
const SCRIPT = `
import { readFileSync } from 'node:fs';
import { createSourceFile } from './dist/src/diagnostics/source.js';
import { evaluateSources } from './dist/src/pipeline/evaluate-contract.js';
const contract = createSourceFile('contracts/acme-smm.yaml', readFileSync('contracts/acme-smm.yaml', 'utf8'));
const csv = createSourceFile('many.csv', 'period,sessions\\n' + '2026-10,1\\n'.repeat(${ROWS}));
const run = evaluateSources(contract, [csv]);
const again = run.diagnostics.filter((d) => d.code === 'E069' && d.span.file === 'many.csv');
console.log(JSON.stringify({ value: run.value !== undefined, again: again.length, last: again.at(-1)?.span.start, expected: csv.text.lastIndexOf('2026-10') }));
`;

describe('a data file with hundreds of thousands of findings', () => {
  it('gets every finding located (300 000 rows of one period: E069 from the second on), no evaluation', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { value: boolean; again: number; last: number; expected: number };
    expect(out.value).toBe(false);
    expect(out.again).toBe(ROWS - 1);
    expect(out.last).toBe(out.expected);
  });
});
