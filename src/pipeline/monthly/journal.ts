// Pipeline for `attain invoice`, crash safety: every change to a contract's files is announced in
// a journal (JSON lines) before it is made; recovery replays the journal onto the manifest, keeping
// each change that is complete on disk and undoing each that is not (decided by file digests).
import { createHash } from 'node:crypto';
import { lstat, open, readdir, readFile, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_PREFIX } from '../../workspace/atomic-write.js';
import { entryFromJson, entryToJson, withEntry, withoutEntry, type Manifest, type ManifestEntry } from './manifest.js';

export const JOURNAL_FILE = '.attain-journal';
/** A contract's new files are written under `<out>/.attain-stage-<id>-<random>/` first. */
export const STAGE_PREFIX = '.attain-stage-';
/** A contract's old directory is moved to `<out>/.attain-old-<id>-<random>/` while it is replaced. */
export const ASIDE_PREFIX = '.attain-old-';

/** One announced change. `entry` undefined: the contract leaves the manifest. */
export type JournalOp =
  | { readonly op: 'swap'; readonly id: string; readonly stage: string | null; readonly aside: string; readonly entry?: ManifestEntry }
  | { readonly op: 'correction'; readonly id: string; readonly files: Readonly<Record<string, string>>; readonly entry: ManifestEntry };

export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The journal of one run's output directory, open for appending. */
export interface Journal {
  /**
   * Append one op before the change it announces is made; resolves once the line is on disk
   * (written and flushed), so neither a killed process nor a power cut leaves a change without its line.
   */
  readonly announce: (op: JournalOp) => Promise<void>;
  /** Close and remove the journal (once the manifest it was replayed onto is on disk); later ops start a new one. */
  readonly clear: () => Promise<void>;
  readonly close: () => Promise<void>;
}

function opLine(op: JournalOp): string {
  const json = op.op === 'swap' ? { ...op, entry: op.entry === undefined ? null : entryToJson(op.entry) } : { ...op, entry: entryToJson(op.entry) };
  return JSON.stringify(json) + '\n';
}

/**
 * The journal of `out`. Group commit: lines announced while a flush is under way wait for the
 * next one, which writes them all and flushes once. Each announce still resolves only after its
 * own line is flushed, so the guarantee is per line; contracts committed at once share the flush.
 */
export function openJournal(out: string): Journal {
  const path = join(out, JOURNAL_FILE);
  let handle: FileHandle | undefined;
  let waiting: { readonly line: string; readonly done: (e?: unknown) => void }[] = [];
  let flushing: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        handle ??= await open(path, 'a', 0o644);
        await handle.writeFile(batch.map((w) => w.line).join(''), 'utf8');
        await handle.datasync();
        for (const w of batch) w.done();
      } catch (e) {
        for (const w of batch) w.done(e);
      }
    }
    flushing = undefined;
  };
  const close = async (): Promise<void> => {
    await flushing;
    const h = handle;
    handle = undefined;
    await h?.close();
  };
  return {
    announce: (op) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ line: opLine(op), done: (e) => (e === undefined ? resolve() : reject(e instanceof Error ? e : new Error(String(e)))) });
        flushing ??= flush();
      }),
    clear: async () => {
      await close();
      await clearJournal(out);
    },
    close,
  };
}

async function readOps(out: string): Promise<JournalOp[] | undefined> {
  const text = await readFile(join(out, JOURNAL_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const ops: JournalOp[] = [];
  // A line cut short by a kill was never acted on (the change follows the flushed line): skip it.
  for (const line of text.split('\n')) {
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const entry = typeof v['entry'] === 'object' && v['entry'] !== null ? entryFromJson(v['entry'] as Record<string, unknown>) : undefined;
    if (typeof v['id'] !== 'string') continue;
    if (v['op'] === 'swap' && typeof v['aside'] === 'string') {
      ops.push({ op: 'swap', id: v['id'], stage: typeof v['stage'] === 'string' ? v['stage'] : null, aside: v['aside'], ...(entry === undefined ? {} : { entry }) });
    } else if (v['op'] === 'correction' && entry !== undefined && typeof v['files'] === 'object' && v['files'] !== null) {
      ops.push({ op: 'correction', id: v['id'], files: v['files'] as Record<string, string>, entry });
    }
  }
  return ops;
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined;
}

/** Whether `dir` holds exactly `files` (name -> digest) besides its corrections/ folder. */
export async function holdsExactly(dir: string, files: Readonly<Record<string, string>>): Promise<boolean> {
  const names = await readdir(dir).catch(() => undefined);
  if (names === undefined) return Object.keys(files).length === 0;
  const own = names.filter((n) => n !== 'corrections').sort();
  const want = Object.keys(files).sort();
  if (own.length !== want.length || own.some((n, i) => n !== want[i])) return false;
  for (const n of want) {
    const bytes = await readFile(join(dir, n)).catch(() => undefined);
    if (bytes === undefined || sha256(bytes) !== files[n]) return false;
  }
  return true;
}

async function filesMatch(dir: string, files: Readonly<Record<string, string>>): Promise<boolean> {
  for (const [n, digest] of Object.entries(files)) {
    const bytes = await readFile(join(dir, n)).catch(() => undefined);
    if (bytes === undefined || sha256(bytes) !== digest) return false;
  }
  return true;
}

/**
 * Replay the journal onto `manifest`. A swap counts when the contract's directory holds exactly
 * the new files (a removal: when the directory is gone); otherwise the old directory is put back.
 * A correction counts when all its files are there with their digests; otherwise its partial files
 * are removed. With `dryRun` nothing on disk changes: the result is what recovery would leave.
 */
export async function replayJournal(out: string, manifest: Manifest, dryRun: boolean): Promise<{ manifest: Manifest; replayed: boolean }> {
  const ops = await readOps(out);
  if (ops === undefined) return { manifest, replayed: false };
  let m = manifest;
  for (const op of ops) {
    const dir = join(out, op.id);
    if (op.op === 'swap') {
      const done = op.stage === null ? !(await exists(dir)) : await holdsExactly(dir, op.entry?.files ?? {});
      if (done) {
        m = op.entry === undefined ? withoutEntry(m, op.id) : withEntry(m, op.entry);
        if (!dryRun) await rm(join(out, op.aside), { recursive: true, force: true });
      } else if (!dryRun) {
        if (!(await exists(dir)) && (await exists(join(out, op.aside)))) await rename(join(out, op.aside), dir);
      }
      if (!dryRun && op.stage !== null) await rm(join(out, op.stage), { recursive: true, force: true });
    } else {
      const folder = join(dir, 'corrections');
      if (await filesMatch(folder, op.files)) m = withEntry(m, op.entry);
      else if (!dryRun) for (const n of Object.keys(op.files)) await rm(join(folder, n), { force: true });
    }
  }
  return { manifest: m, replayed: true };
}

/** Remove the journal once the manifest it was replayed onto is on disk. */
export async function clearJournal(out: string): Promise<void> {
  await unlink(join(out, JOURNAL_FILE)).catch(() => undefined);
}

/** Remove what an interrupted run can leave besides the journal: stage and aside directories, temp files. */
export async function removeLeftovers(out: string, ids: readonly string[]): Promise<void> {
  for (const name of await readdir(out).catch(() => [] as string[])) {
    if (name.startsWith(STAGE_PREFIX) || name.startsWith(ASIDE_PREFIX) || name.startsWith(TEMP_PREFIX)) await rm(join(out, name), { recursive: true, force: true });
  }
  for (const id of ids) {
    const folder = join(out, id, 'corrections');
    for (const name of await readdir(folder).catch(() => [] as string[])) if (name.startsWith(TEMP_PREFIX)) await rm(join(folder, name), { force: true });
  }
}
