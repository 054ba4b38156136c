// Stage 4 (parseExpressions), literal forms: token text -> canonical literal values, and the
// token-level checks (E024 numbers, E022 units, E020 strings) that run before the grammar.
import type { IToken } from './chevrotain.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/suggest.js';
import type { DurationUnit } from './ast.js';
import * as T from './tokens.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Every accepted spelling of a duration unit and its canonical form. */
export const DURATION_UNITS: ReadonlyMap<string, DurationUnit> = new Map<string, DurationUnit>([
  ['s', 's'],
  ['sec', 's'],
  ['second', 's'],
  ['seconds', 's'],
  ['min', 'min'],
  ['minute', 'min'],
  ['minutes', 'min'],
  ['h', 'h'],
  ['hour', 'h'],
  ['hours', 'h'],
  ['d', 'd'],
  ['day', 'd'],
  ['days', 'd'],
]);

const VALID_NUMBER = /^(?:[0-9]+(?:_[0-9]+)*)?(?:\.[0-9]+(?:_[0-9]+)*)?$/;

/**
 * Canonical decimal text of a number as written, or undefined when it is malformed: `_` removed,
 * leading zeros of the integer part dropped, `0` added before a bare fraction (`.5` -> `0.5`).
 * Fraction digits are kept as written (`12.50` stays), so the text is exact and unambiguous.
 */
export function canonicalNumber(text: string): string | undefined {
  if (!VALID_NUMBER.test(text) || !/[0-9]/.test(text)) return undefined;
  const plain = text.replace(/_/g, '');
  const dot = plain.indexOf('.');
  const whole = (dot < 0 ? plain : plain.slice(0, dot)).replace(/^0+/, '') || '0';
  return dot < 0 ? whole : `${whole}.${plain.slice(dot + 1)}`;
}

/** An upper-case three-letter code (`RUB`); whether it is a real ISO 4217 code is checked later. */
export function isCurrencyCode(text: string): boolean {
  return /^[A-Z]{3}$/.test(text);
}

const UNKNOWN_ESCAPE = 'unknown escape: only \\" and \\\\ may follow "\\"';

interface StringProblem {
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

/** Problems in a string token's text, as ranges relative to the token start. */
function stringProblems(image: string): StringProblem[] {
  const problems: StringProblem[] = [];
  for (let i = 1; i < image.length; i++) {
    const c = image[i];
    if (c === '"') return problems;
    if (c !== '\\') continue;
    const next = image[i + 1];
    if (next !== '"' && next !== '\\' && next !== undefined) {
      problems.push({ start: i, end: i + 2, reason: UNKNOWN_ESCAPE });
    }
    i += 1;
  }
  problems.push({ start: 0, end: image.length, reason: 'unterminated string: add the closing "' });
  return problems;
}

/** The value of a valid string token: quotes removed, `\"` and `\\` resolved. */
export function unescapeString(image: string): string {
  return image.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

/** `"a\"b"` for `a"b`: the printer's inverse of {@link unescapeString}. */
export function escapeString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

type SpanOf = (start: number, end: number) => Span;

function tokenSpan(token: IToken, spanOf: SpanOf): Span {
  return spanOf(token.startOffset, token.startOffset + token.image.length);
}

function unitHint(unit: string): string | undefined {
  if (/^[a-z]{3}$/i.test(unit) && !DURATION_UNITS.has(unit.toLowerCase())) {
    return `currency codes are upper case: ${unit.toUpperCase()}`;
  }
  if (unit === 'percent' || unit === 'pct') return 'write a percentage as 20%';
  const near = suggestName(unit, DURATION_UNITS.keys());
  return near === undefined ? undefined : `did you mean ${near}?`;
}

/** E022 for a unit that is neither a duration unit nor a currency code; E020 for mixed compounds. */
function checkQuantity(units: readonly IToken[], spanOf: SpanOf): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const unit of units) {
    const text = unit.image;
    if (DURATION_UNITS.has(text)) continue;
    if (!isCurrencyCode(text)) {
      const hint = unitHint(text);
      const extras = hint === undefined ? {} : { hint };
      out.push(diag('E022', tokenSpan(unit, spanOf), { unit: text }, extras));
    } else if (units.length > 1) {
      const reason = 'only durations can be written in several parts, like 2 min 15 s';
      out.push(diag('E020', tokenSpan(unit, spanOf), { reason }));
    }
  }
  return out;
}

/** Literal checks over the token list; the grammar treats a number followed by a name as a quantity. */
export function checkLiterals(tokens: readonly IToken[], spanOf: SpanOf): Diagnostic[] {
  const out: Diagnostic[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as IToken;
    if (token.tokenType === T.StringLiteral) {
      for (const p of stringProblems(token.image)) {
        const at = token.startOffset;
        out.push(diag('E020', spanOf(at + p.start, at + p.end), { reason: p.reason }));
      }
    } else if (token.tokenType === T.NumberLiteral) {
      const units: IToken[] = [];
      let j = i;
      while (tokens[j]?.tokenType === T.NumberLiteral) {
        const number = tokens[j] as IToken;
        if (canonicalNumber(number.image) === undefined) {
          out.push(diag('E024', tokenSpan(number, spanOf), { text: number.image }));
        }
        const unit = tokens[j + 1];
        j += 1;
        if (unit?.tokenType !== T.Identifier) break;
        units.push(unit);
        j += 1;
      }
      appendAll(out, checkQuantity(units, spanOf));
      i = j;
      continue;
    }
    i += 1;
  }
  return out;
}
