// Pipeline for `attain invoice`, the output directory: safety checks (no symlinks, no overlap with
// the inputs), recovery of an interrupted run, the manifest and the summary (bytes -> disk).
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NODE_FS_UNFLUSHED, writeFileAtomic, writeTextAtomic } from '../../workspace/atomic-write.js';
import { renderSummaryXlsx } from '../../report/xlsx/summary-xlsx.js';
import { LOCK_FILE } from '../../workspace/lock.js';
import { makeDirectories } from '../../workspace/make-directories.js';
import { findSymlinks, isInside } from '../../workspace/path-safety.js';
import { renderSummaryCsv, renderSummaryJson, type RunSummary } from '../../report/summary.js';
import { writeTextWith, type OutputWriter } from './contract-state.js';
import { JOURNAL_FILE, clearJournal, removeLeftovers, replayJournal, type Journal } from './journal.js';
import { MANIFEST_FILE, manifestPieces, parseManifest, type Manifest } from './manifest.js';

export { MANIFEST_FILE, renderManifest, type Manifest, type ManifestEntry } from './manifest.js';
export type { OutputWriter } from './contract-state.js';

export const SUMMARY_FILES = ['summary.csv', 'summary.json', 'summary.xlsx'] as const;

export const ATOMIC_WRITER: OutputWriter = { writeFile: (path, content) => writeFileAtomic(path, content), writeText: writeTextAtomic };

/** For a contract's stage files and corrections: atomic, flushed by the manifest checkpoint's sync. */
export const STAGE_WRITER: OutputWriter = { writeFile: (path, content) => writeFileAtomic(path, content, NODE_FS_UNFLUSHED) };

/**
 * Why `out` cannot be used with these inputs, or undefined. The run never reads its own output:
 * an `--out` inside `--contracts` or `--data` (or the reverse) is refused rather than excluded,
 * because excluding it would silently depend on where the user pointed the flags.
 */
export async function overlapProblem(out: string, inputs: readonly { readonly flag: string; readonly path: string }[]): Promise<string | undefined> {
  for (const { flag, path } of inputs) {
    if (await isInside(out, path)) return `--out ${out} is inside ${flag} ${path}: the run would read its own output as input; choose an --out outside ${flag}`;
    if (await isInside(path, out)) return `${flag} ${path} is inside --out ${out}: the run would write over its own input; choose an --out elsewhere`;
  }
  return undefined;
}

/** `out` must be a real directory (not a symlink) or not exist; it is created. */
export async function ensureOutDir(out: string): Promise<string | undefined> {
  const info = await lstat(out).catch(() => undefined);
  if (info?.isSymbolicLink() === true) return `--out ${out} is a symbolic link; attain writes only into a real directory (use the link's target)`;
  if (info !== undefined && !info.isDirectory()) return `--out ${out} exists and is not a directory`;
  await makeDirectories(out);
  return undefined;
}

/** What the directory held when the run started (after recovery). */
export type OutputState =
  | { readonly kind: 'ok'; readonly manifest?: Manifest; readonly foreign: boolean }
  | { readonly kind: 'refuse'; readonly message: string };

/**
 * Inspect `out` under the lock: refuse symlinks anywhere in it (a write through one would land
 * outside), replay an interrupted run's journal (each contract back to its old or on to its new
 * complete state; the manifest then matches the disk) and remove its leftovers. `foreign`: the
 * directory holds files but no manifest.
 */
export async function openOutput(out: string, writer: OutputWriter): Promise<OutputState> {
  const links = await findSymlinks(out, 3);
  if (links.length > 0) return { kind: 'refuse', message: `--out ${out} holds symbolic links (${links.slice(0, 3).join(', ')}${links.length > 3 ? ', ...' : ''}); attain follows no link out of its output directory: remove them` };
  const text = await readFile(join(out, MANIFEST_FILE), 'utf8').catch(() => undefined);
  const parsed = text === undefined ? undefined : parseManifest(text);
  const names = (await readdir(out)).filter((n) => n !== LOCK_FILE);
  if (text !== undefined && parsed === undefined) return { kind: 'ok', foreign: true };
  if (names.includes(JOURNAL_FILE)) {
    const base = parsed ?? { period: '', finalized: false, contracts: [] };
    const { manifest } = await replayJournal(out, base, false);
    if (manifest.contracts.length > 0 || parsed !== undefined) await writeTextWith(writer, join(out, MANIFEST_FILE), manifestPieces(manifest));
    await clearJournal(out);
    await removeLeftovers(out, manifest.contracts.map((c) => c.contract));
    return manifest.period === '' && manifest.contracts.length === 0 ? { kind: 'ok', foreign: false } : { kind: 'ok', manifest, foreign: false };
  }
  await removeLeftovers(out, parsed?.contracts.map((c) => c.contract) ?? []);
  const rest = (await readdir(out)).filter((n) => n !== LOCK_FILE);
  if (parsed === undefined) return { kind: 'ok', foreign: rest.length > 0 };
  return { kind: 'ok', manifest: parsed, foreign: false };
}

/**
 * Write the manifest (atomically; given whole or as its text in pieces) and then drop the journal it now includes. The caller has let
 * every announced change finish first: a change announced but not yet made must keep its line.
 */
export async function checkpoint(out: string, manifest: Manifest | Iterable<string>, writer: OutputWriter, journal: Journal): Promise<void> {
  await writeTextWith(writer, join(out, MANIFEST_FILE), 'period' in manifest ? manifestPieces(manifest) : manifest);
  await journal.clear();
}

/** The run's summary files, each atomic. */
export async function writeSummary(out: string, summary: RunSummary, writer: OutputWriter): Promise<void> {
  await writeTextWith(writer, join(out, 'summary.csv'), [renderSummaryCsv(summary)]);
  await writeTextWith(writer, join(out, 'summary.json'), [renderSummaryJson(summary)]);
  await writer.writeFile(join(out, 'summary.xlsx'), renderSummaryXlsx(summary));
}
