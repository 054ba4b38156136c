// The manifest written entry by entry is character for character the canonical manifest text
// (renderManifest), for any entries, rows, corrections and sources, empty or not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifest, renderManifest, manifestPieces, type Manifest, type ManifestEntry } from '../../../../src/pipeline/monthly/manifest.js';

const text = fc.string({ unit: 'binary', maxLength: 12 });
const digest = fc.stringMatching(/^[0-9a-f]{64}$/);

const entry: fc.Arbitrary<ManifestEntry> = fc.record({
  contract: text,
  contract_sha256: fc.option(digest, { nil: null }),
  data_sha256: fc.option(digest, { nil: null }),
  inputs_sha256: digest,
  status: fc.constantFrom('ok' as const, 'failed' as const, 'skipped' as const),
  issued: fc.boolean(),
  files: fc.dictionary(text, digest, { maxKeys: 3 }),
  row: fc.record(
    {
      contract: text,
      client: text,
      status: fc.constantFrom('ok' as const, 'failed' as const),
      score: fc.constant('0.5'),
      total: fc.record({ minor: fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), currency: fc.constantFrom('RUB', 'EUR'), digits: fc.integer({ min: 0, max: 3 }) }),
      errors: fc.array(text, { maxLength: 2 }),
    },
    { requiredKeys: ['contract', 'status', 'errors'] },
  ),
  corrections: fc.array(fc.record({ name: text, inputs_sha256: digest, files: fc.dictionary(text, digest, { maxKeys: 2 }) }), { maxLength: 2 }),
});

const manifest: fc.Arbitrary<Manifest> = fc.record(
  {
    period: text,
    finalized: fc.boolean(),
    contracts: fc.array(entry, { maxLength: 5 }),
    sources: fc.record({
      file: text,
      sha256: digest,
      inputs: fc.array(fc.record({ source: text, path: text, sha256: fc.option(digest, { nil: null }), rows: fc.nat() }), { maxLength: 2 }),
      queries: fc.array(fc.string({ maxLength: 30 }), { maxLength: 2 }),
    }),
  },
  { requiredKeys: ['period', 'finalized', 'contracts'] },
);

describe('manifestPieces', () => {
  it('join to renderManifest\'s text, character for character', () => {
    fc.assert(
      fc.property(manifest, (m) => {
        expect([...manifestPieces(m)].join('')).toBe(renderManifest(m));
      }),
      { numRuns: 300 },
    );
  });

  it('read back as the same manifest, one piece per entry', () => {
    const one: ManifestEntry = { contract: 'c-1', contract_sha256: null, data_sha256: null, inputs_sha256: 'ab', status: 'ok', issued: false, files: { 'invoice.json': 'cd' }, row: { contract: 'c-1', status: 'ok', errors: [] }, corrections: [] };
    const m: Manifest = { period: '2026-10', finalized: false, contracts: Array.from({ length: 400 }, (_, i) => ({ ...one, contract: `c-${String(i).padStart(4, '0')}`, row: { ...one.row, client: 'Клиент ✓' } })) };
    const pieces = [...manifestPieces(m)];
    expect(pieces.length).toBe(400 + 3);
    expect(parseManifest(pieces.join(''))?.contracts.length).toBe(400);
    expect(pieces.join('')).toBe(renderManifest(m));
  });
});
