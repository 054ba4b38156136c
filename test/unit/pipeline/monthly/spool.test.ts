// The run spool gives back exactly what was put: bytes, and strings of any length and content
// (lone surrogates included) through its one scratch buffer, records interleaved.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSpool } from '../../../../src/pipeline/monthly/spool.js';

describe('run spool', () => {
  it('gives back every string and byte record as put, in any order and size', () => {
    const spool = openSpool();
    try {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ minLength: 20_000, maxLength: 20_100 }), fc.uint8Array({ maxLength: 300 })), { maxLength: 20 }), (records) => {
          const refs = records.map((r) => (typeof r === 'string' ? spool.putText(r) : spool.put(r)));
          [...records.keys()].reverse().forEach((i) => {
            const r = records[i];
            const ref = refs[i];
            if (ref === undefined) throw new Error('no ref');
            if (typeof r === 'string') expect(spool.getText(ref)).toBe(r);
            else expect(spool.get(ref)).toEqual(r);
          });
        }),
        { numRuns: 20 },
      );
    } finally {
      spool.close();
    }
  });

  it('refuses reads once closed', () => {
    const spool = openSpool();
    const ref = spool.putText('x');
    spool.close();
    expect(() => spool.getText(ref)).toThrow(/closed/);
  });
});
