// Library API, expressions: a plain record whose values are all numbers (or missing) -> the typed
// metric values the full typing would give, without it; or undefined, which sends it to typing.
import type { DataValue } from '../data/metric-data.js';
import type { Span } from '../diagnostics/diagnostic.js';
import { MAX_SAFE } from '../numbers/safe-fraction.js';
import { fromSafeIntegers, parseDecimal, rational } from '../numbers/rational.js';
import type { PlainRecord } from './plain-data.js';
import { COUNT, admitterOf, type ReadPlan } from './record-admit.js';

/** The first magnitude whose shortest decimal parseDecimal refuses (an exponent beyond 60). */
const HUGE = 1e61;

/**
 * The values of `plan`'s metrics (indexed by slot, `count` long) when each is missing or a number
 * that typing accepts without a finding: one its admitter takes (record-admit.ts, whose checks
 * are typing's for plain numbers) or a count beyond 2^53 (a whole number typing reads exactly
 * from its shortest decimal). Each value is the exact reading of its shortest decimal, as typing
 * reads it (String(x); below 10^21 a whole number's is digits only, read as a bigint). Undefined for anything else: a string, a finding, a non-object record.
 * Why: a record the fast path gives up on (a zero divisor, a product beyond 2^53, a count beyond
 * 2^53) then skips typing's text parsing and findings, several times the cost of this.
 */
export function typedNumbers(record: PlainRecord, plan: ReadPlan, count: number, span: Span): (DataValue | undefined)[] | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const out = new Array<DataValue | undefined>(count).fill(undefined);
  const scratch = new Float64Array(2);
  const { names, offsets, checks } = plan;
  for (let i = 0; i < names.length; i++) {
    const x = record[names[i] as string];
    if (x === undefined) continue;
    if (typeof x !== 'number') return undefined;
    const check = checks[i] as number;
    const big = check === COUNT && x > MAX_SAFE && x < HUGE && Number.isInteger(x);
    if (!big && !admitterOf(check)(x, scratch, 0)) return undefined;
    const value = Number.isSafeInteger(x) ? fromSafeIntegers(x, 1) : big && x < 1e21 ? rational(BigInt(String(x))) : parseDecimal(String(x));
    if (value === undefined) return undefined;
    out[(offsets[i] as number) / 2] = { value, span };
  }
  return out;
}
