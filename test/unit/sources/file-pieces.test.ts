// Large exports are streamed in chunks: for any chunk size the rows, their lines and offsets, the
// skipped counts and the findings are those of reading the whole file at once, and the digest is
// the file's (multi-byte UTF-8 split across chunks, quoted line breaks, BOM and CRLF included).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { loadSourcesFile } from '../../../src/sources/load-sources.js';
import { filePieces } from '../../../src/sources/read/file-pieces.js';
import { readTextPieces, readTextSource, type DataRow } from '../../../src/sources/read/text-source.js';

const dir = mkdtempSync(join(tmpdir(), 'attain-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function source(yaml: string) {
  const loaded = loadSourcesFile(createSourceFile('s.yaml', yaml));
  if (loaded.value === undefined) throw new Error(JSON.stringify(loaded.diagnostics));
  return [...loaded.value.sources.values()][0]!;
}

const CASES = [
  {
    name: 'Yandex.Metrica export (BOM, ;, totals row)',
    path: 'examples/sources/exports/metrica/acme-smm-2026-10.csv',
    yaml: 'sources:\n  m: { files: x.csv, preset: yandex-metrica, contract: { value: acme-smm } }\nmetrics:\n  sessions: sum(m.visits)\n',
    needed: ['visits', 'traffic_source', 'date', 'bounce_rate', 'avg_visit_duration'],
  },
  {
    name: 'GA4 export (# preamble, stacked tables)',
    path: 'examples/sources/exports/ga4/volga-community-direct-2026-10.csv',
    yaml: 'sources:\n  g: { files: x.csv, preset: ga4, contract: { value: acme-smm } }\nmetrics:\n  sessions: sum(g.sessions)\n',
    needed: ['sessions', 'date'],
  },
  {
    name: 'CRLF, quoted line breaks, Cyrillic, a bad cell',
    path: join(dir, 'quoted.csv'),
    text: 'Дата,Клиент,Заметка,Визиты\r\n2026-10-01,ООО "Ромашка",12" экран,10\r\n2026-10-02,"ООО ""Ромашка""","две\r\nстроки",20\r\n2026-10-03,x,"ещё,\nодна",много\r\n2026-10-04,y,тест,30',
    yaml: 'sources:\n  s:\n    files: x.csv\n    contract: { column: client }\n    date: day\n    columns: { day: { from: Дата, type: date }, client: { from: Клиент, type: text }, note: { from: Заметка, type: text }, visits: { from: Визиты, type: count } }\nmetrics:\n  v: sum(s.visits)\n',
    needed: ['day', 'client', 'note', 'visits'],
  },
];

function whole(c: (typeof CASES)[number], path: string) {
  const rows: DataRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const read = readTextSource(createSourceFile(path, new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path))), source(c.yaml), new Set(c.needed), (r) => rows.push(r), diagnostics);
  return { rows, diagnostics, skipped: Object.fromEntries(read.skipped), count: read.rows };
}

describe('filePieces + readTextPieces', () => {
  for (const c of CASES) {
    it(`${c.name}: the same as the whole file for chunks of 1 to 64 bytes and 8 MiB`, () => {
      if (c.text !== undefined) writeFileSync(c.path, c.text);
      const expected = whole(c, c.path);
      expect(expected.count).toBeGreaterThan(0);
      const digest = createHash('sha256').update(readFileSync(c.path)).digest('hex');
      for (const size of [1, 2, 3, 5, 7, 13, 64, 8 * 1024 * 1024]) {
        const rows: DataRow[] = [];
        const diagnostics: Diagnostic[] = [];
        const hash = createHash('sha256');
        const read = readTextPieces(c.path, filePieces(c.path, hash, size), source(c.yaml), new Set(c.needed), (r) => rows.push(r), diagnostics);
        expect({ rows, diagnostics, skipped: Object.fromEntries(read.skipped), count: read.rows }, `chunks of ${size} bytes`).toEqual(expected);
        expect(hash.digest('hex')).toBe(digest);
      }
    });
  }

  it('bytes that are not UTF-8 throw a TypeError (E001 in a run), wherever they fall', () => {
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0xe9]), Buffer.from(',3\n')]));
    const s = source('sources:\n  s: { files: x.csv, contract: { value: acme }, columns: { a: text, b: count } }\nmetrics:\n  v: sum(s.b)\n');
    expect(() => readTextPieces(path, filePieces(path, createHash('sha256'), 4), s, new Set(['a', 'b']), () => undefined, [])).toThrow(TypeError);
  });
});
