// Smoke run of the bench harness inside `npm test`: the agreement check only (attain exact on
// every generated client-month, peers equal to hand-written JS outside float-hostile records).
// No speed assertions: timings belong to `npm run bench` (docs/performance.md).
import { describe, expect, it } from 'vitest';
import { formatAgreement, quickAgreement } from '../../bench/lib/agreement.mjs';
import { loadContract } from '../../src/contract/load-contract.js';
import { bindData } from '../../src/data/bind.js';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { checkContract } from '../../src/check/check-contract.js';
import { compileProgram } from '../../src/compile/compile-program.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { priceInvoice } from '../../src/invoice/price-invoice.js';
import { formatMinor } from '../../src/numbers/money.js';
import { isRational, toDecimalString } from '../../src/numbers/rational.js';

const lib = { loadContract, createSourceFile, checkContract, compileProgram, bindData, evaluatePeriod, priceInvoice, isRational, toDecimalString, formatMinor };

describe('bench harness (quick agreement)', () => {
  it('attain agrees with the exact reference and every engine with hand-written JS', async () => {
    const report = await quickAgreement(lib, 1500);
    expect(report.ok, formatAgreement(report)).toBe(true);
    expect(report.hostile).toBeGreaterThan(0);
  }, 60_000);
});
