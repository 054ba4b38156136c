import { describe, expect, it } from 'vitest';
import { BUILTINS, roundTo } from '../../../src/language/builtins.js';
import { parseDecimal } from '../../../src/numbers/rational.js';
import type { Rational } from '../../../src/numbers/rational.js';

function r(text: string): Rational {
  const v = parseDecimal(text);
  if (v === undefined) throw new Error(text);
  return v;
}

describe('built-ins', () => {
  it('round is half away from zero; floor and ceil go towards -inf / +inf', () => {
    expect(roundTo(r('2.5'), 0, 'half-away').toString()).toBe('3');
    expect(roundTo(r('-2.5'), 0, 'half-away').toString()).toBe('-3');
    expect(roundTo(r('2.4999'), 0, 'half-away').toString()).toBe('2');
    expect(roundTo(r('0.125'), 2, 'half-away').toString()).toBe('0.13');
    expect(roundTo(r('1250'), -2, 'half-away').toString()).toBe('1300');
    expect(roundTo(r('-1.5'), 0, 'floor').toString()).toBe('-2');
    expect(roundTo(r('-1.5'), 0, 'ceil').toString()).toBe('-1');
    expect(roundTo(r('1.01'), 1, 'ceil').toString()).toBe('1.1');
    expect(roundTo(r('7'), 0, 'floor').toString()).toBe('7');
  });

  it('is an immutable table with a doc line for every entry', () => {
    const names = [...BUILTINS.keys()];
    for (const n of ['min', 'max', 'clamp', 'abs', 'round', 'floor', 'ceil', 'previous', 'growth', 'attainment', 'share', 'engagement', 'er', 'err', 'love_rate', 'talk_rate', 'amplification_rate', 'ctr', 'cpc', 'cpl', 'cpa', 'cpo', 'cpv', 'cpm', 'response_rate', 'net_growth']) {
      expect(names).toContain(n);
    }
    for (const b of BUILTINS.values()) {
      expect(b.doc.startsWith(`${b.name}(`)).toBe(true);
      expect(Object.isFrozen(b)).toBe(true);
    }
  });
});
