// Pipeline for `attain test [paths]`: find the contracts, check them, run their tests.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import { checkContractFile } from '../../check/check-file.js';
import { looksLikeDataFile } from '../../data/data-owner.js';
import { runContractTests, type TestOutcome } from './contract-tests.js';
import { expandPaths, readSource } from '../../workspace/files.js';

export interface TestRun {
  readonly outcomes: readonly TestOutcome[];
  /** Contracts that could not be checked (their tests could not run), and I/O errors. */
  readonly broken: readonly { readonly path: string; readonly diagnostics: readonly Diagnostic[] }[];
  readonly sources: ReadonlyMap<string, SourceFile>;
}

export async function testPaths(paths: readonly string[]): Promise<TestRun> {
  const { files, diagnostics } = await expandPaths(paths, ['.yaml', '.yml']);
  const sources = new Map<string, SourceFile>();
  const outcomes: TestOutcome[] = [];
  const broken: { path: string; diagnostics: readonly Diagnostic[] }[] = diagnostics.map((d) => ({ path: d.span.file, diagnostics: [d] }));
  for (const path of files) {
    const read = await readSource(path);
    if (read.file === undefined) {
      broken.push({ path, diagnostics: read.diagnostics });
      continue;
    }
    if (looksLikeDataFile(path, read.file.text)) continue;
    sources.set(path, read.file);
    const checked = checkContractFile(read.file);
    if (checked.checked === undefined) {
      broken.push({ path, diagnostics: checked.diagnostics });
      continue;
    }
    outcomes.push(...runContractTests(checked.checked));
  }
  return { outcomes, broken, sources };
}
