// The run's manifest entries wait in the spool: each comes back as it was set, and the manifest
// written from the book is the canonical text of its entries in id order.
import { describe, expect, it } from 'vitest';
import { entryBook } from '../../../../src/pipeline/monthly/entry-book.js';
import { renderManifest, type ManifestEntry } from '../../../../src/pipeline/monthly/manifest.js';
import { openSpool } from '../../../../src/pipeline/monthly/spool.js';

function entry(id: string, minor: bigint): ManifestEntry {
  return {
    contract: id,
    contract_sha256: 'a'.repeat(64),
    data_sha256: null,
    inputs_sha256: 'b'.repeat(64),
    status: 'ok',
    issued: false,
    files: { 'invoice.json': 'c'.repeat(64), 'report.html': 'd'.repeat(64) },
    row: { contract: id, client: 'Клиент «1»', status: 'ok', score: '0.5', total: { minor, currency: 'RUB', digits: 2 }, currency: 'RUB', errors: [] },
    corrections: [{ name: 'correction-1', inputs_sha256: 'e'.repeat(64), files: { 'correction-1.json': 'f'.repeat(64) } }],
  };
}

describe('entry book', () => {
  it('gives back each entry as set, the latest one per contract, and none once deleted', () => {
    const spool = openSpool();
    try {
      const book = entryBook(spool, [entry('b', 1n)]);
      book.set(entry('a', 123456789012345678901234567890n));
      book.set(entry('b', -5n));
      expect(book.size).toBe(2);
      expect(book.get('a')).toEqual(entry('a', 123456789012345678901234567890n));
      expect(book.get('b')).toEqual(entry('b', -5n));
      book.delete('a');
      expect(book.get('a')).toBeUndefined();
      expect(book.ids()).toEqual(['b']);
    } finally {
      spool.close();
    }
  });

  it('writes the manifest of its entries in code-unit order, as renderManifest does', () => {
    const spool = openSpool();
    try {
      const ids = ['c-10', 'C-2', 'c-1', 'ä', 'b'];
      const book = entryBook(spool, []);
      for (const id of ids) book.set(entry(id, BigInt(id.length)));
      const head = { period: '2026-10', finalized: true, sources: { file: 's.yaml', sha256: 'ab', inputs: [], queries: ['SELECT 1'] } };
      const sorted = [...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      expect([...book.pieces(head)].join('')).toBe(renderManifest({ ...head, contracts: sorted.map((id) => entry(id, BigInt(id.length))) }));
    } finally {
      spool.close();
    }
  });
});
