import { describe, expect, it } from 'vitest';
import { loadContract } from '../../../src/contract/load-contract.js';
import type { Contract, ExprText } from '../../../src/contract/model.js';
import { originOffset } from '../../../src/diagnostics/source.js';
import { fixture, source } from './helpers.js';

const JUNK = ['[', ']', '{', '}', ':', '-', '&a ', '*a', '"', "'", '\n', '  ', '|', '>', '#', '!', '? ', ',', '\\', '__proto__', '%', '\t', '\r\n'];

function expressions(c: Contract): ExprText[] {
  const out: ExprText[] = [];
  for (const k of c.kpis.values()) out.push(...[k.target, k.weight, k.cap, k.attainment].filter((e) => e !== undefined));
  for (const d of c.defines.values()) out.push(d.expr);
  for (const p of c.payments) {
    out.push(...[p.when, p.min, p.max].filter((e) => e !== undefined));
    if (p.pricing.form === 'amount') out.push(p.pricing.amount);
    else out.push(p.pricing.quantity);
  }
  return out;
}

describe('robustness on mutated contracts', () => {
  it('never throws; spans and expression origins stay inside the file', () => {
    const base = fixture('acme-smm.yaml').text;
    let seed = 42; // fixed: deterministic
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 500; k++) {
      let t = base;
      for (let m = 0; m < 1 + rnd(4); m++) {
        const pos = rnd(t.length);
        t = rnd(2) ? t.slice(0, pos) + (JUNK[rnd(JUNK.length)] ?? '') + t.slice(pos) : t.slice(0, pos) + t.slice(pos + 1 + rnd(5));
      }
      const r = loadContract(source(t));
      for (const d of r.diagnostics) {
        expect(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= t.length).toBe(true);
      }
      if (r.value === undefined) continue;
      for (const e of expressions(r.value)) {
        expect(e.origin.map === undefined || e.origin.map.length === e.text.length + 1).toBe(true);
        for (let i = 0; i < e.text.length; i++) {
          const o = originOffset(e.origin, i);
          expect(o >= e.span.start && o <= e.span.end).toBe(true);
        }
      }
    }
  });
});
