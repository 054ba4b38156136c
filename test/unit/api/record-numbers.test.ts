// src/api/record-numbers.ts: a record of plain numbers -> the values typing would give (each the
// exact reading of its shortest decimal), or undefined when typing is needed.
import { describe, expect, it } from 'vitest';
import { ANY, COUNT, NON_NEGATIVE, PERCENT, type ReadPlan } from '../../../src/api/record-admit.js';
import { typedNumbers } from '../../../src/api/record-numbers.js';
import { toDecimalString } from '../../../src/numbers/rational.js';

const span = { file: 'record', start: 0, end: 0 };
const plan: ReadPlan = { names: ['n', 'd', 'p', 'x'], offsets: [0, 2, 4, 8], checks: [COUNT, NON_NEGATIVE, PERCENT, ANY] };

/** The typed values as decimal text per slot ('-' when missing), or 'typing'. */
function read(record: Record<string, number | string>): string[] | 'typing' {
  const values = typedNumbers(record, plan, 5, span);
  return values === undefined ? 'typing' : values.map((v) => (v === undefined ? '-' : toDecimalString(v.value, 30)));
}

describe('typedNumbers', () => {
  it('reads each number at its shortest decimal, counts beyond 2^53 included', () => {
    expect(read({ n: 2 ** 60, d: 119.99999999999999, p: 0.12345678901234568, x: -3 })).toEqual(['1152921504606847000', '119.99999999999999', '0.12345678901234568', '-', '-3']);
    expect(read({ n: 1e21 })).toEqual(['1000000000000000000000', '-', '-', '-', '-']);
  });

  it('sends to typing what typing refuses or would report', () => {
    expect(read({ n: 1.5 })).toBe('typing');
    expect(read({ n: -1 })).toBe('typing');
    expect(read({ n: 1e61 })).toBe('typing');
    expect(read({ d: -0.5 })).toBe('typing');
    expect(read({ p: 1.5 })).toBe('typing');
    expect(read({ x: '12' })).toBe('typing');
    expect(read({ x: Number.NaN })).toBe('typing');
  });
});
