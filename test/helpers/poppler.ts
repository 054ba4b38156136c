// Test helper: poppler-utils (pdftotext, pdfinfo, pdftoppm) run on PDF bytes, for tests that read
// a PDF as a person would. Absent poppler is said once on stderr; the tests skip with that reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether pdftotext runs here. */
export const POPPLER = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;
if (!POPPLER) console.warn('PDF tests: skipped, pdftotext (poppler-utils) not found (apt-get install poppler-utils to run them)');

function withFile<T>(bytes: Uint8Array, run: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'attain-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, bytes);
    return run(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF (`-layout` keeps columns apart); pages `first..last` when given. */
export function pdfText(bytes: Uint8Array, options: { layout?: boolean; first?: number; last?: number } = {}): string {
  return withFile(bytes, (path) => {
    const args = [...(options.layout === true ? ['-layout'] : []), ...(options.first === undefined ? [] : ['-f', String(options.first)]), ...(options.last === undefined ? [] : ['-l', String(options.last)]), path, '-'];
    const r = spawnSync('pdftotext', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
    return r.stdout;
  });
}

/** `pdfinfo` fields (Pages, Page size, ...). */
export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  return withFile(bytes, (path) => {
    const r = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pdfinfo failed: ${r.stderr}`);
    return Object.fromEntries(r.stdout.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
  });
}

/** The fonts table of `pdffonts`. */
export function pdfFonts(bytes: Uint8Array): string {
  return withFile(bytes, (path) => spawnSync('pdffonts', [path], { encoding: 'utf8' }).stdout);
}
