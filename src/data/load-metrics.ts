// Data stage entry: metric data files -> RawDataSet (untyped values with spans), dispatching on
// the file extension. Typing against a contract happens later, in bind.ts.
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { readSourceSync } from '../workspace/files.js';
import { loadCsvData } from './csv-data.js';
import type { RawDataSet } from './metric-data.js';
import { loadYamlData } from './yaml-data.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Extensions read as metric data (lower case, with the dot). */
export const DATA_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json', '.csv'];

/** Largest data file read from disk, in bytes. */
export const MAX_DATA_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Read one metric data file: `.yaml`/`.yml`/`.json` (JSON is read as YAML) or `.csv`.
 * Values stay raw text with spans; an unsupported extension is E001.
 */
export function loadMetricFile(file: SourceFile): StageResult<RawDataSet> {
  const ext = extname(file.path).toLowerCase();
  if (ext === '.csv') return loadCsvData(file);
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') return loadYamlData(file);
  const reason = 'not a metric data file (expected .yaml, .yml, .json or .csv)';
  const hint =
    ext === '.tsv'
      ? 'the columns of a .tsv file are separated by tabs, not commas: re-save it as comma-separated CSV, or read the export through a sources.yaml with format: { delimiter: "\\t" }'
      : undefined;
  return { diagnostics: [diag('E001', { file: file.path, start: 0, end: 0 }, { path: file.path, reason }, hint === undefined ? {} : { hint })] };
}

/**
 * Read a data file, or every data file under a directory (recursively, sorted by path; names
 * starting with `.` are skipped, symbolic links to directories are not followed). I/O errors are
 * E001. The value lists the files that could be read as data, in path order.
 */
export async function readMetricPath(path: string): Promise<StageResult<RawDataSet[]>> {
  const diagnostics: Diagnostic[] = [];
  const files = await listDataFiles(path, diagnostics);
  const sets: RawDataSet[] = [];
  for (const p of files) {
    const file = readDataFile(p, diagnostics);
    if (file === undefined) continue;
    const loaded = loadMetricFile(file);
    appendAll(diagnostics, loaded.diagnostics);
    if (loaded.value !== undefined) sets.push(loaded.value);
  }
  return { value: sets, diagnostics };
}

function ioError(path: string, reason: string): Diagnostic {
  return diag('E001', { file: path, start: 0, end: 0 }, { path, reason });
}

function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

async function listDataFiles(path: string, diagnostics: Diagnostic[]): Promise<string[]> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return [path];
    return await walk(path);
  } catch (e) {
    diagnostics.push(ioError(path, reasonOf(e)));
    return [];
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  // Code-unit order, not locale order: the same tree lists the same way on every machine.
  const names = entries.map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const entry = entries.find((e) => e.name === name);
    if (entry === undefined || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (entry.isDirectory()) appendAll(out, await walk(full));
    else if (DATA_EXTENSIONS.includes(extname(name).toLowerCase()) && (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full))))) {
      out.push(full);
    }
  }
  return out;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function readDataFile(path: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const read = readSourceSync(path, MAX_DATA_FILE_BYTES);
  appendAll(diagnostics, read.diagnostics);
  return read.file;
}
