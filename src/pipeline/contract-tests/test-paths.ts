// Pipeline for `attain test [paths]`: find the contracts, check them, run their tests.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import { checkContractFile } from '../../check/check-file.js';
import { isNotContractFile } from '../../data/data-owner.js';
import { runContractTests, type TestOutcome } from './contract-tests.js';
import { expandPaths, readSource } from '../../workspace/files.js';
import type { Contract } from '../../contract/model.js';
import { groupById, orderVersions } from '../../contract/versions.js';
import type { CheckedContract } from '../../check/checked-contract.js';
import { appendAll } from '../../diagnostics/append-all.js';

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
  const good: { path: string; contract: Contract; checked: CheckedContract }[] = [];
  for (const path of files) {
    const read = await readSource(path);
    if (read.file === undefined) {
      broken.push({ path, diagnostics: read.diagnostics });
      continue;
    }
    if (isNotContractFile(path, read.file.text)) continue;
    sources.set(path, read.file);
    const checked = checkContractFile(read.file);
    if (checked.checked === undefined) {
      broken.push({ path, diagnostics: checked.diagnostics });
      continue;
    }
    good.push({ path, contract: checked.checked.contract, checked: checked.checked });
  }
  // Files sharing an id are versions of one contract: tests of an amendment count periods from
  // the contract's start; versions that do not fit together cannot run their tests.
  const startOf = new Map<string, string>();
  const bad = new Set<string>();
  for (const group of groupById(good).values()) {
    if (group.length < 2) continue;
    const ordered = orderVersions(group);
    for (const v of group) startOf.set(v.path, ordered.value.start);
    for (const d of ordered.diagnostics) {
      bad.add(d.span.file);
      broken.push({ path: d.span.file, diagnostics: [d] });
    }
  }
  for (const g of good) if (!bad.has(g.path)) appendAll(outcomes, runContractTests(g.checked, startOf.get(g.path)));
  return { outcomes, broken, sources };
}
