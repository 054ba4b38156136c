// Pipeline for `attain invoice`, one contract's files -> disk, all or nothing: new files are
// written in a stage directory, the change is announced in the journal, then the stage replaces
// the contract's directory by two renames (old aside, stage in). Corrections are new files only.
import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ASIDE_PREFIX, STAGE_PREFIX, sha256, type Journal } from './journal.js';
import type { ManifestEntry } from './manifest.js';
import { makeDirectories } from '../../workspace/make-directories.js';

/** How files are written; injectable so tests can interrupt a run midway. */
export interface OutputWriter {
  readonly writeFile: (path: string, content: string | Uint8Array) => Promise<void>;
  /**
   * The same for text given in pieces, written as they come (the manifest, the summaries);
   * absent: the pieces are joined and given to `writeFile`.
   */
  readonly writeText?: (path: string, pieces: Iterable<string>) => Promise<void>;
}

/** Write text in pieces with the writer's `writeText`, or joined with its `writeFile`. */
export function writeTextWith(writer: OutputWriter, path: string, pieces: Iterable<string>): Promise<void> {
  return writer.writeText === undefined ? writer.writeFile(path, [...pieces].join('')) : writer.writeText(path, pieces);
}

function suffix(): string {
  return randomBytes(6).toString('hex');
}

/** File name -> sha-256 of the content, in the given order. */
export function digestFiles(files: readonly { readonly name: string; readonly content: string | Uint8Array }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) out[f.name] = sha256(f.content);
  return out;
}

/**
 * Make `<out>/<id>/` hold exactly `files` (none: remove the directory), announced in the journal
 * with the manifest entry that describes the result. A failure while writing the stage leaves the
 * contract as it was (the stage is removed) and is rethrown.
 */
export async function replaceContract(out: string, id: string, files: readonly { readonly name: string; readonly content: string | Uint8Array }[], entry: ManifestEntry | undefined, writer: OutputWriter, journal: Journal): Promise<void> {
  const dir = join(out, id);
  const present = (await lstat(dir).catch(() => undefined)) !== undefined;
  if (files.length === 0 && !present) return;
  let stage: string | null = null;
  if (files.length > 0) {
    stage = `${STAGE_PREFIX}${id}-${suffix()}`;
    const stageDir = join(out, stage);
    await mkdir(stageDir);
    // The files of one stage are written at once (started in order); all settle before a failure is acted on.
    const writes = await Promise.allSettled(files.map((f) => writer.writeFile(join(stageDir, f.name), f.content)));
    const failure = writes.find((w): w is PromiseRejectedResult => w.status === 'rejected');
    if (failure !== undefined) {
      await rm(stageDir, { recursive: true, force: true }).catch(() => undefined);
      throw failure.reason;
    }
  }
  const aside = `${ASIDE_PREFIX}${id}-${suffix()}`;
  await journal.announce({ op: 'swap', id, stage, aside, ...(entry === undefined ? {} : { entry }) });
  // The two renames run back to back, synchronously: with contracts evaluated while others are
  // written, an await between them would leave the contract without its directory for as long
  // as the next evaluation takes (a kill then finds neither the old nor the new directory).
  if (present) renameSync(dir, join(out, aside));
  if (stage !== null) renameSync(join(out, stage), dir);
  if (present) await rm(join(out, aside), { recursive: true, force: true });
}

/**
 * Add a correction's files to `<out>/<id>/corrections/` (new names only, never over a file),
 * announced in the journal with the entry that lists it. Each file is written atomically.
 */
export async function addCorrection(out: string, id: string, files: readonly { readonly name: string; readonly content: string | Uint8Array }[], entry: ManifestEntry, writer: OutputWriter, journal: Journal): Promise<void> {
  const folder = join(out, id, 'corrections');
  await makeDirectories(folder);
  for (const f of files) {
    if ((await lstat(join(folder, f.name)).catch(() => undefined)) !== undefined) throw new Error(`${join(folder, f.name)} already exists; an issued document is never replaced`);
  }
  await journal.announce({ op: 'correction', id, files: digestFiles(files), entry });
  for (const f of files) await writer.writeFile(join(folder, f.name), f.content);
}
