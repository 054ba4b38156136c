// Pipeline for `attain validate`, one checked contract: the metric values its own `tests:` give
// (data and history) typed against its metrics -> their findings (E060-E065, E061, E069), located.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Contract } from '../../contract/model.js';
import { bindTestData } from '../../data/bind.js';
import { appendAll } from '../../diagnostics/append-all.js';

/**
 * The findings of binding every test's data and history to the contract, as `attain test` would
 * report them before running it: SPEC 1 has CI validate "the contract's own test cases" and SPEC 2
 * has the engine check references and units, so a `tests:` value for an unknown metric or a
 * percent written as 17.5 is an error of validation too, not only of `attain test`.
 */
export function testDataFindings(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const test of contract.tests) {
    const bound = bindTestData(contract, test);
    if (bound.diagnostics.length > 0) appendAll(out, bound.diagnostics);
  }
  return out;
}
