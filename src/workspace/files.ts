// Workspace: the one file reader (paths -> SourceFiles; I/O failures and invalid UTF-8 as E001,
// oversized files as E004) and file discovery. Contracts, data files and commands all read here.
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { createSourceFile, type SourceFile } from '../diagnostics/source.js';
import { decodeUtf8, positionOfByte } from './utf8.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Max bytes read from one input file (contracts and data are small; hostile input is not). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface ReadResult {
  readonly file?: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

function ioError(path: string, reason: string): Diagnostic {
  return diag('E001', { file: path, start: 0, end: 0 }, { path, reason });
}

/**
 * Read one file as UTF-8 text (BOM stripped). The reads are synchronous on purpose: callers read
 * files one after another, and for many small files each promise-based read (open, stat, read,
 * close on the thread pool) left the process idle about a third of the time.
 */
export function readSource(path: string, maxBytes = MAX_FILE_BYTES): Promise<ReadResult> {
  return Promise.resolve(readSourceSync(path, maxBytes));
}

/**
 * readSource without the promise, for loops that run in one synchronous stretch (worker threads).
 * Not a regular file or unreadable: E001 at offset 0 of the path. Not valid UTF-8: E001 at the
 * first bad byte (its byte offset in the message, its line and column in `data`). Larger than `maxBytes`: E004, and the file is not read.
 */
export function readSourceSync(path: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  try {
    const info = statSync(path);
    if (!info.isFile()) return { diagnostics: [ioError(path, info.isDirectory() ? 'it is a directory' : 'not a regular file')] };
    if (info.size > maxBytes) {
      return { diagnostics: [diag('E004', { file: path, start: 0, end: 0 }, { reason: `file is ${info.size} bytes; the limit is ${maxBytes}` }, { data: { limit: 'size' } })] };
    }
    const bytes = readFileSync(path);
    const decoded = decodeUtf8(bytes);
    if ('badByte' in decoded) {
      // No SourceFile exists for the file, so the line and column travel in the data (locate.ts reads them).
      const at = positionOfByte(bytes, decoded.badByte);
      const span = { file: path, start: at.offset, end: at.offset };
      return { diagnostics: [diag('E001', span, { path, reason: `not valid UTF-8 text (byte ${decoded.badByte})` }, { data: { byte: decoded.badByte, line: at.line, column: at.column } })] };
    }
    return { file: createSourceFile(path, decoded.text, bytes), diagnostics: [] };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    return { diagnostics: [diag('E001', { file: path, start: 0, end: 0 }, { path, reason }, { data: { errno: code ?? 'unknown' } })] };
  }
}

/**
 * Expand files and directories (recursively) into a sorted list of files with one of the
 * extensions. Explicitly named files are kept whatever their extension. Missing paths -> E001.
 */
export async function expandPaths(paths: readonly string[], extensions: readonly string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    try {
      const info = await stat(p);
      if (info.isDirectory()) {
        for (const f of await walk(p, extensions)) files.add(f);
      } else {
        files.add(p);
      }
    } catch {
      diagnostics.push(ioError(p, 'no such file or directory'));
    }
  }
  return { files: [...files].sort(), diagnostics };
}

async function walk(dir: string, extensions: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) appendAll(out, await walk(full, extensions));
    else if (entry.isFile() && extensions.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(full);
  }
  return out;
}
