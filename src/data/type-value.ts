// Data stage support: one raw value + the metric's declared unit -> an exact value in the metric's
// base unit (percent as a fraction, duration in seconds, money in the contract currency's units).
//
// Rules (each finding located at the value):
// - count:    plain whole number >= 0 (E064 negative, E062 fraction or any unit).
// - percent:  plain number read as a fraction (above 1 is the error E060: `17.5` is ambiguous) or a
//             percentage (`17.5%`, taken as written).
// - ratio, number: plain number or percentage; durations and money are E062.
// - duration: `2 min 15 s` or a plain number of seconds; negative is E064.
// - money:    `30000 RUB` in the contract currency (E063 otherwise) or a plain number in it;
//             negative amounts are allowed (refunds, chargebacks and credits are real data).
import { diag } from '../diagnostics/codes.js';
import { NO_DIAGNOSTICS, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { MetricDecl, MetricUnit, RawValue } from '../contract/model.js';
import { compareRationals, HUNDRED, ONE, toDecimalString, type Rational } from '../numbers/rational.js';
import { readPlainNumber, readQuantity, shownValue, type Quantity, type QuantityKind } from './quantity.js';

export interface TypedValue {
  readonly value?: Rational;
  readonly diagnostics: readonly Diagnostic[];
}

/** What each unit accepts, for hints. */
const EXPECTED: Readonly<Record<MetricUnit, string>> = {
  count: 'a whole number such as 12000',
  percent: 'a percentage such as 17.5% (or the fraction 0.175)',
  ratio: 'a plain number such as 0.65 or a percentage such as 65%',
  number: 'a plain number',
  duration: 'a duration such as 2 min 15 s (or a number of seconds)',
  money: 'an amount in the contract currency such as 30000 {currency} (or a plain number)',
};

const KIND_WORDS: Readonly<Record<QuantityKind, string>> = {
  number: 'a plain number',
  percent: 'a percentage',
  duration: 'a duration',
  money: 'money',
};

/** Which quantity kinds each metric unit takes. */
const ACCEPTS: Readonly<Record<MetricUnit, readonly QuantityKind[]>> = {
  count: ['number'],
  percent: ['number', 'percent'],
  ratio: ['number', 'percent'],
  number: ['number', 'percent'],
  duration: ['number', 'duration'],
  money: ['number', 'money'],
};

/** Type one raw value against its metric (see the rules above). `currency` is the contract's. */
export function typeValue(raw: RawValue, metric: MetricDecl, currency: string): TypedValue {
  // Plain decimals (most data) skip readQuantity's regexes and result objects; every unit
  // accepts a plain number, so only the checks below apply.
  const plain = readPlainNumber(raw);
  if (plain !== undefined) return typeQuantity(raw, metric, currency, { kind: 'number', value: plain });
  const read = readQuantity(raw);
  if (read.quantity === undefined) return { diagnostics: read.diagnostics };
  return typeQuantity(raw, metric, currency, read.quantity);
}


function typeQuantity(raw: RawValue, metric: MetricDecl, currency: string, q: Quantity): TypedValue {
  const unit = metric.unit.value;
  if (!ACCEPTS[unit].includes(q.kind)) return { diagnostics: [wrongUnit(raw, metric, q, currency)] };
  if (q.kind === 'money' && q.currency !== currency) {
    return { diagnostics: [diag('E063', raw.span, { value: shownValue(raw), currency })] };
  }
  const negative = q.value.s < 0n && q.value.n !== 0n;
  if (negative && (unit === 'count' || unit === 'duration')) {
    return { diagnostics: [diag('E064', raw.span, { name: metric.name, value: shownValue(raw) })] };
  }
  if (unit === 'count' && q.value.d !== 1n) {
    const reason = `metric "${metric.name}" is a count; ${shownValue(raw)} is not a whole number`;
    return { diagnostics: [diag('E062', raw.span, { reason }, { hint: `write ${EXPECTED.count}` })] };
  }
  if (unit === 'percent' && q.kind === 'number' && compareRationals(q.value, ONE) > 0) {
    // A wrong invoice is worse than a refused one: nothing is guessed (SPEC section 4).
    return { diagnostics: [percentAsNumber(raw, metric, q.value)] };
  }
  return { value: q.value, diagnostics: NO_DIAGNOSTICS };
}

function wrongUnit(raw: RawValue, metric: MetricDecl, q: Quantity, currency: string): Diagnostic {
  const unit = metric.unit.value;
  const reason = `metric "${metric.name}" is ${unit === 'money' ? 'money' : `a ${unit}`}; ${shownValue(raw)} is ${KIND_WORDS[q.kind]}`;
  const hint = `write ${EXPECTED[unit].replace('{currency}', currency)}`;
  return diag('E062', raw.span, { reason }, { hint, labels: [{ span: metric.unit.span, message: `declared as ${unit} here` }] });
}

function percentAsNumber(raw: RawValue, metric: MetricDecl, value: Rational): Diagnostic {
  const written = shownValue(raw);
  return diag('E060', raw.span, {
    value: written,
    what: 'metric',
    name: metric.name,
    percent: `${toDecimalString(value.mul(HUNDRED))}%`,
    fraction: toDecimalString(value.div(HUNDRED)),
  });
}
