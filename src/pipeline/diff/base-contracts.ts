// Pipeline for `attain diff`: the contracts at the base -> source files, read either from a
// directory or from git (`git ls-tree` + `git show <rev>:<path>`; no checkout is touched, no shell).
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createSourceFile, type SourceFile } from '../../diagnostics/source.js';
import { expandPaths, readSource } from '../../workspace/files.js';

const run = promisify(execFile);

/** The base's contract files, or why they cannot be read (a usage error). */
export type BaseFiles = { readonly files: readonly SourceFile[] } | { readonly usage: string };

/** Largest contract file read from git (the same limit as the file reader's). */
const MAX_BYTES = 8 * 1024 * 1024;

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() === true;
}

async function git(args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd, maxBuffer: MAX_BYTES * 4, encoding: 'utf8' });
  return stdout;
}

/**
 * Read the contracts of the base. A directory is read as it is (the same walk as `--contracts`).
 * Otherwise `base` is a git revision: the `.yaml`/`.yml` files under `contractsDir` at that
 * revision, named `<rev>:<path from the repository root>`.
 */
export async function readBaseContracts(base: string, contractsDir: string, cwd: string = process.cwd()): Promise<BaseFiles> {
  if (await isDir(base)) {
    const { files } = await expandPaths([base], ['.yaml', '.yml']);
    const out: SourceFile[] = [];
    for (const path of files) {
      const read = await readSource(path);
      if (read.file !== undefined) out.push(read.file);
    }
    return { files: out };
  }
  if (base.startsWith('-')) return { usage: `--base ${base}: not a directory or a git revision` };
  try {
    await git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], cwd);
  } catch {
    return { usage: `--base ${base}: neither a directory nor a git revision of the repository at ${cwd}` };
  }
  let listing: string;
  try {
    listing = await git(['ls-tree', '-r', '-z', '--full-name', '--name-only', base, '--', contractsDir], cwd);
  } catch (e) {
    return { usage: `--base ${base}: cannot list ${contractsDir} (${(e as Error).message.split('\n')[0] ?? ''})` };
  }
  const paths = listing.split('\0').filter((p) => /\.ya?ml$/i.test(p) && !p.split('/').some((part) => part.startsWith('.')));
  const out: SourceFile[] = [];
  for (const path of paths.sort()) {
    // `rev:path` is read relative to the repository root (ls-tree gave full names).
    const text = await git(['show', `${base}:${path}`], cwd);
    out.push(createSourceFile(`${base}:${path}`, text.replace(/^\uFEFF/, '')));
  }
  return { files: out };
}
