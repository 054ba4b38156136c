// `fmt` over files: paths -> formatted files (written atomically) or, with `check`, the list of
// files that would change. Contract files only: metric data files found in directories are skipped.
import { randomUUID } from 'node:crypto';
import { chmod, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { isNotContractFile } from '../data/data-owner.js';
import { expandPaths, readSource } from '../workspace/files.js';
import { formatContract } from './format-contract.js';
import { appendAll } from '../diagnostics/append-all.js';

export interface FormatRun {
  /** Files whose expressions were (or, with `check`, would be) rewritten, in path order. */
  readonly changed: readonly string[];
  /** Why files or expressions were skipped (YAML, schema, expression syntax), and I/O errors. */
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** Contract files looked at. */
  readonly files: number;
}

export interface FormatOptions {
  /** Write nothing; only report which files would change. */
  readonly check: boolean;
}

const WALKED = ['.yaml', '.yml'];

/** Format every contract under `paths` (files, or directories searched for *.yaml / *.yml). */
export async function formatPaths(paths: readonly string[], options: FormatOptions): Promise<FormatRun> {
  const { files, diagnostics: found } = await expandPaths(paths, WALKED);
  const diagnostics: Diagnostic[] = [...found];
  const sources = new Map<string, SourceFile>();
  const changed: string[] = [];
  let count = 0;
  for (const path of files) {
    const read = await readSource(path);
    appendAll(diagnostics, read.diagnostics);
    const file = read.file;
    if (file === undefined || isNotContractFile(file.path, file.text)) continue;
    sources.set(path, file);
    count++;
    const result = formatContract(file);
    appendAll(diagnostics, result.diagnostics);
    if (!result.changed) continue;
    changed.push(path);
    if (options.check) continue;
    const written = await writeAtomically(path, result.text);
    if (written !== undefined) diagnostics.push(written);
  }
  return { changed, diagnostics, sources, files: count };
}

/**
 * Replace `path` by `text` through a temporary file in the same directory and a rename, so a
 * reader never sees half a file. A byte-order mark on the original is kept; so is its mode.
 */
async function writeAtomically(path: string, text: string): Promise<Diagnostic | undefined> {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.fmt.tmp`);
  try {
    const before = await readFile(path, 'utf8');
    const mode = (await stat(path)).mode & 0o7777;
    await writeFile(temp, before.startsWith('\uFEFF') ? `\uFEFF${text}` : text, { encoding: 'utf8', flag: 'wx', mode });
    await chmod(temp, mode);
    await rename(temp, path);
    return undefined;
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    return diag('E001', { file: path, start: 0, end: 0 }, { path, reason: `cannot write: ${(e as Error).message}` });
  }
}
