// Stage 3/8 support: ISO 4217 currency codes and the digits of their minor unit.
// Input: an upper-case three-letter code; output: known or not, and 0-4 minor-unit digits.
//
// A hand-kept table rather than a data package: minor-unit digits decide invoice amounts, so they
// must not change under a dependency upgrade (same contract + same data = same bytes), and the
// packages on npm map the ISO "N.A." entries (XAU, XDR, XXX, ...) to 0 digits, which would accept
// non-currencies as payable. Source: ISO 4217 list one as published 2024-06-25, plus XCG
// (Caribbean guilder, which replaces ANG in 2025; ANG is kept for older contracts).
// Codes whose minor unit is "N.A." (precious metals, SDR, fund units, XTS, XXX) are not money.

/** Currencies whose minor unit has 0 digits (all amounts are whole units). */
const ZERO_DIGIT_CODES =
  'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';

/** Currencies whose minor unit has 3 digits. */
const THREE_DIGIT_CODES = 'BHD IQD JOD KWD LYD OMR TND';

/** Currencies whose minor unit has 4 digits (units of account). */
const FOUR_DIGIT_CODES = 'CLF UYW';

/** Currencies whose minor unit has 2 digits. */
const TWO_DIGIT_CODES =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
  'GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK ' +
  'LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK ' +
  'NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP ' +
  'STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ' +
  'ZAR ZMW ZWG';

function buildTable(): ReadonlyMap<string, number> {
  const table = new Map<string, number>();
  const groups: readonly (readonly [string, number])[] = [
    [ZERO_DIGIT_CODES, 0],
    [TWO_DIGIT_CODES, 2],
    [THREE_DIGIT_CODES, 3],
    [FOUR_DIGIT_CODES, 4],
  ];
  for (const [codes, digits] of groups) {
    for (const code of codes.split(' ')) table.set(code, digits);
  }
  return table;
}

/** ISO 4217 code -> digits of its minor unit. Keyed by exact upper-case code. */
const MINOR_DIGITS: ReadonlyMap<string, number> = buildTable();

/**
 * True when `code` is an ISO 4217 currency with a defined minor unit (`RUB`, `JPY`, `KWD`).
 * Case-sensitive: contracts write codes in upper case (`rub` is not a currency).
 */
export function isKnownCurrency(code: string): boolean {
  return MINOR_DIGITS.has(code);
}

/**
 * Digits of the minor unit of a known currency (RUB 2, USD 2, EUR 2, JPY 0, KWD 3, CLF 4), or
 * `undefined` for an unknown code. Use this where the code comes from user input.
 */
export function findMinorDigits(code: string): number | undefined {
  return MINOR_DIGITS.get(code);
}

/**
 * Digits of the minor unit of `code` (RUB 2, JPY 0, KWD 3). The code must be known
 * (`isKnownCurrency`); an unknown code here is a bug in the caller and throws RangeError.
 */
export function minorDigits(code: string): number {
  const digits = MINOR_DIGITS.get(code);
  if (digits === undefined) throw new RangeError(`unknown currency "${code}" reached minorDigits`);
  return digits;
}
