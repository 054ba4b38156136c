// Findings in a streamed export far above the file reader's usual 8 MiB limit are still placed at
// their line and column: the file is read back whole only to render them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceFile } from '../../../src/diagnostics/source.js';
import { createSourceFile, lineColAt } from '../../../src/diagnostics/source.js';
import { checkContractFile } from '../../../src/check/check-file.js';
import { addLocatedFiles } from '../../../src/pipeline/evaluate-sourced.js';
import { LAZY_ENGINES } from '../../../src/sources/engines/lazy.js';
import { loadSourcesFile } from '../../../src/sources/load-sources.js';
import { runSources } from '../../../src/sources/run.js';

const dir = mkdtempSync(join(tmpdir(), 'attain-located-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('addLocatedFiles', () => {
  it('places a bad cell on line 300 002 of a 9 MiB export', async () => {
    const lines = ['day,client,leads'];
    for (let i = 0; i < 300_000; i++) lines.push(`2026-10-${String((i % 28) + 1).padStart(2, '0')},acme,${i % 10}`);
    lines.push('2026-10-29,acme,many');
    const path = join(dir, 'big.csv');
    writeFileSync(path, `${lines.join('\n')}\n`.padEnd(9 * 1024 * 1024, '\n'));
    const yaml = `sources:\n  crm:\n    files: ${path}\n    contract: { column: client }\n    date: day\n    columns: { day: date, client: text, leads: count }\nmetrics:\n  leads: sum(crm.leads)\n`;
    const sources = loadSourcesFile(createSourceFile(join(dir, 's.yaml'), yaml)).value!;
    const contract = checkContractFile(createSourceFile('acme.yaml', 'contract: acme\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\nkpis:\n  k: { target: leads >= 0 }\n')).checked!.contract;
    const result = await runSources({ sources, contracts: [contract] }, LAZY_ENGINES);
    const found = result.failed.get('acme') ?? [];
    expect(found.map((d) => d.code)).toEqual(['E095']);
    const files = new Map<string, SourceFile>();
    await addLocatedFiles(found, files);
    const file = files.get(found[0]!.span.file)!;
    expect(lineColAt(file, found[0]!.span.start)).toEqual({ line: 300_002, column: 17 });
  });
});
